"""Instructions each of many functions costs over one pass of full extraction of corpus/pdf, in one callgrind run.

    valgrind --tool=callgrind --toggle-collect=vanban_cg_pass --callgrind-out-file=OUT \\
        .venv/bin/python bench/cg_many.py [--corpus DIR] module:name [module:Class.method ...]
    python bench/cg_many.py --report OUT       # inclusive instructions of the pass and of each function

(the names of the symbols are kept in `--names`, cg_many.names.json by default, between the two.)

`cg_function.py` counts one function a run (its toggle is `operator.call`, one C function for all).
Here each named function is wrapped in a C function of its own (a trampoline compiled on the fly
with the system's C compiler, one symbol per function), so callgrind's inclusive cost of each symbol
is what that function and all it calls cost in the pass: a whole breakdown from one run (~2 minutes
on a quiet machine, as `full`). Two passes warm the caches first (run with PYTHONHASHSEED=0). A name
is wrapped as `cg_function.py` wraps it (also where another module imported it by name); a function
that a module keeps under another name, or reads through a cached factory, is not seen.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.machinery
import importlib.util
import json
import re
import subprocess
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from cg_function import wrap  # the same wrapper, run from bench/ as the docstring says

_PASS = "vanban_cg_pass"


def _trampolines(n: int) -> Any:
    """A module of `n` + 1 C functions `t0` ... `tn`, each calling its first argument with the rest:
    `t0` is compiled as the symbol `vanban_cg_pass`, `ti` as `vanban_cg_<i>`."""
    names = [_PASS, *(f"vanban_cg_{i}" for i in range(1, n + 1))]
    body = "".join(
        f"__attribute__((noinline)) static PyObject* {c}(PyObject* s, PyObject* const* a, Py_ssize_t n, "
        f"PyObject* k) {{ return PyObject_Vectorcall(a[0], a + 1, n - 1, k); }}\n" for c in names)
    table = "".join(f'{{"t{i}", (PyCFunction)(void(*)(void)){c}, METH_FASTCALL | METH_KEYWORDS, ""}},\n'
                    for i, c in enumerate(names))
    source = ("#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n" + body
              + f"static PyMethodDef M[] = {{\n{table}{{NULL, NULL, 0, NULL}}}};\n"
              "static struct PyModuleDef D = {PyModuleDef_HEAD_INIT, \"cg_tramp\", NULL, -1, M};\n"
              "PyMODINIT_FUNC PyInit_cg_tramp(void) { return PyModule_Create(&D); }\n")
    folder = Path(tempfile.mkdtemp(prefix="cg_tramp_"))
    (folder / "cg_tramp.c").write_text(source)
    target = folder / f"cg_tramp{sysconfig.get_config_var('EXT_SUFFIX')}"
    subprocess.run(["cc", "-O1", "-g", "-shared", "-fPIC", f"-I{sysconfig.get_paths()['include']}",
                    str(folder / "cg_tramp.c"), "-o", str(target)], check=True)
    loader = importlib.machinery.ExtensionFileLoader("cg_tramp", str(target))
    spec = importlib.util.spec_from_file_location("cg_tramp", target, loader=loader)
    module = importlib.util.module_from_spec(spec)          # type: ignore[arg-type]
    loader.exec_module(module)
    return module


def report(out: Path, names_file: Path) -> None:
    """The pass's and each function's inclusive instructions, most first, from callgrind's output."""
    names = json.loads(names_file.read_text())
    annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
                               capture_output=True, text=True, check=True).stdout
    for line in annotated.splitlines():
        m = re.match(r"\s*([\d,]+) .*:(vanban_cg_(?:pass|\d+)) ", line)
        if m:
            print(f"{int(m.group(1).replace(',', '')) / 1e6:10.1f}M  {names[m.group(2)]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("targets", nargs="*", help="module:name or module:Class.method")
    ap.add_argument("--corpus", type=Path, default=Path("corpus/pdf"))
    ap.add_argument("--report", type=Path, help="print the figures of a callgrind output file and stop")
    ap.add_argument("--names", type=Path, default=Path("cg_many.names.json"), help="where the symbols' names are kept")
    a = ap.parse_args()
    if a.report:
        report(a.report, a.names)
        return
    from vanban.extract.read import read
    from vanban.extract.record import build_record

    files = sorted(a.corpus.glob("*.pdf"))

    def one_pass() -> None:
        for f in files:
            build_record(read(f))

    one_pass()
    one_pass()
    tramp = _trampolines(len(a.targets))
    names = {_PASS: "(the pass)"}
    for i, target in enumerate(a.targets, 1):
        wrap(target, getattr(tramp, f"t{i}"))
        names[f"vanban_cg_{i}"] = target
    a.names.write_text(json.dumps(names))
    tramp.t0(one_pass)


if __name__ == "__main__":
    main()

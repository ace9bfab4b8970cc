"""Instructions one function costs over a pass of full extraction of corpus/pdf, counted by callgrind.

    valgrind --tool=callgrind --toggle-collect=_operator_call --callgrind-out-file=OUT \\
        .venv/bin/python bench/cg_function.py vanban.extract.normalise:fold [CORPUS_PDF_DIR]
    grep -E '^(summary|totals):' OUT          # the function's inclusive instructions for one pass

Wall-clock samples (py-spy) are noisy on a shared machine and cProfile weighs calls, not work. Here
two passes warm every cache, then the named function (`module:name` or `module:Class.method`) is
wrapped so that each call runs inside `operator.call`, whose C function callgrind counts only while
it runs (`--toggle-collect`): the total is exactly what the function and all it calls cost in one
pass, steady (run with PYTHONHASHSEED=0). A function that calls itself is not counted right (the
inner call toggles counting off); `full` as the name counts the whole pass, `floor` a pass of
pypdfium2's raw reading of the same pages (bench/extract.py's floor), so that the two compare.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import operator
import sys
from pathlib import Path
from typing import Any

from vanban.extract.read import read
from vanban.extract.record import build_record


def wrap(target: str, trampoline: Any = operator.call) -> None:
    """Every call of `target` (and of the same function imported by name elsewhere) through `trampoline`
    (`operator.call`, whose C function callgrind can toggle on; bench/cg_many.py gives each its own)."""
    module_name, qualname = target.split(":")
    *path, name = qualname.split(".")
    owner: Any = importlib.import_module(module_name)
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, name)

    @functools.wraps(original)
    def counted(*args: Any, **kwargs: Any) -> Any:
        return trampoline(original, *args, **kwargs)

    setattr(owner, name, counted)
    if not path:
        for module in list(sys.modules.values()):
            if module is not None and getattr(module, name, None) is original:
                setattr(module, name, counted)


def main() -> None:
    target = sys.argv[1]
    files = sorted(Path(sys.argv[2] if len(sys.argv) > 2 else "corpus/pdf").glob("*.pdf"))

    def one_pass() -> None:
        for f in files:
            build_record(read(f))

    if target == "floor":
        spec = importlib.util.spec_from_file_location("bench_extract", Path(__file__).with_name("extract.py"))
        bench = importlib.util.module_from_spec(spec)       # type: ignore[arg-type]
        spec.loader.exec_module(bench)                      # type: ignore[union-attr]
        run_floor = bench.run_floor
        run_floor(files, 2)
        operator.call(run_floor, files, 1)
        return
    one_pass()
    one_pass()
    if target == "full":
        operator.call(one_pass)
        return
    wrap(target)
    one_pass()


if __name__ == "__main__":
    main()

"""Data flows down the layers and never back up: read → normalise → extract → identify → store →
query → CLI. Every import of every module (inside functions too) is checked against the ranks
below, so that a shortcut that runs back up fails here rather than turning into a loop later."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_READING = ("model", "sniff", "read_txt", "read_pdf", "read_docx", "read_doc", "pdf_tables", "pdf_objects",
            "pdf_capitals", "pdf_widgets", "legacy", "char_runs", "pdf_grid",
            "textcheck", "catalogue", "ocr", "ocr_cache", "ocr_repair", "pages", "syllables", "spelling", "limits",
            "line_fold", "ocr_signature")                                # normalise's line folding, moved out of it
# group (a module or a package, longest prefix wins) -> rank; a module may import its own group
# and any lower rank, never a higher one nor a different group of the same rank.
RANKS: dict[str, int] = {
    "vanban.patterns": 0,
    "readers": 1,                                       # file -> raw text (_READING)
    "vanban.extract.normalise": 2,
    "vanban.extract.read": 3,                           # any file -> normalised Document
    "vanban.extract": 4,                                # the extractors and the record
    "vanban.identity": 5,
    "vanban.db": 6,                                     # the store
    "vanban.db.queries": 7,                             # the questions
    "vanban.pipeline": 7,                               # ingest: drives the store, asks no question
    "vanban.questions": 8,
    "vanban.api": 8,
    "vanban": 9,                                        # the public API's lazy names
    "vanban.web": 9,                                    # the web pages, over the same questions as the CLI
    "vanban.cli": 10,                                   # `vanban serve` and `vanban user` are verbs over the web
    "vanban.__main__": 11,                              # `python -m vanban` runs the CLI
}


def _package_dirs() -> dict[str, Path]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dirs = config["tool"]["setuptools"]["package-dir"]
    return {name: ROOT / path for name, path in dirs.items()}


def _modules() -> Iterator[tuple[str, Path]]:
    seen: set[Path] = set()
    for package, folder in sorted(_package_dirs().items(), key=lambda kv: -len(kv[0])):
        for path in sorted(folder.rglob("*.py")):
            if path in seen or ".venv" in path.parts:
                continue
            seen.add(path)
            rel = path.relative_to(folder).with_suffix("").parts
            parts = rel[:-1] if rel[-1] == "__init__" else rel
            yield ".".join((package, *parts)), path


def _group(module: str) -> str | None:
    if module.removeprefix("vanban.extract.").split(".")[0] in _READING and module.startswith("vanban.extract."):
        return "readers"
    best = None
    for group in RANKS:
        if (module == group or module.startswith(group + ".")) and (best is None or len(group) > len(best)):
            best = group
    return best


def _imports(module: str, path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:       # `from vanban import questions` imports vanban.questions
                yield node.lineno, f"{base}.{alias.name}" if _group(f"{base}.{alias.name}") != _group(base) else base


def test_every_module_is_in_a_layer() -> None:
    modules = dict(_modules())
    assert len(modules) > 40 and "vanban.extract.citations" in modules and "vanban.cli.main" in modules
    assert [m for m in modules if _group(m) is None] == []


def test_no_import_runs_back_up() -> None:
    upward = []
    for module, path in _modules():
        source = _group(module)
        assert source is not None
        for line, target in _imports(module, path):
            group = _group(target)
            if group is None or group == source:
                continue                       # a library, or the module's own group
            if RANKS[group] >= RANKS[source]:
                upward.append(f"{path.relative_to(ROOT)}:{line}: {module} ({source}) imports {target} ({group})")
    assert upward == []


def test_the_layer_check_catches_an_import_back_up(tmp_path: Path) -> None:
    """The check itself: a store module importing the pipeline or the CLI would be caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from vanban.pipeline.ingest import ingest_folder\n    import vanban.cli\n")
    targets = [t for _, t in _imports("vanban.db.bad", bad)]
    assert [RANKS[_group(t)] >= RANKS["vanban.db"] for t in targets] == [True, True]


def test_the_extractor_and_the_api_do_not_load_the_store() -> None:
    """`import vanban.extract...` and `import vanban` stay light: no SQLAlchemy, no pandas, no CLI."""
    code = ("import sys, vanban, vanban.extract.record, vanban.api; "
            "heavy = [m for m in ('sqlalchemy', 'pandas', 'click', 'vanban.db', 'vanban.cli') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"

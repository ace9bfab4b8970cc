"""vanban: structured data from Vietnamese administrative reports.

    import vanban
    record = vanban.extract("report.pdf")        # header, citations, figures, tables, flags
    vanban.find_citations("theo Kế hoạch số 450/KH-SYT ...")
    vanban.ingest("reports/", db="sqlite:///vanban.db")
    vanban.questions.coverage("76/NQ-CP", db="sqlite:///vanban.db")

The names are loaded on first use (module `__getattr__`), so that importing a part of vanban,
or starting the command line, does not import every layer.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

import vanban.extract  # noqa: F401 - the package (extract/): only its one-line __init__ runs here

__version__ = "0.1.0"
__all__ = ["Record", "extract", "find_citations", "ingest", "questions", "read"]

class _ExtractPackage(types.ModuleType):
    """`vanban.extract` is both the extractor's package and the function `vanban.extract(path)`.

    Importing a submodule (`vanban.extract.citations`) sets the attribute `vanban.extract` to the
    package, so the package itself answers the call.
    """

    def __call__(self, path: Any, *, with_text: bool = False, lang: str | None = None) -> Any:
        from vanban.api import extract

        return extract(path, with_text=with_text, lang=lang)


sys.modules["vanban.extract"].__class__ = _ExtractPackage
_API = frozenset({"Record", "find_citations", "ingest", "read"})


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module("vanban.api"), name)
    if name == "questions":
        return importlib.import_module("vanban.questions")
    raise AttributeError(f"module 'vanban' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])

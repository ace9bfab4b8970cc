"""README's Python section runs as written, against the bundled corpus, with `import vanban` only."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS

README = Path(__file__).resolve().parents[1] / "README.md"


def _python_section() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("\n## Python"):]
    section = section[:section.index("\n## ", 1)]
    [code] = re.findall(r"```python\n(.*?)```", section, re.S)
    return code


def test_the_python_section_imports_vanban_only() -> None:
    imports = re.findall(r"^\s*(?:import|from)\s+(\S+)", _python_section(), re.M)
    assert imports and set(imports) <= {"vanban", "vanban.questions"}


def test_the_python_section_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "corpus").symlink_to(CORPUS)            # the README's paths, and its store in tmp_path
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VANBAN_DB", raising=False)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(_python_section(), str(README), "exec"), {"__name__": "readme"})
    printed = out.getvalue()
    assert "citations" in printed and "5 reports in the store" in printed and "full" in printed
    assert "Trung tâm Y tế" in printed                     # the coverage table names the units
    assert os.path.exists(tmp_path / "vanban.db")

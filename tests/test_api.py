"""The public API: typed results whose `.to_dict()` is what the command line prints."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys

import vanban
from tests.conftest import CORPUS
from vanban.extract.record import extract_file

TXT = CORPUS / "txt" / "001_c8d032cd6b35c309.txt"


def test_extract_is_the_record_with_its_parts_as_attributes(monkeypatch) -> None:
    monkeypatch.delenv("VANBAN_LANG", raising=False)
    record = vanban.extract(TXT)
    assert isinstance(record, vanban.Record)
    assert {k: v for k, v in record.to_dict().items() if k != "flags"} == \
        {k: v for k, v in extract_file(TXT).items() if k != "flags"}
    assert record.citations and record.document["doc_type"] and record.source["format"] == "txt"
    assert vanban.extract(TXT, with_text=True).to_dict()["text"] == vanban.read(TXT).text


def test_extract_says_flags_as_the_command_prints_them(monkeypatch) -> None:
    """Vietnamese unless asked otherwise, whatever the locale: the record `vanban extract` prints."""
    monkeypatch.delenv("VANBAN_LANG", raising=False)
    path = CORPUS / "txt" / "002_10029ef880a30beb.txt"
    env = {k: v for k, v in os.environ.items() if k != "VANBAN_LANG"} | {"LANG": "C.UTF-8"}
    printed = json.loads(subprocess.run([sys.executable, "-m", "vanban", "extract", str(path), "--format", "json"],
                                        capture_output=True, text=True, check=True, env=env).stdout)
    record = vanban.extract(path).to_dict()
    assert record["flags"], "sample 002 has flags"
    assert record == printed
    assert "không khớp" in " ".join(f["message"] for f in record["flags"])
    english = vanban.extract(path, lang="en").to_dict()
    assert [f["message_key"] for f in english["flags"]] == [f["message_key"] for f in record["flags"]]
    assert "does not match" in " ".join(f["message"] for f in english["flags"])


def test_extract_stays_a_function_once_the_extract_package_is_imported() -> None:
    import vanban.extract.citations  # binds the package to the name `vanban.extract`

    assert vanban.extract(TXT, lang="en").to_dict() == extract_file(TXT)


def test_find_citations_returns_typed_citations() -> None:
    [c] = vanban.find_citations("thực hiện Kế hoạch số 450/KH-SYT ngày 01/02/2025 của Sở Y tế")
    assert (c.kind, c.canonical, c.date) == ("full", "450/KH-SYT", "2025-02-01")
    assert c.to_dict()["span"] == list(c.span)
    # written out by hand (no `asdict`): every field, in the dataclass's order
    assert list(c.to_dict()) == [f.name for f in dataclasses.fields(c)]


def test_import_vanban_loads_nothing_heavy() -> None:
    code = "import sys, vanban; print(sorted(m for m in sys.modules if m.startswith('vanban')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['vanban', 'vanban.extract']"

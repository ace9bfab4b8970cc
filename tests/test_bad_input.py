"""Bad input: one line naming the file and the reason, exit code 2 for a file; a folder goes on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, WILD, need
from vanban.patterns import strings

VANBAN = [sys.executable, "-m", "vanban"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*VANBAN, *args], capture_output=True, text=True, timeout=300)


# A PDF whose one page is named but not there: it opens, it counts a page, the page will not load
_PAGE_BODY = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
              b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
_PAGE_MISSING = (_PAGE_BODY + b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
                 b"trailer\n<< /Root 1 0 R /Size 3 >>\nstartxref\n" + str(len(_PAGE_BODY)).encode() + b"\n%%EOF\n")


def make_bad(folder: Path) -> dict[str, str]:
    """Bad files, each with the reason its error must give."""
    pdf = (CORPUS / "pdf" / "001_c8d032cd6b35c309.pdf").read_bytes()
    docx = (CORPUS / "docx" / "001_c8d032cd6b35c309.docx").read_bytes()
    files = {
        "empty.txt": (b"", "empty file"),
        "truncated.pdf": (pdf[: len(pdf) // 3], "damaged or truncated PDF"),
        "notzip.docx": ("Báo cáo công tác".encode(),
                        "not a Word .docx file: the content is plain text; rename it to .txt"),
        "reallyapdf.docx": (pdf, "the content is a PDF; rename it to .pdf"),
        "reallyadocx.pdf": (docx, "the content is a Word .docx file; rename it to .docx"),
        "notes.xlsx": (b"PK\x03\x04", "unsupported file type .xlsx"),
        "noise.doc": (bytes(range(256)) * 20, "not a Word .doc file: the content is binary data of no known format"),
        "nopage.pdf": (_PAGE_MISSING, "damaged PDF file (PdfiumError: Failed to load page.)"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: reason for name, (_, reason) in files.items()}


def test_each_bad_file_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    """The line in English with --lang en; in Vietnamese by default, the same reason said from the catalogue."""
    for name, reason in make_bad(tmp_path).items():
        out = run("extract", str(tmp_path / name), "--lang", "en")
        assert out.returncode == 2, name
        assert out.stdout == ""
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1, out.stderr                        # no traceback
        assert lines[0].startswith(str(tmp_path / name) + ":")
        assert reason in lines[0]
        english = lines[0].removeprefix(str(tmp_path / name) + ": ")
        vi = run("extract", str(tmp_path / name))
        assert vi.returncode == 2 and vi.stdout == ""
        assert vi.stderr.strip() == f"{tmp_path / name}: {strings.say_reason(english, 'vi')}"
        assert strings.say_reason(english, "vi") != english, english


def test_a_folder_goes_on_past_bad_files(tmp_path: Path) -> None:
    reasons = make_bad(tmp_path)
    shutil.copy(CORPUS / "txt" / "001_c8d032cd6b35c309.txt", tmp_path / "good.txt")
    shutil.copy(CORPUS / "docx" / "003_54f63113053d84ec.docx", tmp_path / "good.docx")
    out = run("extract", str(tmp_path), "--lang", "en")
    assert out.returncode == 1
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert sorted(Path(r["source"]["path"]).name for r in records) == ["good.docx", "good.txt"]
    errors = out.stderr.strip().splitlines()
    assert "Traceback" not in out.stderr
    failing = {Path(line.split(":")[0]).name for line in errors if ": " in line and not line[0].isdigit()}
    supported = {n for n in reasons if not n.endswith(".xlsx")}
    assert supported <= failing
    assert any("notes.xlsx: skipped" in line for line in errors)
    assert errors[-1].startswith("2 extracted, 7 failed, 1 skipped")
    vi = run("extract", str(tmp_path)).stderr.strip().splitlines()
    assert f"{tmp_path / 'empty.txt'}: tệp rỗng (0 byte)" in vi
    assert any(line.startswith(f"{tmp_path / 'notes.xlsx'}: bỏ qua (không phải loại văn bản (.xlsx)") for line in vi)
    assert vi[-1] == "đã trích xuất 2 tệp, 7 tệp lỗi, 1 tệp bỏ qua"


@pytest.mark.slow
def test_the_wild_corpus_runs_to_the_end_without_a_traceback() -> None:
    out = run("extract", str(need(WILD)), "--lang", "en")
    assert out.returncode in (0, 1)
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    failed = [line for line in out.stderr.splitlines() if ": " in line and "skipped" not in line]
    files = [p for p in WILD.iterdir() if p.suffix in (".pdf", ".doc", ".docx", ".txt")]
    assert files
    assert len(records) + len(failed) + 0 == len(files)          # every file: a record or a reason
    for line in failed:
        assert any(w in line for w in ("LibreOffice", "encoding")), line        # scans are read by OCR now
    assert "needs OCR" not in out.stderr
    scans = {r["source"]["path"].rsplit("/", 1)[-1]: r for r in records if r["source"]["ocr"]}
    assert {p.name for p in files if "scan" in p.name and (p.suffix != ".doc" or shutil.which("soffice"))} <= set(scans)
    for name, r in scans.items():
        assert r["citations"] or r["document"]["doc_type"] or r["document"]["issuer"], name


def test_a_folder_with_traps_names_each_and_reads_the_rest(tmp_path: Path) -> None:
    """`vanban extract FOLDER` walks as ingest does: a link loop, a link out of the folder, a FIFO
    and a name that is not UTF-8 are each named, nothing hangs or is followed, the good file is read."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "loop").symlink_to(folder)
    (folder / "out.txt").symlink_to(CORPUS / "txt" / "001_c8d032cd6b35c309.txt")
    os.mkfifo(folder / "pipe.txt")
    odd = os.path.join(os.fsencode(folder), b"b\xe1o c\xe1o.txt")
    shutil.copy(CORPUS / "txt" / "002_10029ef880a30beb.txt", odd)
    out = run("extract", str(folder), "--lang", "en")
    assert "Traceback" not in out.stderr, out.stderr
    errors = out.stderr.strip().splitlines()
    assert out.returncode == 0, out.stderr            # skipped entries are not failures
    [record] = [json.loads(line) for line in out.stdout.splitlines()]
    assert record["citations"], "the file with the odd name is read"
    assert any("loop: skipped (link in a loop" in line for line in errors)
    assert any("out.txt: skipped (link out of the folder" in line for line in errors)
    assert any("pipe.txt: skipped (special file (a FIFO)" in line for line in errors)
    assert errors[-1] == "1 extracted, 0 failed, 3 skipped"

"""Why a file could not be read: one English text a reason (what readers raise and the store keeps),
said in Vietnamese by matching it against the English templates of patterns/strings.toml."""

from __future__ import annotations

import os
import re
import string
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from vanban.extract.limits import Limits
from vanban.extract.model import ReadError
from vanban.extract.read import read
from vanban.patterns import strings
from vanban.pipeline.pool import CRASHED, too_slow
from vanban.pipeline.walk import walk

EN = strings._catalogue()["en"]["reasons"]
VI = strings._catalogue()["vi"]["reasons"]


def _fields(template: str) -> set[str]:
    return {name for _, name, spec, conv in string.Formatter().parse(template) if name is not None
            and not spec and not conv}


def _sample(key: str) -> dict[str, str]:
    """Field values that no template could take for its own text."""
    return {f: f"<{key}.{f} 7>" for f in _fields(EN[key])}


def test_both_languages_have_every_reason_with_the_same_fields() -> None:
    assert EN.keys() == VI.keys()
    for key, template in EN.items():
        assert _fields(template) == _fields(VI[key]), key
        # plain `{name}`s only: a format spec or a brace of another kind would break the matching
        assert re.sub(r"\{\w+\}", "", template).count("{") == 0, key
        assert re.sub(r"\{\w+\}", "", VI[key]).count("{") == 0, key
        assert VI[key] != template or not re.search(r"[a-z]{4}", re.sub(r"\{\w+\}", "", template)), \
            f"{key} is not translated"


@pytest.mark.parametrize("key", sorted(EN))
def test_each_reason_is_found_again_from_its_english_text(key: str) -> None:
    sample = _sample(key)
    text = strings.reason(key, **sample)
    assert text == EN[key].format(**sample)
    assert strings.parse_reason(text) == (key, sample), "another template took this text"
    assert strings.say_reason(text, "vi") == VI[key].format(**sample)
    assert strings.say_reason(text, "en") == text


def test_a_reason_inside_a_reason_is_said_too() -> None:
    pdf = strings.reason("needs_ocr", what=strings.reason("image_only_pdf", pages=3),
                         blocked=strings.reason("ocr_off"))
    assert pdf == "image-only PDF (3 pages, no usable text): needs OCR, and OCR is turned off"
    assert strings.say_reason(pdf, "vi") == ("PDF chỉ có ảnh (3 trang, không có chữ dùng được): "
                                             "cần OCR, nhưng OCR đang tắt")
    walked = "special file (a FIFO), not a document"
    assert strings.say_reason(walked, "vi") == "tệp đặc biệt (FIFO), không phải văn bản"
    misnamed = "not a Word .docx file: the content is a PDF; rename it to .pdf"
    assert strings.say_reason(misnamed, "vi") == ("không phải tệp Word .docx: nội dung là tệp PDF; "
                                                  "hãy đổi đuôi tệp thành .pdf")


def test_text_no_template_matches_is_left_as_it_is() -> None:
    assert strings.say_reason("Resource temporarily unavailable (lạ)", "vi") == "Resource temporarily unavailable (lạ)"
    # the operating system's own words are known ([vi.os_errors]), alone or as a reason's field
    assert strings.say_reason("Permission denied", "vi") == "không có quyền"
    assert strings.say_reason("Permission denied", "en") == "Permission denied"
    assert strings.say_reason("", "vi") == ""
    pdfium = "damaged or truncated PDF (Failed to load document (PDFium: Data format error))"
    assert strings.say_reason(pdfium, "vi") == ("tệp PDF hỏng hoặc bị cắt cụt "
                                                "(Failed to load document (PDFium: Data format error))")


def test_the_language_asked_for_by_a_command_is_the_one_spoken() -> None:
    with strings.speaking("en"):
        assert strings.say_reason("empty file (0 bytes)") == "empty file (0 bytes)"
    with strings.speaking("vi"):
        assert strings.say_reason("empty file (0 bytes)") == "tệp rỗng (0 byte)"


def _refusal(path: Path, **kwargs: object) -> str:
    with pytest.raises(ReadError) as err:
        read(path, **kwargs)  # type: ignore[arg-type]
    return err.value.reason


def test_what_the_readers_raise_on_real_files_is_catalogued(tmp_path: Path) -> None:
    pdf = (CORPUS / "pdf" / "001_c8d032cd6b35c309.pdf").read_bytes()
    docx = (CORPUS / "docx" / "001_c8d032cd6b35c309.docx").read_bytes()
    bad = {"empty.pdf": b"", "truncated.pdf": pdf[: len(pdf) // 3], "notzip.docx": "Báo cáo".encode(),
           "reallyapdf.docx": pdf, "reallyadocx.pdf": docx, "notes.xlsx": b"PK\x03\x04",
           "latin1.txt": "Báo cáo công tác".encode("latin-1", "replace") + b"\x81",
           "big.txt": b"a" * (2 << 20)}
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    for name in bad:
        why = _refusal(tmp_path / name, limits=Limits(max_size_mb={"txt": 1, "pdf": 400, "docx": 100}))
        assert strings.parse_reason(why) is not None, why
        assert strings.say_reason(why, "vi") != why, why
    assert _refusal(tmp_path / "empty.pdf") == strings.reason("empty") == "empty file (0 bytes)"
    truncated = strings.say_reason(_refusal(tmp_path / "truncated.pdf"), "vi")
    assert truncated == "tệp PDF hỏng hoặc bị cắt cụt (dữ liệu không đúng định dạng PDF)", "no PDFium English"


def test_the_walk_and_the_pool_say_what_the_catalogue_knows(tmp_path: Path) -> None:
    """What the walk and the pool write is a catalogued reason, said again in Vietnamese."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "loop").symlink_to(folder)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "out.txt").symlink_to("/dev/null")
    os.mkfifo(folder / "pipe.txt")
    (folder / ".hidden.txt").write_text("x")
    (folder / "notes.xlsx").write_text("x")
    (folder / "good.txt").write_text("x")
    (folder / "again.txt").symlink_to(folder / "good.txt")
    reasons = [e.reason for e in walk(folder) if e.outcome != "file"]
    assert len(reasons) == 7
    for why in [*reasons, CRASHED, too_slow(Limits(timeout=2.5))]:
        assert strings.parse_reason(why) is not None, why
        assert strings.say_reason(why, "vi") != why, why


def test_the_pipeline_keeps_its_english_to_the_letter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store keeps these texts and older rows hold them: taking them from the catalogue changed no byte."""
    from vanban.pipeline import executors

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "loop").symlink_to(folder)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "out.txt").symlink_to("/dev/null")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / ".hidden.txt").write_text("x")
    (folder / ".cache").mkdir()
    (folder / "notes.xlsx").write_text("x")
    (folder / "README").write_text("x")
    (folder / "good.txt").write_text("x")
    (folder / "again.txt").symlink_to(folder / "good.txt")
    (folder / "up").symlink_to(folder / "sub")
    root = os.path.realpath(folder)
    walked = {Path(e.path).name: e.reason for e in walk(folder) if e.outcome != "file"}
    assert walked == {
        ".cache": "hidden or temporary folder",
        ".hidden.txt": "hidden or temporary file",
        "README": "not a document type ((none)): vanban reads .pdf, .docx, .doc and .txt",
        "again.txt": f"link to {root}/good.txt, read by its own path",
        "gone.txt": "broken link (No such file or directory)",
        "loop": f"link in a loop (to the folder {root} above it)",
        "notes.xlsx": "not a document type (.xlsx): vanban reads .pdf, .docx, .doc and .txt",
        "out.txt": "link out of the folder (to /dev/null): not followed",
        "pipe.txt": "special file (a FIFO), not a document",
        "self.txt": "link in a loop (it leads back to itself)",
        "up": f"link to the folder {root}/sub, walked by its own path",
    }
    assert CRASHED == "the reader crashed on this file (its worker process died); please report it"
    assert too_slow(Limits(timeout=2.5)) == ("took longer than 2.5 s: stopped, its worker replaced "
                                             "(--timeout or vanban.toml)")
    assert too_slow(Limits(timeout=600)).startswith("took longer than 600 s: ")
    said = {}
    for error in (MemoryError(), RecursionError(), ValueError("bad {value}")):
        def fail(*_: object, error: BaseException = error, **__: object) -> None:
            raise error
        monkeypatch.setattr("vanban.extract.record.extract_file", fail)
        said[type(error).__name__] = executors.extract_one("x.txt", None, Limits(memory_mb=700))[2]
    assert said == {"MemoryError": "needs more memory than the limit of 700 MB per worker (--memory or vanban.toml)",
                    "RecursionError": "nested too deeply to be read",
                    "ValueError": "internal error (ValueError: bad {value}); please report it"}


def test_a_reason_is_one_line_whatever_the_library_says() -> None:
    """lxml's message for a NUL in a .docx's XML holds a line break (found by tests/test_fuzz.py)."""
    from vanban.patterns.strings import reason

    said = reason("docx_bad_xml", error=ValueError("Invalid character: Char 0x0 out of allowed range\n, line 2"))
    assert said == "damaged Word .docx file (bad XML: Invalid character: Char 0x0 out of allowed range , line 2)"

"""Normalisation's shortcuts give what the plain rules give: gaps, mottos, markers, page numbers."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vanban.extract import line_fold as F
from vanban.extract import normalise as N
from vanban.extract.model import RawDocument, RawLine

ROOT = Path(__file__).resolve().parents[1]


def _plain_clean(text: str) -> str:
    """Each rule applied to the line as it stands, no shortcut."""
    text = N._PIPE.sub("\t", N._unify(text))
    text = N._SPACES.sub(" ", N._WIDE_GAP.sub("\t", text)).strip(" \t")
    if len(text) > 30:
        text = N._motto().sub(lambda m: f"\t{m.group(1)}\t", text).strip("\t ")
        text = N._TAB.sub("\t", text)
    return text


_LINES = [
    "a   b", "a\tb", "a  b", "a \t  b", "  lề  ", "Tổng | 12 ¦ 3 │ x", "x" * 31 + "  \t y",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ Y TẾ   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "BỆNH VIỆN ĐA KHOA Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc", "",
    "CHỦ NGHĨA VIỆT NAM và một dòng dài hơn ba mươi ký tự", "\u00a0\u2013 gạch\u200b nối",
]


def test_clean_lines_is_each_rule_on_each_line() -> None:
    assert N.clean_lines(_LINES) == [_plain_clean(t) for t in _LINES]
    for line in _LINES:
        assert N.clean_lines([line]) == [_plain_clean(line)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=" \t|¦│aXỘ-\u00a0CỘNGHÒAĐộclập", max_size=50), max_size=6))
def test_clean_lines_on_any_lines(lines: list[str]) -> None:
    assert N.clean_lines(lines) == [_plain_clean(t) for t in lines]


def _corpus_lines() -> list[str]:
    return [line for f in sorted((ROOT / "corpus" / "txt").glob("*.txt"))
            for line in N.clean_lines(f.read_text(encoding="utf-8").splitlines())]


def test_marker_shortcut_agrees_with_the_markers() -> None:
    markers = F._layout()[0]
    lines = [*_corpus_lines(), "a) mục", "đ) mục", "I. PHẦN", "Phần thứ hai", "- gạch", "1.2 Tiêu",
             "12) x", "Ă", "Tỉnh", "", "•", "1", "(1) x"]
    assert [F._marker(t) for t in lines] == [markers.match(t) is not None for t in lines]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="-+•*IVXLPhầntứ0123456789.) abcđĂ(\tT", min_size=1, max_size=14))
def test_marker_shortcut_on_any_line(line: str) -> None:
    assert F._marker(line) == (F._layout()[0].match(line) is not None)


def test_page_numbers_dropped_only_at_a_page_edge() -> None:
    raw = RawDocument(lines=[RawLine("- 2 -", 1), RawLine("Nội dung 5", 1), RawLine("5", 1),
                             RawLine("Trang 3", 2), RawLine("12", 2), RawLine("Văn bản", 2),
                             RawLine("7", 3), RawLine("7", 4, kind="para")], pages=4)
    doc = N.normalise(raw, path="x", fmt="pdf", data=b"")
    ends = [*doc.line_starts[1:], len(doc.text)]
    kept = [doc.text[a:b].strip() for a, b in zip(doc.line_starts, ends, strict=True)]
    assert kept == ["Nội dung 5", "12", "Văn bản", "7"]
    assert doc.line_pages == [1, 2, 2, 4]


def test_a_line_ending_in_the_word_so_goes_on_only_with_its_number() -> None:
    """"Nghị quyết số" + "190/2025/QH15" is one line broken by the margin; "… chuyển đổi số, xã hội số"
    (digital) + "7. Thực hiện …" is a heading, then the next: not one line (its section was lost)."""
    assert F.fold("Căn cứ Nghị quyết số", "190/2025/QH15 của Quốc hội") == " "
    assert F.fold("6. Ứng dụng công nghệ thông tin, chuyển đổi số, xã hội số",
                "7. Thực hiện mục tiêu, chỉ tiêu về xã hội số trong y tế") is None

"""Legacy TCVN3/VNI text: the tables, conversion, detection and the real files of ../shared/corpus/wild."""

from __future__ import annotations

import shutil
import unicodedata
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import WILD, need, vni_encode
from vanban.extract import legacy, textcheck
from vanban.extract.catalogue import load
from vanban.extract.model import Document, ReadError
from vanban.extract.ocr_cache import Ocr
from vanban.extract.read import read

_OWN = Path(__file__).resolve().parents[1] / "corpus"
UNICODE_SAMPLES = sorted(p for folder in ("txt", "docx", "pdf") for p in (_OWN / folder).glob("*.*"))

CANTHO = "cantho-ubnd-qd-256-2004-chuong-trinh-cchc-tcvn3.doc"
BTC = "btc-qd-144-2002-tcvn3.doc"
BINHPHUOC = "binhphuoc-ubnd-qd-991-2008-vni.doc"
NHNN = "nhnn-tt-01-2006-tcvn3-text-layer.pdf"
CP_BC = "cp-bc-kh-2004-2005-tcvn3-text-layer.pdf"
MELINH = "hn-melinh-pkdk-daithinh-kh-2018-doc97-tcvn3-mixed.doc"
FONT_TABLE_TRAP = "qngai-bv-tamthan-ehsmt-chuong5-yeu-cau-ky-thuat.docx"
VNI_FONT_TRAP = "brvt-ngaigiao-ubnd-qd-142-2024-vni-times-font.pdf"
BAD_OCR = ["hn-ttytdp-cv-3324-ytdp-sr-2018-scan-badocr.pdf",
           "kg-syt-qd-hoi-dong-sang-kien-2017-scan-badocr.pdf",
           "hcm-stp-cv-687-stp-vb-2021-scan-badocr.pdf"]

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                   reason="reading .doc needs LibreOffice")


def _wild(name: str) -> Path:
    return need(WILD / name)


@cache
def _read(name: str) -> Document:
    """Read once per session: a .doc goes through LibreOffice (about 2 s)."""
    return read(_wild(name))


def _pdf_text(name: str) -> str:
    """The raw text layer, as read_pdf sees it before any conversion."""
    pdf = pdfium.PdfDocument(_wild(name))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


# --- tables -----------------------------------------------------------------------------------

def _vowels() -> set[str]:
    """The 67 lowercase Vietnamese letters that carry a mark, and đ."""
    out = {"đ"}
    for base in "aăâeêioôơuưy":
        for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
            out.add(unicodedata.normalize("NFC", unicodedata.normalize("NFD", base) + tone))
    return out - set("aeiouy")


def test_tcvn3_table_writes_every_lowercase_letter_once() -> None:
    chars = load("legacy_encodings")["tcvn3"]["chars"]
    lower = [v for v in chars.values() if v.islower()]
    assert set(lower) == _vowels()
    assert len(lower) == len(set(lower))
    assert chars["\u00ad"] == "ư" and chars["¨"] == "ă" and chars["®"] == "đ" and chars["§"] == "Đ"


def test_vni_table_writes_every_letter_both_cases() -> None:
    data = load("legacy_encodings")["vni"]
    letters = set(data["single"].values()) | {v for g in data["pairs"].values() for v in g.values()}
    assert letters == _vowels() | {c.upper() for c in _vowels()}


# --- conversion of known words ------------------------------------------------------------------

@pytest.mark.parametrize(("legacy_text", "encoding", "unicode_text"), [
    ("c¶i c¸ch hµnh chÝnh", "tcvn3", "cải cách hành chính"),
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "tcvn3", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", "Độc lập - Tự do - Hạnh phúc"),
    ("Sè: 256 /2004/Q§-UB", "tcvn3", "Số: 256 /2004/QĐ-UB"),
    ("tr\u00adëng n\u00adíc", "tcvn3", "trưởng nước"),                  # 0xAD is 'ư'
    ("ng©n hµng nhµ n−íc, x∙ héi, Th«ng t−", "tcvn3", "ngân hàng nhà nước, xã hội, Thông tư"),  # NHNN PDF
    ("ñy ban nh©n d©n", "tcvn3h", "ỦY BAN NHÂN DÂN"),                  # .VnTimeH shows capitals
    ("QUYÕT §ÞNH", "tcvn3", "QUYẾT ĐỊNH"),                            # caps typed in .VnTime
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("TÆNH BÌNH PHÖÔÙC", "vni", "TỈNH BÌNH PHƯỚC"),
    ("Soá: 991/QÑ-UBND, ngaøy 14 thaùng 5 naêm 2008", "vni", "Số: 991/QĐ-UBND, ngày 14 tháng 5 năm 2008"),
])
def test_convert_known_words(legacy_text: str, encoding: str, unicode_text: str) -> None:
    assert legacy.convert(legacy_text, encoding) == unicode_text


def test_convert_leaves_unicode_words_alone() -> None:
    """A run already in Unicode, or partly converted, keeps its Unicode words ('các', 'nhân')."""
    assert legacy.convert("Kế ho¹ch n¨m 2018 của các đơn vị", "tcvn3") == "Kế hoạch năm 2018 của các đơn vị"
    assert legacy.convert("của ñy ban nhân dân thành phố", "tcvn3") == "của ủy ban nhân dân thành phố"
    assert legacy.convert("CỘNG HÒA XÃ HỘI, NỘI DUNG CÔNG TÁC", "tcvn3") == "CỘNG HÒA XÃ HỘI, NỘI DUNG CÔNG TÁC"
    assert legacy.convert("Phường Hoà Bình", "vni") == "Phường Hoà Bình"


def test_stand_ins_convert_only_inside_words() -> None:
    assert legacy.convert("Th«ng t− sè 5 − 3", "tcvn3") == "Thông tư số 5 − 3"


def test_pdfium_line_end_mark_is_u_horn_and_line_break() -> None:
    assert legacy.translate("nh\ufffekaraoke", "tcvn3") == "như\nkaraoke"


def test_u_horn_dropped_as_soft_hyphen_is_put_back_where_unambiguous() -> None:
    assert legacy.convert("bé trëng, n\u00adíc ngoµi, nãc", "tcvn3") == "bộ trưởng, nước ngoài, nóc"


@pytest.mark.parametrize(("font", "encoding"), [
    (".VnTime", "tcvn3"), (".VnTimeH", "tcvn3h"), (".VnArialH", "tcvn3h"), ("VnTime", "tcvn3"),
    ("VnTimeBold", "tcvn3"), (".VnTimeH,Bold", "tcvn3h"), ("ABCDEF+.VnTime", "tcvn3"),
    ("VNI-Times", "vni"), ("VNI Times", "vni"), ("Times New Roman", None), ("Arial", None), ("", None),
])
def test_encoding_of_font(font: str, encoding: str | None) -> None:
    assert legacy.encoding_of_font(font) == encoding


# --- round trips --------------------------------------------------------------------------------

_SYLLABLE = load("legacy_encodings")["syllable"]
_TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


@st.composite
def _syllables(draw: st.DrawFn) -> str:
    """A lowercase Vietnamese syllable by the grammar of the data file, tone on its marked vowel."""
    onset = draw(st.sampled_from(["", *_SYLLABLE["onsets"]]))
    rhyme = draw(st.sampled_from(_SYLLABLE["rhymes"]))
    stop = rhyme.endswith(tuple(_SYLLABLE["stops"]))
    tone = draw(st.sampled_from(["\u0301", "\u0323"] if stop else _TONES))
    vowels = [i for i, c in enumerate(rhyme) if unicodedata.normalize("NFD", c)[0] in "aeiouy"]
    marked = [i for i in vowels if len(unicodedata.normalize("NFD", rhyme[i])) > 1]
    at = (marked or vowels)[0]
    nucleus = unicodedata.normalize("NFD", rhyme[at]) + tone
    return unicodedata.normalize("NFC", onset + rhyme[:at] + nucleus + rhyme[at + 1:])


def _texts(words: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    seps = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", " - ", " 2004 ", "/"])
    return st.lists(st.tuples(words, seps), min_size=1, max_size=25).map(
        lambda pairs: "".join(w + s for w, s in pairs).strip())


def _tcvn3_encode(text: str) -> str:
    inverse = {v: k for k, v in load("legacy_encodings")["tcvn3"]["chars"].items()}
    return "".join(inverse.get(c, c) for c in text)



def _tcvn3_writable(word: str) -> str:
    """TCVN3 normal fonts have no capital with a tone: Title-case only when the capital exists."""
    title = word[:1].upper() + word[1:]
    inverse = set(load("legacy_encodings")["tcvn3"]["chars"].values())
    return title if title[0].isascii() or title[0] in inverse else word


@settings(max_examples=300, deadline=None)
@given(_texts(st.one_of(_syllables(), _syllables().map(_tcvn3_writable))))
def test_tcvn3_round_trip(text: str) -> None:
    assert legacy.convert(_tcvn3_encode(text), "tcvn3") == unicodedata.normalize("NFC", text)


@settings(max_examples=200, deadline=None)
@given(_texts(_syllables()))
def test_tcvn3h_round_trip_gives_capitals(text: str) -> None:
    assert legacy.convert(_tcvn3_encode(text), "tcvn3h") == unicodedata.normalize("NFC", text.upper())


@settings(max_examples=300, deadline=None)
@given(_texts(st.one_of(_syllables(), _syllables().map(str.title), _syllables().map(str.upper))))
def test_vni_round_trip(text: str) -> None:
    assert legacy.convert(vni_encode(text), "vni") == unicodedata.normalize("NFC", text)


@settings(max_examples=200, deadline=None)
@given(_texts(st.one_of(_syllables(), _syllables().map(str.title), _syllables().map(str.upper))))
def test_fix_leaves_unicode_vietnamese_alone(text: str) -> None:
    assert legacy.fix(text) == (text, None)


@settings(max_examples=100, deadline=None)
@given(_texts(_syllables()).filter(lambda t: len(t.split()) >= 12))
def test_detect_tells_tcvn3_from_vni(text: str) -> None:
    assert legacy.detect(_tcvn3_encode(text)) in ("tcvn3", None)
    assert legacy.detect(vni_encode(text)) in ("vni", None)


# --- detection and text checks ----------------------------------------------------------------

def test_detect_needs_more_than_a_few_odd_words() -> None:
    text = "Kế hoạch năm 2018 của phòng khám. " * 20 + "n¨m ho¹ch n¨m"
    assert legacy.detect(text) is None
    assert legacy.detect("© 2020, § 3, 5 µm, ± 2 °C, Müller, año") is None


@pytest.mark.parametrize("name", [NHNN, CP_BC])
def test_raw_tcvn3_text_layer_is_detected(name: str) -> None:
    raw = _pdf_text(name)
    assert legacy.detect(raw) == "tcvn3"
    assert textcheck.check(raw).verdict == "tcvn3"


def test_raw_vni_text_is_detected() -> None:
    raw = ("UÛY BAN NHAÂN DAÂN COÄNG HOAØ XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM\nTÆNH BÌNH PHÖÔÙC Ñoäc laäp - Töï do - "
           "Haïnh phuùc\nSoá: 991/QÑ-UBND Ñoàng Xoaøi, ngaøy 14 thaùng 5 naêm 2008\nQUYEÁT ÑÒNH\nVeà vieäc pheâ "
           "duyeät Keá hoaïch thöïc hieän quy hoaïch söû duïng röøng")
    assert legacy.detect(raw) == "vni"
    assert textcheck.check(raw).verdict == "vni"


@pytest.mark.parametrize("name", BAD_OCR)
def test_ocr_layer_without_vietnamese_is_refused(name: str) -> None:
    raw = _pdf_text(name)
    assert legacy.detect(raw) is None
    assert textcheck.check(raw).verdict == "no_vietnamese"
    with pytest.raises(ReadError, match="not Vietnamese"):
        read(_wild(name), ocr=Ocr(enabled=False))


@pytest.mark.parametrize("path", UNICODE_SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_unicode_corpus_is_left_alone(path: Path) -> None:
    doc = read(path)
    assert doc.encoding is None
    assert legacy.fix(doc.text) == (doc.text, None)
    assert textcheck.check(doc.text).verdict == "ok"


def test_docx_with_legacy_fonts_only_in_its_font_table() -> None:
    doc = _read(FONT_TABLE_TRAP)
    assert doc.encoding is None
    assert "YÊU CẦU VỀ KỸ THUẬT" in doc.text


def test_pdf_with_a_vni_font_subset_but_unicode_text() -> None:
    doc = _read(VNI_FONT_TRAP)
    assert doc.encoding is None
    assert "cải cách hành chính" in doc.text and "Quyết định" in doc.text


# --- the legacy files of corpus/wild, end to end ----------------------------------------------

@needs_soffice
def test_cantho_tcvn3_doc() -> None:
    doc = _read(CANTHO)
    assert doc.encoding == "tcvn3"
    assert "ỦY BAN NHÂN DÂN" in doc.text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in doc.text
    assert "Số: 256 /2004/QĐ-UB" in doc.text
    assert "Độc lập - Tự do - Hạnh phúc" in doc.text
    assert doc.text.count("cải cách hành chính") >= 40
    assert "Chương trình Cải cách hành chính của thành phố Cần Thơ giai đoạn 2004 - 2010" in doc.text
    assert "của ủy ban nhân dân thành phố Cần Thơ" in doc.text      # partly converted run, kept
    assert "Thủ tướng Chính phủ" in doc.text                          # 'ư' from a soft hyphen
    assert "Ban chấp hành Trung ương Đảng" in doc.text and "cho người lao động" in doc.text
    assert "c¸c" not in doc.text and "hµnh" not in doc.text


@needs_soffice
def test_btc_tcvn3_doc() -> None:
    doc = _read(BTC)
    assert doc.encoding == "tcvn3"
    assert "BỘ TÀI CHÍNH" in doc.text and "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in doc.text
    assert "Số: 144 /2002/QĐ/BTC" in doc.text
    assert "QUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH" in doc.text
    assert "Hà nội, ngày 22 tháng 11 năm 2002" in doc.text
    assert "Quyết định số 147/2002/QĐ-TTg" in doc.text


@needs_soffice
def test_btc_keeps_u_horn_written_as_soft_hyphen() -> None:
    """LibreOffice turns the TCVN3 byte 0xAD into <w:softHyphen/>; read_docx keeps it as U+00AD."""
    assert "thuế nhập khẩu ưu đãi" in _read(BTC).text


@needs_soffice
def test_binhphuoc_vni_doc() -> None:
    doc = _read(BINHPHUOC)
    assert doc.text.startswith("ỦY BAN NHÂN DÂN")
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in doc.text and "TỈNH BÌNH PHƯỚC" in doc.text
    assert "Số: 991/QĐ-UBND" in doc.text
    assert "Đồng Xoài, ngày 14 tháng5 năm 2008" in doc.text
    assert "QUYẾT ĐỊNH" in doc.text and "CHỦ TỊCH" in doc.text
    assert "Trương Tấn Thiệu" in doc.text
    assert "Phê duyệt Kế hoạch thực hiện quy hoạch sử dụng rừng" in doc.text


@needs_soffice
def test_binhphuoc_reports_its_encoding() -> None:
    assert _read(BINHPHUOC).encoding == "vni"


@needs_soffice
def test_melinh_mixed_doc_converts_legacy_runs_only() -> None:
    doc = _read(MELINH)
    assert doc.encoding in (None, "tcvn3")          # a Unicode document with a few TCVN3 runs
    assert "n¨m" not in doc.text and "o¹ch" not in doc.text
    assert "xây dựng kế hoạch hoạt động năm 2019 như sau" in doc.text
    assert "Trên đây là kế hoạch năm 2019" in doc.text
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in doc.text and "Phòng khám đa khoa Đại Thịnh" in doc.text


def test_nhnn_tcvn3_text_layer() -> None:
    doc = _read(NHNN)
    assert doc.encoding == "tcvn3"
    # set in .VnTimeHBold: capitals, though the text layer has the lowercase codes (pdf_capitals)
    assert "NGÂN HÀNG NHÀ NƯỚC" in doc.text and "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in doc.text
    assert "Số : 01/2006/TT-NHNN" in doc.text
    assert "Hà Nội, ngày 20 tháng 02 năm 2006" in doc.text
    assert "Thủ tướng Chính phủ" in doc.text        # 'ư' was U+2212 in the text layer
    assert "−" not in doc.text and "∙" not in doc.text


def test_cp_report_tcvn3_text_layer() -> None:
    doc = _read(CP_BC)
    assert doc.encoding == "tcvn3"
    assert doc.text.startswith("BÁO CÁO\nTÌNH HÌNH THỰC HIỆN NHIỆM VỤ KẾ HOẠCH NĂM 2004")
    assert doc.text.count("cải cách hành chính") >= 13
    assert doc.text.count("nước") > 250             # 'ư' was the soft hyphen U+00AD
    assert "\u00ad" not in doc.text


def test_cp_report_line_end_u_horn() -> None:
    text = _read(CP_BC).text.replace("\n", " ")
    assert "của ta như phát triển hành lang" in text and "suy thoái về tư tưởng" in text


def test_tcvn3_txt_file(tmp_path: Path) -> None:
    """A .txt saved in TCVN3: its bytes read as cp1252, detected and converted by read_txt."""
    raw = _pdf_text(NHNN).replace("\u2212", "\u00ad").replace("\u2219", "·")
    path = tmp_path / "tt01.txt"
    path.write_bytes(raw.encode("cp1252"))
    doc = read(path)
    assert doc.encoding == "tcvn3"
    assert "Hướng dẫn một số nội dung về góp vốn thành lập" in doc.text


@pytest.mark.parametrize("name", [NHNN, CP_BC])
def test_converted_text_is_not_converted_again(name: str) -> None:
    doc = _read(name)
    assert legacy.fix(doc.text) == (doc.text, None)
    assert textcheck.check(doc.text).verdict == "ok"

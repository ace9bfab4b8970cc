"""The header read by the rules of Nghị định 30/2020/NĐ-CP, however its two columns reached the text:
read column by column, line by line, run together on one line, split by table pipes, with line
breaks inside the issuer. Property tests: every layout of one header gives the same header."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import WILD, need
from vanban.extract.citations import find_citations
from vanban.extract.header import find_header
from vanban.extract.normalise import normalise_text
from vanban.extract.ocr_cache import Ocr
from vanban.extract.record import build_record, extract_file

MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
# (left column lines: parent first, issuer last; number line; place and date; the fields they give)
HEADERS = [
    (["UBND TỈNH BẮC NINH", "SỞ Y TẾ"], "Số: 124/BC-SYT", "Bắc Ninh, ngày 14 tháng 3 năm 2022", "BÁO CÁO",
     ("Sở Y tế", "UBND tỉnh Bắc Ninh", "124", "BC-SYT", None, "2022-03-14", "Bắc Ninh")),
    (["ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"], "Số: 161/2025/QĐ-UBND", "Ninh Bình, ngày 23 tháng 11 năm 2025", "QUYẾT ĐỊNH",
     ("Ủy ban nhân dân tỉnh Ninh Bình", None, "161", "QĐ-UBND", 2025, "2025-11-23", "Ninh Bình")),
    (["THỦ TƯỚNG", "CHÍNH PHỦ"], "Số: 44/2025/QĐ-TTg", "Hà Nội, ngày 01 tháng 12 năm 2025", "QUYẾT ĐỊNH",
     ("Thủ tướng Chính phủ", None, "44", "QĐ-TTg", 2025, "2025-12-01", "Hà Nội")),
    (["SỞ Y TẾ TỈNH LÀO CAI", "TRUNG TÂM Y TẾ KHU VỰC BẢO THẮNG"], "Số: 57/KH-TTYT",
     "Bảo Thắng, ngày 05 tháng 6 năm 2024", "KẾ HOẠCH",
     ("Trung tâm Y tế khu vực Bảo Thắng", "Sở Y tế tỉnh Lào Cai", "57", "KH-TTYT", None, "2024-06-05", "Bảo Thắng")),
    (["BỘ Y TẾ"], "Số: 3621/QĐ-BYT", "Hà Nội, ngày 24 tháng 11 năm 2025", "QUYẾT ĐỊNH",
     ("Bộ Y tế", None, "3621", "QĐ-BYT", None, "2025-11-24", "Hà Nội")),
]
BODY = "Về việc triển khai công tác năm 2025\nThực hiện Kế hoạch số 12/KH-UBND ngày 3/1/2025 của UBND tỉnh."


def fields(text: str) -> tuple:
    doc = normalise_text(text)
    h = find_header(doc.text, find_citations(doc.text))
    return (h.issuer, h.parent_issuer, h.number, h.symbol, h.year, h.date, h.place)


def _broken(line: str, cut: int) -> list[str]:
    """`line` broken after word `cut` (a line break inside a name), or whole when cut is 0."""
    words = line.split()
    cut %= len(words)
    return [line] if cut == 0 else [" ".join(words[:cut]), " ".join(words[cut:])]


def layout(header: tuple, how: str, cuts: list[int]) -> str:
    left, number, place_date, type_line, _ = header
    left = [piece for i, line in enumerate(left) for piece in _broken(line, cuts[i % len(cuts)])] \
        if how == "columns" else left
    right = MOTTO
    if how == "columns":                 # the left column, then the right one
        top = [*left, "-------", *right, number, place_date]
    elif how == "pipes":                 # a table from a web page or a PDF conversion
        rows = [(a, b) for a, b in zip(left + [""] * (len(right) - len(left)), right, strict=False)]
        top = [f"| {a} | {b} |" for a, b in rows] + [f"| {number} | {place_date} |"]
    else:                                # line by line, the columns apart by a gap or run together
        gap = {"tabs": "\t", "spaces": "      ", "together": " "}[how]
        rows = list(zip(left + [""] * (len(right) - len(left)), right, strict=False))
        top = [f"{a}{gap}{b}".strip() for a, b in rows] + [f"{number}{gap}{place_date}"]
    return "\n".join([*top, type_line, BODY])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HEADERS), st.sampled_from(["columns", "pipes", "tabs", "spaces", "together"]),
       st.lists(st.integers(0, 6), min_size=1, max_size=3))
def test_every_layout_gives_the_same_header(header: tuple, how: str, cuts: list[int]) -> None:
    assert fields(layout(header, how, cuts)) == header[-1]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(HEADERS), st.lists(st.integers(0, 6), min_size=1, max_size=3))
def test_line_breaks_inside_the_issuer_keep_the_header(header: tuple, cuts: list[int]) -> None:
    assert fields(layout(header, "columns", cuts)) == fields(layout(header, "columns", [0]))


def test_parent_and_unit_on_one_line() -> None:
    text = "UBND TỈNH BẮC NINH SỞ Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 124/BC-SYT\tBắc Ninh, ngày 14 " \
           "tháng 3 năm 2022\nBÁO CÁO\n" + BODY
    assert fields(text)[:2] == ("Sở Y tế", "UBND tỉnh Bắc Ninh")


def test_a_name_with_a_place_inside_is_not_split() -> None:
    text = "ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: 435/QĐ-UBND\nKon Tum, ngày 04 tháng 5 năm 2020\nQUYẾT ĐỊNH\n" + BODY
    assert fields(text)[:2] == ("Ủy ban nhân dân tỉnh Kon Tum", None)


def test_a_motto_broken_across_the_columns_is_no_part_of_the_issuer() -> None:
    text = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ\nTỈNH NINH BÌNH HỘI CHỦ NGHĨA VIỆT NAM\nSố: 161/2025/QĐ-UBND\n"
            "Ninh Bình, ngày 23 tháng 11 năm 2025\nQUYẾT ĐỊNH\n" + BODY)
    assert fields(text)[0] == "Ủy ban nhân dân tỉnh Ninh Bình"


def test_a_ministry_line_carrying_the_number() -> None:
    text = "BỘ Y TẾ Số: 3621/QĐ-BYT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 24 tháng 11 năm 2025\n" \
           "QUYẾT ĐỊNH\n" + BODY
    assert fields(text)[:4] == ("Bộ Y tế", None, "3621", "QĐ-BYT")


def test_a_number_in_the_body_is_no_header_number() -> None:
    text = "BỘ Y TẾ\nQUYẾT ĐỊNH\nBộ Y tế ban hành Quyết định Số: 12/QĐ-BYT trước đây"
    assert fields(text)[2] is None


def test_no_number_line_falls_back_to_the_decision_it_is_attached_to() -> None:
    text = ("UỶ BAN NHÂN DÂN\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH CÀ MAU\tĐộc lập - Tự do - Hạnh phúc\n"
            "QUY ĐỊNH\nVỀ CHỨC NĂNG, NHIỆM VỤ CỦA ĐỘI KIỂM TRA\n( Ban hành kèm theo Quyết định số …05…./2006/ "
            "QĐ-UBND,\nngày …25..tháng 01 năm 2006 của UBND tỉnh Cà Mau )\nChương I")
    doc = normalise_text(text)
    h = find_header(doc.text)
    assert (h.number, h.symbol, h.year, h.date, h.canonical) == ("05", "QĐ-UBND", 2006, "2006-01-25",
                                                                  "05/2006/QĐ-UBND")
    record = build_record(doc)
    assert "05/2006/QĐ-UBND" not in [c["canonical"] for c in record["citations"]]   # its own number


def test_a_blank_in_the_attached_decisions_note_is_no_blank_header() -> None:
    """The note names the decision the regulation goes with; its blanks are the decision's form, filled
    in on the decision itself: the regulation keeps the symbol, and no field of its header is blank."""
    doc = normalise_text("QUY CHẾ\nChi tiêu nội bộ\n( Ban hành kèm theo Quyết định số    /QĐ.BQL-VP  ngày    /    "
                         "/2007)\nChương I")
    h = find_header(doc.text)
    assert (h.number, h.number_blank, h.symbol, h.canonical, h.date) == (None, False, "QĐ.BQL-VP", None, None)
    assert not [f for f in build_record(doc)["flags"] if f["code"] in ("blank_number", "blank_date")]


ANNEX = ("Phụ lục\nDANH MỤC THỦ TỤC HÀNH CHÍNH BAN HÀNH MỚI LĨNH VỰC KHOA HỌC VÀ CÔNG NGHỆ\n{note}\nTT\t"
         "Tên thủ tục hành chính\tThời hạn giải quyết\n01\tCấp giấy chứng nhận doanh nghiệp\t15 ngày làm việc\n")


def _blank_flags(text: str) -> list[str]:
    flags = build_record(normalise_text(text))["flags"]
    return [f["code"] for f in flags if f["code"] in ("blank_number", "blank_date")]


@pytest.mark.parametrize("note", [
    "(Kèm theo Quyết định số: /QĐ-UBND ngày tháng năm 2025 của Chủ tịch UBND tỉnh Lai Châu)",
    "(Ban hành kèm theo Quyết định số /QĐ-UBND ngày    tháng    năm 2025 của UBND tỉnh)",
    "Kèm theo Quyết định số: /QĐ-UBND ngày tháng năm 2025 của Chủ tịch UBND tỉnh",
    "(Kèm theo\nQuyết định số: /QĐ-UBND\nngày tháng năm 2025 của Chủ tịch UBND tỉnh Lai Châu)",   # broken by the margin
])
def test_an_annex_note_whose_decision_header_was_not_read_makes_no_blank(note: str) -> None:
    """A file that opens at its annex (the decision's own pages unread): the note naming the decision is
    no header, so its blanks are not the header's number or date left blank."""
    assert _blank_flags(ANNEX.format(note=note)) == []


def test_a_blank_header_above_an_annex_note_is_still_blank() -> None:
    text = ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LAI CHÂU\tĐộc lập - Tự do - Hạnh phúc\n"
            "Số: /QĐ-UBND\tLai Châu, ngày tháng năm 2025\nQUYẾT ĐỊNH\nVề việc công bố danh mục thủ tục hành chính\n"
            "Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.\n"
            + ANNEX.format(note="(Kèm theo Quyết định số: /QĐ-UBND ngày tháng năm 2025)"))
    assert sorted(_blank_flags(text)) == ["blank_date", "blank_number"]


def test_the_annex_pages_of_a_decision_whose_first_pages_are_unread() -> None:
    """Lai Châu QĐ 1629/2025: pages 1-2 drawn as paths (unread without OCR), page 3 opens "Phụ lục" with
    "(Kèm theo Quyết định số: /QĐ-UBND ngày tháng năm 2025 ...)"."""
    path = need(WILD / "laichau-ubnd-qd-1629-2025-cong-bo-tthc-print-to-pdf.pdf")
    record = extract_file(path, ocr=Ocr(enabled=False))
    assert record["source"]["ocr_pages"] == [1, 2]
    assert [f["code"] for f in record["flags"] if f["code"] in ("blank_number", "blank_date")] == []


def test_own_number_never_a_citation_in_any_layout() -> None:
    for how in ("columns", "pipes", "together"):
        record = build_record(normalise_text(layout(HEADERS[0], how, [0])))
        assert "124/BC-SYT" not in [c["canonical"] for c in record["citations"]], how


def test_year_and_canonical_in_the_record() -> None:
    h = find_header(normalise_text(layout(HEADERS[1], "columns", [0])).text).to_dict()
    assert (h["symbol"], h["year"], h["canonical"]) == ("QĐ-UBND", 2025, "161/2025/QĐ-UBND")
    party = find_header(normalise_text("TỈNH ỦY QUẢNG BÌNH\nSố: 57-KH/TU\nKẾ HOẠCH\n" + BODY).text).to_dict()
    assert (party["symbol"], party["year"], party["canonical"]) == ("KH/TU", None, "57-KH/TU")


SIGNED = "Điều 3. Các ông bà chịu trách nhiệm thi hành./.\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n"


def signer(text: str) -> dict | None:
    from vanban.extract.signature import find_signer

    return find_signer(normalise_text(text).text)


def test_the_signer_of_the_document_not_of_an_annex_form() -> None:
    text = (SIGNED + "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG THƯỜNG TRỰC\nVũ Mạnh Hà\nDANH MỤC\nBM.09\n"
            "Nơi nhận:\n- Như trên;\nCHỦ TỊCH HỘI ĐỒNG\nKý tên, đóng dấu\nHỘI ĐỒNG XÉT TẶNG\nGIẢI THƯỞNG HTLO")
    assert signer(text) == {"name": "Vũ Mạnh Hà", "title": "Thứ trưởng"}


def test_a_signature_with_a_title_and_no_name_has_no_signer() -> None:
    text = ("Điều 2: Các Ông Chánh văn phòng chịu trách nhiệm thi hành.\n\tTRƯỞNG BAN\nNơi nhận :\nNhư điều 2\n"
            "UBND TỈNH BÀ RỊA - VŨNG TÀU\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQUY CHẾ\nChi tiêu nội bộ")
    assert signer(text) is None


def test_a_signature_read_onto_one_line() -> None:
    text = SIGNED + "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp CHƯƠNG TRÌNH HÀNH ĐỘNG"
    assert signer(text) == {"name": "Nguyễn Hữu Tháp", "title": "Phó Chủ tịch"}


def test_a_list_form_after_the_recipients_lends_no_name() -> None:
    """A letter whose signer's name OCR did not read, then the form of a list to fill in, with its
    own blank "GIÁM ĐỐC": "DANH SÁCH" (Danh is a surname) is no signer."""
    text = ("Sở Y tế thông báo đến các đơn vị được biết và thực hiện./.\nNơi nhận:\tGIÁM ĐỐC\n- Như trên;\n"
            "- Lưu: VT, TCCB.\nTÊN ĐƠN VỊ\n.\tDANH SÁCH\nCÔNG CHỨC, VIÊN CHỨC ĐĂNG KÝ THAM GIA LỚP CKI\n"
            "STT\tHọ và tên\tQuê quán\nGIÁM ĐỐC\nNgày ... tháng ... năm...")
    assert signer(text) is None
    named = text.replace("- Lưu: VT, TCCB.", "- Lưu: VT, TCCB.\nDanh Sơn")
    assert signer(named) == {"name": "Danh Sơn", "title": "Giám đốc"}


def test_a_heading_in_capitals_under_a_title_is_no_name() -> None:
    assert signer(SIGNED + "GIÁM ĐỐC\nQUY CHẾ LÀM VIỆC\nChương I") is None


def _scan_header(left_top: str, left_bottom: str, number_line: str, after: str = "QUYẾT ĐỊNH") -> tuple:
    text = (f"{left_top}\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{left_bottom}\tĐộc lập - Tự do - Hạnh phúc\n"
            f"{number_line}\tKiên Giang, ngày 20 tháng 11 năm 2017\n{after}\nVề việc thành lập Đoàn kiểm tra\n"
            "Căn cứ Quyết định số 1675/QĐ-UBND ngày 09/8/2017 của UBND tỉnh Kiên Giang.")
    return fields(text)[:4]


def test_ocr_specks_around_a_header_name_in_capitals() -> None:
    """What scans of Kiên Giang letters left on their issuer block: quotes, a dash, a colon, a letter
    glued by an underscore. A name has none of them."""
    want = ("Sở Y tế", "UBND tỉnh Kiên Giang", "426", "QĐ-SYT")
    assert _scan_header("UBND TỈNH KIÊN GIANG", "SỞ Y“ TẾ", "Số: 426/QĐ-SYT") == want
    assert _scan_header("UBND TỈNH KIÊN GIANG", "'SỞ Y TẾ -", "Số: 426/QĐ-SYT") == want
    assert _scan_header("-Ý_UBND TỈNH KIÊN GIANG", "SỞ Y TẾ", "Số: 426/QĐ-SYT") == want
    assert _scan_header("UBND TỈNH KIÊN GIANG:", "SỞ Y TẾ", "Số: 426/QĐ-SYT") == want


def test_a_number_line_a_hand_wrote_and_ocr_misread_keeps_its_symbol() -> None:
    """The number is doubtful (no number, not blank); the symbol after it is still the document's."""
    for line in ("só:4#12 /QĐ-SYT", "Só4Z//QĐ-SYT", "Số:2/42 /QĐ-SYT", "Số:2 929 /QĐ-SYT", "Số: 3/%}/QĐ-SYT"):
        issuer, _parent, number, symbol = _scan_header("UBND TỈNH KIÊN GIANG", "SỞ Y TẾ", line)
        assert (issuer, number, symbol) == ("Sở Y tế", None, "QĐ-SYT"), line
    # a blank number stays blank, its symbol whole (the junk may not eat into the symbol)
    h = find_header(normalise_text("SỞ Y TẾ\nSố:       /BC-BVĐK2\nBÁO CÁO\nCông tác quý III").text)
    assert (h.number, h.number_blank, h.symbol) == (None, True, "BC-BVĐK2")


def test_a_day_a_hand_wrote_is_doubtful_in_the_documents_words() -> None:
    text = "SỞ Y TẾ\nSố: 12/QĐ-SYT\tKiên Giang, ngày {D tháng 1Í năm 2017\nQUYẾT ĐỊNH\nVề việc thành lập Hội đồng"
    h = find_header(normalise_text(text).text)
    assert h.uncertain["date"] == "ngày {D tháng 1Í"
    assert (h.date, h.number, h.symbol) == (None, "12", "QĐ-SYT")


def test_a_sentence_that_opens_with_so_is_no_number_line() -> None:
    """The junk a hand leaves holds no word: 'Số xã đạt 15/TC …' in the body is a sentence, and a
    header that comes after it (a PDF whose first page's body reads first) keeps its own number."""
    body = "Số xã đạt 15/TC chuẩn quốc gia về y tế.\n"
    h = find_header(normalise_text("UBND TỈNH AN GIANG\nSỞ Y TẾ\nAn Giang, ngày 3 tháng 4 năm 2024\n"
                                   f"BÁO CÁO\nKết quả công tác y tế\n{body}").text)
    assert (h.symbol, h.uncertain, h.parent_issuer) == (None, {}, "UBND tỉnh An Giang")
    h = find_header(normalise_text(f"Nội dung báo cáo.\n{body}UBND TỈNH AN GIANG\nSỞ Y TẾ\nSố: 125/BC-SYT\n"
                                   "BÁO CÁO\nKết quả").text)
    assert (h.number, h.symbol) == ("125", "BC-SYT")
    for line in ("Số liệu 2024/Bộ Y tế công bố", "Số hồ sơ 2024/Tổng"):
        assert find_header(normalise_text(f"SỞ Y TẾ\n{line}\nBÁO CÁO").text).symbol is None, line


def test_a_title_stops_before_the_first_heading_or_a_part() -> None:
    for after in ("L. Tình hình công tác y tế 10 tháng", "Phần thứ nhất", "PHẦN I. KẾT QUẢ"):
        h = find_header(normalise_text(f"SỞ Y TẾ\nSố: 12/BC-SYT\nBÁO CÁO\nTình hình hoạt động ngành y tế\n{after}\n"
                                       "Nội dung.").text)
        assert h.title == "Tình hình hoạt động ngành y tế", after


TITLE = "Kết quả công tác cải cách hành chính quý III năm 2025"


def test_a_title_stops_where_the_body_opens_with_a_sentence(tmp_path: Path) -> None:
    """The body's first line, read as a plain text that folds it onto the title's last line (it ends in
    no stop), or on its own line: a comma-led opening, a subject and its verb, "... như sau:"."""
    from vanban.extract.record import extract_file

    openings = [
        "Trong quý III năm 2025, Bệnh viện đã triển khai các nhiệm vụ như sau",
        "Năm 2025, Bệnh viện tiếp tục triển khai các nhiệm vụ được giao.",
        "Với sự chỉ đạo của Sở Y tế, Bệnh viện đã đạt được nhiều kết quả.",
        "Qua 9 tháng triển khai, kết quả đạt được như sau:",
        "Theo yêu cầu của Sở Y tế tại Công văn số 12/SYT-VP ngày 3/10/2025, Bệnh viện báo cáo như sau:",
        "Bệnh viện Đa khoa tỉnh Quảng Trị báo cáo kết quả công tác như sau:",
    ]
    assert openings
    for i, opening in enumerate(openings):
        text = (f"SỞ Y TẾ QUẢNG TRỊ\nBỆNH VIỆN ĐA KHOA TỈNH\nSố: 12/BC-BVĐK\nQuảng Trị, ngày 3 tháng 10 năm 2025\n"
                f"BÁO CÁO\n{TITLE}\n{opening}\n1. Công tác chỉ đạo\nBệnh viện ban hành 3 kế hoạch.\n")
        assert find_header(normalise_text(text).text).title == TITLE, opening
        path = tmp_path / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        assert extract_file(path)["document"]["title"] == TITLE, opening


def test_a_title_over_lines_is_no_sentence() -> None:
    """What a title's own lines hold does not read as the body's opening: a title broken after "của"
    goes on into its unit, one broken before its year into the year."""
    for title, lines in [("Kết quả công tác cải cách hành chính năm 2025 của Sở Y tế tỉnh Kiên Giang",
                          "Kết quả công tác cải cách hành chính năm 2025 của\nSở Y tế tỉnh Kiên Giang"),
                         ("Kế hoạch tổ chức Hội nghị tổng kết Năm 2025 và triển khai nhiệm vụ năm 2026",
                          "Kế hoạch tổ chức Hội nghị tổng kết\nNăm 2025 và triển khai nhiệm vụ năm 2026")]:
        h = find_header(normalise_text(f"SỞ Y TẾ\nSố: 12/BC-SYT\nBÁO CÁO\n{lines}\nI. KẾT QUẢ\nNội dung.").text)
        assert h.title == title


def test_a_letters_subject_written_ve_under_the_number() -> None:
    """A letter's subject written "Về ..." (or "Về việc ...") where its "V/v" would stand, under the number
    and date, over two lines (hcm-stp-cv-687): the letter's title; under a type line "Về việc" is a title."""
    subject = ("Về Chương trình hỗ trợ pháp lý liên ngành cho doanh nghiệp nhỏ và vừa giai đoạn 2021-2025 và Kế "
               "hoạch triển khai\ncác hoạt động năm 2021 của Chương trình hỗ trợ pháp lý liên ngành cho doanh nghiệp")
    for written in (subject, subject.replace("Về ", "Về việc ", 1)):
        text = ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                "THÀNH PHỐ HỒ CHÍ MINH\tĐộc lập - Tự do - Hạnh phúc\n"
                "SỞ TƯ PHÁP\nSố: 687/STP-VB\tThành phố Hồ Chí Minh, ngày 22 tháng 02 năm 2021\n"
                f"{written}\nKính gửi: Các Sở, ban ngành Thành phố.\nSở Tư pháp nhận được Phiếu chuyển.\n")
        h = find_header(normalise_text(text).text)
        assert (h.doc_type, h.title) == ("Công văn", " ".join(written.split()))
    h = find_header(normalise_text("SỞ Y TẾ\nSố: 12/QĐ-SYT\tKiên Giang, ngày 3 tháng 1 năm 2017\nQUYẾT ĐỊNH\n"
                                   "Về việc thành lập Hội đồng\nGIÁM ĐỐC SỞ Y TẾ\nCăn cứ Luật.").text)
    assert (h.doc_type, h.title) == ("Quyết định", "Về việc thành lập Hội đồng")


def test_a_motto_wrapped_in_its_cell_is_no_part_of_the_parent() -> None:
    """A narrow right cell wraps the motto: `VIỆT NAM` comes on a line of its own under the parent,
    as pdfium reads a PDF exported from Word; the Công đoàn's own `VIỆT NAM` (a name's end) stays."""
    text = ("SỞ Y TẾ TỈNH QUẢNG TRỊ\tCỘNG HÒA XÃ HỘI\tCHỦ NGHĨA\nVIỆT NAM\nTRUNG TÂM Y TẾ KHU VỰC LỆ\nTHỦY\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 215/BC-TTYT Lệ Thủy, ngày 12 tháng 9 năm 2025\nBÁO CÁO\n" + BODY)
    assert fields(text)[:2] == ("Trung tâm Y tế khu vực Lệ Thủy", "Sở Y tế tỉnh Quảng Trị")
    own = ("CÔNG ĐOÀN GIÁO DỤC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVIỆT NAM\tĐộc lập - Tự do - Hạnh phúc\n"
           "Số: 12/BC-CĐGD\tHà Nội, ngày 12 tháng 9 năm 2025\nBÁO CÁO\n" + BODY)
    assert fields(own)[0] == "Công đoàn Giáo dục Việt Nam"


def test_a_title_wrapped_in_the_signature_cell() -> None:
    """`TRƯỞNG PHÒNG TỔ CHỨC CÁN` / `BỘ`: the sub-unit's last word on the next line, between the
    recipients, which go on past it to the file copy."""
    text = ("SỞ Y TẾ TỈNH NINH BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBỆNH VIỆN PHỔI\n"
            "Số: 88/BC-BVP\tNinh Bình, ngày 12 tháng 9 năm 2025\nBÁO CÁO\n" + BODY +
            "\nNơi nhận: TL. GIÁM ĐỐC\n- Sở Y tế; TRƯỞNG PHÒNG TỔ CHỨC CÁN\nBỘ\n- Lưu: VT, TCCB.\nĐặng Thu Trang")
    header = build_record(normalise_text(text))["document"]
    assert header["signer"] == {"name": "Đặng Thu Trang", "title": "Trưởng phòng Tổ chức cán bộ"}
    assert header["recipients"] == ["Sở Y tế", "Lưu: VT, TCCB"]


@pytest.mark.parametrize("last", ["- Các khoa, phòng; Trần Minh Đức\n- Lưu: VT, TCHC.",
                                  "- Các khoa, phòng;\n- Lưu: VT, TCHC. Trần Minh Đức"])
def test_a_signers_name_set_beside_a_recipient(last: str) -> None:
    """The recipients ran longer than the signing space: a PDF reads the name onto a recipient's line,
    after its ";" or "." — the signer, not a part of the recipient."""
    text = ("SỞ Y TẾ TỈNH BẮC NINH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRUNG TÂM Y TẾ THUẬN THÀNH\n"
            "Số: 512/TTYT-TCHC\tThuận Thành, ngày 18 tháng 9 năm 2025\nV/v báo cáo công tác CCHC\n" + BODY +
            f"\nNơi nhận: GIÁM ĐỐC\n- Như trên;\n- Sở Nội vụ (để b/c);\n{last}")
    header = build_record(normalise_text(text))["document"]
    assert header["signer"] == {"name": "Trần Minh Đức", "title": "Giám đốc"}
    assert header["recipients"] == ["Như trên", "Sở Nội vụ (để b/c)", "Các khoa, phòng", "Lưu: VT, TCHC"]
    place = text.replace("Trần Minh Đức", "Bắc Ninh")              # a place ends a recipient too: no signer
    assert build_record(normalise_text(place))["document"]["signer"] is None

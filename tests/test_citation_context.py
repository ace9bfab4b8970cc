"""What stands around a cited document (citations.md §3): its issue date, its issuer, a law's name.

Each case is a sentence met in health units' reports, read whole through `find_citations`."""

from __future__ import annotations

import pytest

from vanban.extract.citations import find_citations
from vanban.extract.normalise import normalise_text
from vanban.extract.organisations import read_coded
from vanban.extract.record import build_record

REPORT = """SỞ Y TẾ TỈNH GIA LAI
TRUNG TÂM Y TẾ KHU VỰC AN KHÊ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 88/BC-TTYT
An Khê, ngày 15 tháng 12 năm 2025
BÁO CÁO
Kết quả công tác cải cách hành chính năm 2025

Kế hoạch số 47/KH-TTYT được ban hành ngày 26/3/2025.
Trung tâm nhận Công văn số 48/SYT-VP vào ngày 27/3/2025 và triển khai ngay.
Trung tâm đã ban hành Kế hoạch số 50/KH-TTYT ngày 28/3/2025, đồng thời ngày 29/3/2025 ban hành Quyết định số 51/QĐ-TTYT.
Thông báo số 49/TB-VPCP ngày 16/3/2025 của Văn phòng Chính phủ thông báo kết luận của Thủ tướng.
Kế hoạch số 55/KH-SYT ngày 5/3/2025 của SYT.
Tuyên truyền luật Bảo hiểm y tế cho người dân; tổ chức tuyên truyền LUẬT PHÒNG, CHỐNG MA TÚY NĂM 2021.
Phổ biến Luật Phòng, chống tác hại của rượu, bia; triển khai luật Khám bệnh, chữa bệnh năm 2023.
"""


def full(text: str) -> list:
    return [c for c in find_citations(normalise_text(text).text) if c.kind == "full"]


def named(text: str) -> list[str]:
    return [c.raw for c in find_citations(normalise_text(text).text) if c.kind == "named"]


# ------------------------------------------------------------------ the issue date


@pytest.mark.parametrize(("text", "dated"), [
    # stated right after the mention, also as "được ban hành ngày", "ký ngày"
    ("Kế hoạch số 47/KH-TTYT được ban hành ngày 26/3/2025.", {"47/KH-TTYT": "2025-03-26"}),
    ("Kế hoạch số 47/KH-TTYT đã được ban hành vào ngày 26/3/2025.", {"47/KH-TTYT": "2025-03-26"}),
    ("Quyết định số 44/QĐ-TTYT ký ngày 23/3/2025 về kiện toàn Tổ CCHC.", {"44/QĐ-TTYT": "2025-03-23"}),
    ("Kế hoạch số 47/KH-TTYT được UBND tỉnh ban hành ngày 26/3/2025.", {"47/KH-TTYT": "2025-03-26"}),
    ("Quyết định số 46/QĐ-UBND được Chủ tịch UBND tỉnh ký ban hành vào ngày 13/3/2025",
     {"46/QĐ-UBND": "2025-03-13"}),
    ("Kế hoạch số 45/KH-SYT được Trung tâm triển khai đến các khoa ngày 12/3/2025", {"45/KH-SYT": None}),
    ("Kế hoạch số 45/KH-SYT được triển khai tới các khoa, ban hành ngày 12/3/2025", {"45/KH-SYT": None}),
    # "vào ngày": the day something was done to it; the issue date only when that was issuing it
    ("Trung tâm nhận Công văn số 48/SYT-VP vào ngày 27/3/2025 và triển khai ngay.", {"48/SYT-VP": None}),
    ("Trung tâm triển khai Kế hoạch số 45/KH-SYT vào ngày 12/3/2025.", {"45/KH-SYT": None}),
    ("Sở đã ban hành Kế hoạch số 12/KH-SYT vào ngày 10/3/2025", {"12/KH-SYT": "2025-03-10"}),
    ("Sở đã ban hành Quyết định số 1/QĐ-SYT và Kế hoạch số 2/KH-SYT vào ngày 10/3/2025",
     {"1/QĐ-SYT": None, "2/KH-SYT": "2025-03-10"}),
    ("Đã ban hành 05 kế hoạch, nhận Công văn số 48/SYT-VP vào ngày 27/3/2025", {"48/SYT-VP": None}),
    ("Sở đã ban hành Quyết định số 101/QĐ.BQL-TC vào ngày 10/3/2025", {"101/QĐ.BQL-TC": "2025-03-10"}),
    ("Đã tiếp nhận 1.250 hồ sơ. Trung tâm nhận Công văn số 48/SYT-VP vào ngày 27/3/2025", {"48/SYT-VP": None}),
    # a day before the mention that opens the clause issuing it, also after "đồng thời", "và"
    ("Trung tâm đã ban hành Kế hoạch số 50/KH-TTYT ngày 28/3/2025, đồng thời ngày 29/3/2025 ban hành "
     "Quyết định số 51/QĐ-TTYT.", {"50/KH-TTYT": "2025-03-28", "51/QĐ-TTYT": "2025-03-29"}),
    ("Sở đã họp và ngày 2/4/2025 ban hành Kế hoạch số 60/KH-SYT.", {"60/KH-SYT": "2025-04-02"}),
    # ... never a cut-off ("đến ngày") nor the day of another act
    ("Tiếp nhận 1.250 hồ sơ theo Quyết định số 49/QĐ-UBND tính đến ngày 14/12/2025.", {"49/QĐ-UBND": None}),
    ("Trung tâm đồng thời ngày 3/4/2025 triển khai Kế hoạch số 61/KH-SYT.", {"61/KH-SYT": None}),
    ("Trung tâm tiếp nhận hồ sơ đến ngày 14/12/2025 ban hành Quyết định số 62/QĐ-TTYT.", {"62/QĐ-TTYT": None}),
])
def test_issue_date(text: str, dated: dict[str, str | None]) -> None:
    found = full(text)
    assert found
    assert {c.canonical: c.date for c in found} == dated


# ------------------------------------------------------------------ the issuer


@pytest.mark.parametrize(("text", "issuer"), [
    # the issuer's name ends where what the document does begins
    ("Thông báo số 49/TB-VPCP ngày 16/3/2025 của Văn phòng Chính phủ thông báo kết luận của Thủ tướng.",
     "Văn phòng Chính phủ"),
    ("Thông báo số 50/TB-VPCP của Văn phòng Chính phủ truyền đạt ý kiến của Phó Thủ tướng.", "Văn phòng Chính phủ"),
    # a body named by its code alone, as the text names it
    ("Kế hoạch số 55/KH-SYT ngày 5/3/2025 của SYT.", "SYT"),
    ("Công văn số 56/SYT-VP của SYT về việc báo cáo.", "SYT"),
    ("Quyết định số 57/QĐ-BYT của BYT, Công văn số 58/SYT-VP", "BYT"),
    ("Kế hoạch số 59/KH-SYT của SYT tỉnh Gia Lai về CCHC.", "SYT tỉnh Gia Lai"),
    ("Quyết định số 06/QĐ-TTg của TTg ngày 06/01/2022.", "TTg"),
    ("KẾ HOẠCH SỐ 62/KH-SYT CỦA SYT VỀ CẢI CÁCH HÀNH CHÍNH", "SYT"),
    ("KẾ HOẠCH SỐ 63/KH-SYT CỦA SỞ Y TẾ VỀ CẢI CÁCH HÀNH CHÍNH", "SỞ Y TẾ"),
    # ... not a code that is only the start of something else, nor one the catalogue does not know
    ("Kế hoạch số 60/KH-SYT của SYT Gia Lai.", None),
    ("Kế hoạch số 61/KH-SYT của ABC.", None),
])
def test_issuer(text: str, issuer: str | None) -> None:
    found = full(text)
    assert found
    assert found[0].issuer == issuer


def test_an_issuer_code_with_its_date_after_it() -> None:
    [c] = full("Quyết định số 06/QĐ-TTg của TTg ngày 06/01/2022.")
    assert (c.date, c.raw) == ("2022-01-06", "Quyết định số 06/QĐ-TTg của TTg ngày 06/01/2022")


@pytest.mark.parametrize(("text", "want"), [
    ("SYT.", "SYT"), ("SYT về việc", "SYT"), ("SYT tỉnh Gia Lai về", "SYT tỉnh Gia Lai"),
    ("SYT Gia Lai", None), ("SYT-VP", None), ("Syt.", None), ("ABC.", None),
])
def test_read_coded(text: str, want: str | None) -> None:
    found = read_coded(text, 0)
    assert (found[0] if found else None) == want


# ------------------------------------------------------------------ laws cited by name


@pytest.mark.parametrize(("text", "names"), [
    # "luật" in lower case before a capitalised name
    ("Tuyên truyền luật Bảo hiểm y tế cho người dân.", ["luật Bảo hiểm y tế"]),
    ("Triển khai luật Khám bệnh, chữa bệnh năm 2023.", ["luật Khám bệnh, chữa bệnh năm 2023"]),
    ("tuân thủ bộ luật Lao động năm 2019", ["bộ luật Lao động năm 2019"]),
    # a name typed in capitals, read as in lower case, given as written
    ("Tổ chức tuyên truyền LUẬT PHÒNG, CHỐNG MA TÚY NĂM 2021.", ["LUẬT PHÒNG, CHỐNG MA TÚY NĂM 2021"]),
    ("LUẬT PHÒNG, CHỐNG MA TÚY; LUẬT DƯỢC và các văn bản", ["LUẬT PHÒNG, CHỐNG MA TÚY", "LUẬT DƯỢC"]),
    ("CĂN CỨ LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG NGÀY 19 THÁNG 6 NĂM 2015;",
     ["LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG"]),
    ("LUẬT DƯỢC được sửa đổi năm 2024", ["LUẬT DƯỢC"]),
    ("PHÁP LỆNH DÂN SỐ; các văn bản", ["PHÁP LỆNH DÂN SỐ"]),
    # a comma of a fixed pair inside the name
    ("Phổ biến Luật Phòng, chống tác hại của rượu, bia.", ["Luật Phòng, chống tác hại của rượu, bia"]),
    ("luật Phòng, chống tác hại của rượu, bia và Luật Dược", ["luật Phòng, chống tác hại của rượu, bia",
                                                              "Luật Dược"]),
])
def test_law_names(text: str, names: list[str]) -> None:
    assert named(text) == names


@pytest.mark.parametrize("text", [
    "Hưởng ứng Ngày Pháp luật Việt Nam",            # "pháp luật": law in general
    "tuyên truyền pháp luật Nhà nước",
    "PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT NĂM 2025",
    "mời luật sư tư vấn; thuê LUẬT SƯ",
    "phổ biến các luật mới ban hành",
    "I. CÔNG TÁC PHỔ BIẾN LUẬT\nII. KẾT QUẢ",        # a heading ends on the opener
])
def test_not_law_names(text: str) -> None:
    assert named(text) == []


# ------------------------------------------------------------------ a whole report


def test_a_report_dates_and_names_what_it_cites() -> None:
    record = build_record(normalise_text(REPORT))
    cited = {c["canonical"]: (c["date"], c["issuer"]) for c in record["citations"] if c["kind"] == "full"}
    assert cited == {"47/KH-TTYT": ("2025-03-26", None), "48/SYT-VP": (None, None),
                     "50/KH-TTYT": ("2025-03-28", None), "51/QĐ-TTYT": ("2025-03-29", None),
                     "49/TB-VPCP": ("2025-03-16", "Văn phòng Chính phủ"), "55/KH-SYT": ("2025-03-05", "SYT")}
    laws = [c["raw"] for c in record["citations"] if c["kind"] == "named"]
    assert laws == ["luật Bảo hiểm y tế", "LUẬT PHÒNG, CHỐNG MA TÚY NĂM 2021",
                    "Luật Phòng, chống tác hại của rượu, bia", "luật Khám bệnh, chữa bệnh năm 2023"]

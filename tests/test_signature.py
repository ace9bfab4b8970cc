"""The recipients label found from the first `Nơi` on is the one a scan of the whole text finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vanban.extract import signature

_PIECES = ["Nơi", "Nơi nhận", " nhận", "nhận:", "\n", "\n\n", " ", "\t", "\u00a0", ":", "Xem", "- Sở Y tế;", "x"]


def _whole_scan(text: str) -> tuple[int, int] | None:
    found = list(signature._RECIPIENTS.finditer(text))
    return found[-1].span() if found else None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_the_last_label_as_a_scan_of_the_whole_text_finds_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    label = signature._last_recipients_label(text)
    assert (label.span() if label else None) == _whole_scan(text)


def test_a_label_inside_the_one_before_is_no_label() -> None:
    """The first label's spaces swallow the line break the second would start at: the scan skips it."""
    text = "Báo cáo.\nNơi nhận\nNơi nhận:\n- Sở Y tế;"
    assert signature._last_recipients_label(text).span() == _whole_scan(text) == (8, 18)
    assert signature.find_recipients(" \n Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.") == ["Sở Y tế", "Lưu: VT"]
    assert signature.find_recipients("Nơi ở mới.\nx Nơi nhận: - A") == []


def test_a_signature_block_read_with_ocr_specks_keeps_its_signer() -> None:
    """The pen's stroke across a printed name read as a sign ("Nguyễn Thị ¡ Hồng Hạnh"), a speck before
    the title (".GIÁM ĐỐC"): the name and the title are still the signer's."""
    from vanban.extract.signature import find_signer

    assert find_signer("Nơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Thị ¡ Hồng Hạnh") == \
        {"name": "Nguyễn Thị Hồng Hạnh", "title": "Giám đốc"}
    assert find_signer("Nơi nhận:\n- Như trên;\n.GIÁM ĐỐC\nHà Văn Phúc") == {"name": "Hà Văn Phúc", "title": "Giám đốc"}


def test_a_deputy_signing_for_the_head_is_the_deputy() -> None:
    """"KT. GIÁM ĐỐC" is signed by a deputy (Nghị định 30/2020): with their own title line unread (OCR's
    "PHO GIÁAM ĐỌC") or left out, the signer is the Phó Giám đốc, a minister's deputy the Thứ trưởng; "TM."
    is signed by the head."""
    from vanban.extract.signature import find_signer

    signed = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    assert find_signer(signed + "KT.GIÁM ĐỐC\nPHO GIÁAM ĐỌC\nHà Văn Phúc")["title"] == "Phó Giám đốc"
    assert find_signer(signed + "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nHà Văn Phúc")["title"] == "Phó Giám đốc"
    assert find_signer(signed + "KT. BỘ TRƯỞNG\nVũ Mạnh Hà")["title"] == "Thứ trưởng"
    assert find_signer(signed + "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nHà Văn Phúc")["title"] == "Chủ tịch"

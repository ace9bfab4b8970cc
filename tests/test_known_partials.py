"""A partial mention that says enough points to the verified central directive it names
(vanban/identity/known_partials.py; examples in patterns/directives.toml `[partial]`)."""

from __future__ import annotations

from vanban.extract.normalise import normalise_text
from vanban.extract.record import build_record
from vanban.identity.keys import identify

REPORT = """SỞ Y TẾ TỈNH QUẢNG TRỊ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRUNG TÂM Y TẾ KHU VỰC GIO LINH\tĐộc lập - Tự do - Hạnh phúc
Số: 45/BC-TTYT\tGio Linh, ngày 15 tháng 9 năm 2025
BÁO CÁO
Kết quả thực hiện công tác cải cách hành chính quý III năm 2025
Thực hiện Kết luận 126 của Bộ Chính trị, Ban Bí thư; Đề án 06 của Chính phủ; Kết luận 15 của Ban Thường vụ
Tỉnh ủy; Nghị quyết 76 của HĐND tỉnh và Kế hoạch số 450/KH-SYT ngày 30/7/2025 của Sở Y tế.
"""


def test_partial_mentions_of_known_directives() -> None:
    record = build_record(normalise_text(REPORT))
    partial = [(c["raw"].split(" của ")[0], m) for c, m in zip(record["citations"], identify(record).mentions,
                                                               strict=True) if c["kind"] == "partial"]
    assert len(partial) == 4, partial
    keys = {raw: (m[0].canonical, m[0].scope, m[0].level) if m else None for raw, m in partial}
    assert keys["Kết luận 126"] == ("126-KL/TW", "", "party_centre")
    assert keys["Đề án 06"] == ("06/QĐ-TTg", "", "prime_minister")
    assert keys["Kết luận 15"] is None and keys["Nghị quyết 76"] is None     # a province's own bodies
    full = [c for c in record["citations"] if c["kind"] == "full"]
    assert [c["canonical"] for c in full] == ["450/KH-SYT"]                 # the record's kinds stay as written

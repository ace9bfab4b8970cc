"""Vietnamese words for the columns, levels, severities and ingest outcomes the pages show.

Kept here, beside the templates, until the question layer carries its own Vietnamese strings
(`patterns/strings.toml`); the question functions keep their English column names.
"""

from __future__ import annotations

import unicodedata

COLUMNS = {
    "unit": "Đơn vị", "province": "Tỉnh/TP", "kind": "Loại đơn vị", "names": "Tên gọi", "reports": "Số báo cáo",
    "directives": "Số văn bản được dẫn", "mentions": "Lượt dẫn", "directive": "Văn bản", "level": "Cấp ban hành",
    "directive_issuer": "Cơ quan ban hành", "issuer": "Cơ quan ban hành", "own": "Của chính đơn vị",
    "stated_date": "Ngày ghi trong trích dẫn", "page": "Trang", "report": "Báo cáo", "report_date": "Ngày báo cáo",
    "period": "Kỳ báo cáo", "cites": "Có dẫn", "citing_reports": "Số báo cáo dẫn", "latest": "Báo cáo gần nhất",
    "code": "Mã", "severity": "Mức độ", "origin": "Nguồn", "message": "Nội dung", "doc_type": "Loại văn bản",
    "number": "Số", "year": "Năm", "issue_date": "Ngày ban hành", "units": "Số đơn vị dẫn",
    "date_conflict": "Ngày không khớp", "sentence": "Câu trích", "format": "Định dạng", "pages": "Số trang",
    "errors": "Lỗi", "warnings": "Cảnh báo", "count": "Số lượt", "id": "Mã số", "flagged_units": "Số đơn vị",
}

LEVELS = {
    "party_centre": "Trung ương Đảng", "national_assembly": "Quốc hội", "state_president": "Chủ tịch nước",
    "government": "Chính phủ", "prime_minister": "Thủ tướng", "ministry": "Bộ, ngành",
    "province": "UBND tỉnh", "department": "Sở, ngành", "party_local": "Đảng bộ địa phương",
    "unit": "Đơn vị khác", "own": "Chính đơn vị", "other": "Khác",
}

SEVERITIES = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Lưu ý"}

OUTCOMES = {
    "queued": "đang chờ", "ingested": "đã lưu", "unchanged": "không đổi (đã có)",
    "rendition": "bản khác của báo cáo đã có", "failed": "không đọc được", "refused": "bị từ chối",
    "duplicate": "trùng tệp khác trong lần nộp này",
}


def column(name: str) -> str:
    return COLUMNS.get(name, name)


def fold(text: str) -> str:
    """Lower case without diacritics (`Nghị quyết` → `nghi quyet`), for searching as people type."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).casefold()

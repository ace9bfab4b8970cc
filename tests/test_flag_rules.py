"""Figure flags from real report sentences: a sum is checked only over parts of the same kind as the
total and only where the text states a partition; a share only against its own part and total, at
the text's rounding. Each rule has sentences it must flag and sentences it must leave alone; a flag
names both figures, the sentence they stand in, and its page."""

from __future__ import annotations

import pytest

from vanban.extract.catalogue import load
from vanban.extract.citations import find_citations
from vanban.extract.metrics import find_metrics
from vanban.extract.normalise import normalise_text
from vanban.extract.record import build_record
from vanban.extract.relations import breakdowns


def figure_flags(text: str) -> list[dict]:
    rec = build_record(normalise_text(text))
    return [f for f in rec["flags"] if f["code"] in ("sum_mismatch", "ratio_mismatch")]


MUST_FLAG = [
    # parts of a stated partition that do not add up
    ("Tổng số giường bệnh kế hoạch là 250 giường, gồm: 120 giường nội khoa, 100 giường ngoại khoa và "
     "40 giường truyền nhiễm.", "sum_mismatch", ["250 giường", "120 giường", "100 giường", "40 giường"]),
    ("Ban Giám đốc Trung tâm có 10 lãnh đạo (03 Giám đốc và 06 Phó Giám đốc).", "sum_mismatch",
     ["10 lãnh đạo", "03 Giám đốc", "06 Phó Giám đốc"]),
    # "trong đó" parts that exceed their total
    ("Tổng số hồ sơ tiếp nhận là 1.250 hồ sơ, trong đó: 800 hồ sơ trực tuyến, 500 hồ sơ trực tiếp.",
     "sum_mismatch", ["1.250 hồ sơ", "800 hồ sơ", "500 hồ sơ"]),
    # an approximate total its parts fall short of
    ("Năm 2024 tiếp nhận hơn 500 hồ sơ, gồm 300 hồ sơ trực tuyến và 150 hồ sơ trực tiếp.", "sum_mismatch",
     ["500 hồ sơ", "300 hồ sơ", "150 hồ sơ"]),
    # a share its own part and total contradict
    ("Tổng số lượt giao dịch: 91.117 lượt (không dùng tiền mặt: 28.778 lượt đạt 29,63%).", "ratio_mismatch",
     ["29,63%", "28.778 lượt", "91.117 lượt"]),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 93,1% (81.657/97.709).", "ratio_mismatch", ["93,1%", "81.657/97.709"]),
    ("Kết quả: tỷ lệ hồ sơ đúng hạn đạt 93,1% (81.657/97.709).", "ratio_mismatch", ["93,1%", "81.657/97.709"]),
    # a list after a semicolon goes on, its parts led by their counts or by their labels
    ("Có 09 quầy thu ngân, trong đó: 05 quầy ngoại trú; 06 quầy nội trú.", "sum_mismatch",
     ["09 quầy thu ngân", "05 quầy", "06 quầy"]),
    ("Tổng số 200 cán bộ, trong đó: viên chức 150 người; lao động hợp đồng 60 người.", "sum_mismatch",
     ["200 cán bộ", "150 người", "60 người"]),
    ("Có 10 máy tính, trong đó 6 máy mới; còn lại 5 máy cũ.", "sum_mismatch", ["10 máy tính", "6 máy", "5 máy"]),
    # parts by sex are the whole of their total, even after "trong đó"
    ("Tổng số viên chức: 450 người, trong đó nam 200 người, nữ 230 người.", "sum_mismatch",
     ["450 người", "200 người", "230 người"]),
    ("Tổng số 450 người (nữ 230 người, nam 210 người).", "sum_mismatch", ["450 người", "230 người", "210 người"]),
    # after "trong đó", a list whose last part is the rest ("khác") leaves nothing out
    ("Tổng số cán bộ là 120 người, trong đó: bác sĩ 30 người, điều dưỡng 60 người, khác 20 người.", "sum_mismatch",
     ["120 người", "30 người", "60 người", "20 người"]),
    ("Có 120 người, trong đó 30 bác sĩ, 60 điều dưỡng và 20 người khác.", "sum_mismatch",
     ["120 người", "30 bác sĩ", "60 điều dưỡng", "20 người"]),
    ("Tổng số 120 người (bác sĩ 30 người, điều dưỡng 60 người, khác 20 người).", "sum_mismatch",
     ["120 người", "30 người", "60 người", "20 người"]),
    # people counted by sex, the word after the number
    ("Tổng số viên chức là 50 người, gồm 20 nam và 25 nữ.", "sum_mismatch", ["50 người", "20 nam", "25 nữ"]),
    ("Tổng số viên chức là 50 người, trong đó 20 nam, 25 nữ.", "sum_mismatch", ["50 người", "20 nam", "25 nữ"]),
    # the list ends at its rest or its partition; the subsets after it are no parts, its parts still are
    ("Tổng số cán bộ là 125 người, trong đó: bác sĩ 30 người, điều dưỡng 70 người, khác 20 người; "
     "có 15 người là đảng viên.", "sum_mismatch", ["125 người", "30 người", "70 người", "20 người"]),
    ("Tổng số CBVC: 50 người, gồm 20 nam và 25 nữ; trong đó đảng viên 10 người.", "sum_mismatch",
     ["50 người", "20 nam", "25 nữ"]),
    ("Tổng số CBVC: 50 người, gồm 20 nam và 25 nữ, 10 người là đảng viên.", "sum_mismatch",
     ["50 người", "20 nam", "25 nữ"]),
    # a share of a whole over 100%
    ("Tỷ lệ văn bản đi được ký số đạt 120%.", "sum_mismatch", ["120%"]),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 101,5%.", "sum_mismatch", ["101,5%"]),
    # parts written "label: number" after the total's opener, adding up to more than it (long/01)
    ("Thực hiện quy trình cử đi học sau đại học đối với 88 công chức, viên chức trúng tuyển, chiếm tỉ lệ "
     "78,6% so với số dự thi tuyển (88/112), trong đó: thạc sĩ: 05; chuyên khoa cấp II: 07; chuyên khoa "
     "cấp I: 100.", "sum_mismatch", ["88 công chức", "05", "07", "100"]),
    ("Tổng số 45 người, gồm: bác sĩ: 20; điều dưỡng: 30.", "sum_mismatch", ["45 người", "20", "30"]),
    # one part after "trong đó" larger than its total
    ("Năm 2025 tiếp nhận 50 hồ sơ, trong đó 60 hồ sơ trực tuyến.", "sum_mismatch", ["50 hồ sơ", "60 hồ sơ"]),
    # ... and a part's share in brackets that its part and the total contradict
    ("Đánh giá, xếp loại 58 người, trong đó: Hoàn thành xuất sắc nhiệm vụ: 33 (56,9%); Hoàn thành tốt "
     "nhiệm vụ: 25 (53,1%).", "ratio_mismatch", ["53,1%", "25", "58 người"]),
    # a colon or a dash between a share and its figures
    ("Tỷ lệ đúng hạn 92,3%: 120/140 hồ sơ.", "ratio_mismatch", ["92,3%", "120/140"]),
    ("120/140 hồ sơ - Đạt 92,3%.", "ratio_mismatch", ["92,3%", "120/140"]),
    # parts that split one dimension still add up: the counterparts of the overlapping lists below
    ("Tổng số viên chức là 120 người, trong đó nữ 80 người, nam 50 người.", "sum_mismatch",
     ["120 người", "80 người", "50 người"]),
    ("Tổng số viên chức 120 người, trong đó 30 người có trình độ sau đại học, 100 người có trình độ đại học.",
     "sum_mismatch", ["120 người", "30 người", "100 người"]),
    ("Tổng số lượt khám 25.000 lượt, trong đó khám BHYT 20.000 lượt, khám dịch vụ 8.000 lượt.", "sum_mismatch",
     ["25.000 lượt", "20.000 lượt", "8.000 lượt"]),
    ("Tiếp nhận 1.500 hồ sơ, trong đó 1.480 hồ sơ đã giải quyết, 30 hồ sơ đang giải quyết.", "sum_mismatch",
     ["1.500 hồ sơ", "1.480 hồ sơ", "30 hồ sơ"]),
    ("Đã giải quyết 1.480 hồ sơ, trong đó đúng hạn 1.470 hồ sơ, trễ hạn 20 hồ sơ.", "sum_mismatch",
     ["1.480 hồ sơ", "1.470 hồ sơ", "20 hồ sơ"]),
    ("Tổng số 120 người, gồm: nữ: 80; nam: 50.", "sum_mismatch", ["120 người", "80", "50"]),
    ("Tổng số 120 người (nữ 80 người, nam 50 người).", "sum_mismatch", ["120 người", "80 người", "50 người"]),
    ("Tổng số viên chức 120 người, cụ thể:\n- Nữ: 80 người;\n- Nam: 50 người.", "sum_mismatch",
     ["120 người", "80 người", "50 người"]),
    # parts that overlap add up to nothing, but none of them may be more than the total
    ("Tổng số viên chức là 120 người, trong đó nữ 130 người, đảng viên 50 người.", "sum_mismatch",
     ["120 người", "130 người"]),
    # a share checked against its own fraction, not against last year's nor the complement's
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95% (1.234/1.253 hồ sơ), tăng 2% so với cùng kỳ (1.100/1.150 hồ sơ).",
     "ratio_mismatch", ["95%", "1.234/1.253"]),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95% (1.234/1.253 hồ sơ), còn 19 hồ sơ trễ hạn.", "ratio_mismatch",
     ["95%", "1.234/1.253"]),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%, còn 19/1.253 hồ sơ trễ hạn (2,5%).", "ratio_mismatch",
     ["2,5%", "19/1.253"]),
    ("Tỷ lệ đúng hạn đạt 95%, tương ứng 1.234/1.253 hồ sơ.", "ratio_mismatch", ["95%", "1.234/1.253"]),
    ("Tỷ lệ hồ sơ trực tuyến đạt 80% (300/1.500 hồ sơ).", "ratio_mismatch", ["80%", "300/1.500"]),
    ("Tỷ lệ thanh toán không dùng tiền mặt đạt 35%, tương ứng 28.778/91.117 lượt.", "ratio_mismatch",
     ["35%", "28.778/91.117"]),          # "không" inside a value ("không dùng tiền mặt") negates nothing
    # a share against the whole the prose names (spec4 5): after it, or what was received (a lower share only)
    ("Tiếp nhận 1.253 hồ sơ, giải quyết đúng hạn 1.234 hồ sơ, đạt tỷ lệ 90%.", "ratio_mismatch",
     ["90%", "1.234 hồ sơ", "1.253 hồ sơ"]),
    ("Thanh toán không dùng tiền mặt: 28.778 lượt, đạt 35,63% trên tổng số 97.124 lượt.", "ratio_mismatch",
     ["35,63%", "28.778 lượt", "97.124 lượt"]),
    # parts in other forms than the inline list, judged by its rules: a bracket of "label number" items
    # (some of the total, as any "label: number" list), bullet lines under the total, the next sentence
    ("Tổng số 100 viên chức (bác sĩ 30, điều dưỡng 60, khác 20).", "sum_mismatch",
     ["100 viên chức", "30", "60", "20"]),
    ("Tổng số 120 viên chức (bác sĩ 30, điều dưỡng 60, khác 20).", "sum_mismatch",
     ["120 viên chức", "30", "60", "20"]),                    # ... whole with its rest, as a list of counts
    ("Tổng số 50 người (nam 20, nữ 25).", "sum_mismatch", ["50 người", "20", "25"]),    # ... or its partition
    ("Tổng số hồ sơ tiếp nhận: 1.250 hồ sơ, trong đó:\n+ Trực tuyến: 800 hồ sơ;\n+ Trực tiếp: 500 hồ sơ.",
     "sum_mismatch", ["1.250 hồ sơ", "800 hồ sơ", "500 hồ sơ"]),
    ("Tổng số hồ sơ tiếp nhận: 1.250 hồ sơ, trong đó:\n- Trực tuyến: 800;\n- Trực tiếp: 500.", "sum_mismatch",
     ["1.250 hồ sơ", "800", "500"]),
    ("- Tổng số hồ sơ tiếp nhận: 1.250 hồ sơ, trong đó:\n+ Trực tuyến: 800;\n+ Trực tiếp: 500;\n"
     "- Đã giải quyết: 1.200.", "sum_mismatch", ["1.250 hồ sơ", "800", "500"]),
    ("Tổng số hồ sơ tiếp nhận là 1.250 hồ sơ. Trong đó: 800 hồ sơ trực tuyến, 500 hồ sơ trực tiếp.", "sum_mismatch",
     ["1.250 hồ sơ", "800 hồ sơ", "500 hồ sơ"]),
    ("Năm 2025 tiếp nhận 1.250 hồ sơ. Trong đó: trực tuyến: 800; trực tiếp: 500.", "sum_mismatch",
     ["1.250 hồ sơ", "800", "500"]),
    ("Tổng số hồ sơ tiếp nhận: 1.250 hồ sơ.\nTrong đó:\n+ Trực tuyến: 800 hồ sơ;\n+ Trực tiếp: 500 hồ sơ.",
     "sum_mismatch", ["1.250 hồ sơ", "800 hồ sơ", "500 hồ sơ"]),
    ("Tổng số hồ sơ tiếp nhận: 1.250 hồ sơ.\nTrong đó:\n+ Trực tuyến: 800;\n+ Trực tiếp: 500.", "sum_mismatch",
     ["1.250 hồ sơ", "800", "500"]),
    ("Tổng số viên chức là 50 người.\nTrong đó: nam 20 người, nữ 25 người.", "sum_mismatch",
     ["50 người", "20 người", "25 người"]),                   # a partition is whole, as inline
    ("Tổng số hồ sơ tiếp nhận: 1.400 hồ sơ, trong đó:\n+ Trực tuyến: 800 hồ sơ;\n+ Trực tiếp: 500 hồ sơ;\n"
     "+ Khác: 50 hồ sơ.", "sum_mismatch", ["1.400 hồ sơ", "800 hồ sơ", "500 hồ sơ", "50 hồ sơ"]),   # ... and the rest
    # a header's "A/B" whose B is the whole of A announces a fraction: its share is still checked
    ("Số hồ sơ giải quyết đúng hạn/tổng số hồ sơ: 118/1.420 (đạt 98,3%).", "ratio_mismatch", ["98,3%", "118/1.420"]),
    # one part that cuts across the others is left out, the rest of one dimension added up
    ("Tổng số 40 người, trong đó đảng viên 10 người, nam 20 người, nữ 25 người.", "sum_mismatch",
     ["40 người", "20 người", "25 người"]),
    ("Tổng số 50 người, trong đó nữ 25 người, đảng viên 10 người, nam 20 người.", "sum_mismatch",
     ["50 người", "25 người", "20 người"]),
    ("Tổng số 40 người (nam 20, nữ 25, đảng viên 10).", "sum_mismatch", ["40 người", "20", "25"]),
    ("Tổng số 40 người, gồm: nam: 20; đảng viên: 10; nữ: 25.", "sum_mismatch", ["40 người", "20", "25"]),
]

MUST_NOT_FLAG = [
    "Đơn vị hiện có 900 cán bộ, 120 bác sĩ, 45 dược sĩ.",                        # a list of subsets
    "Bệnh viện có 250 giường bệnh (120 bác sĩ và 45 dược sĩ).",                   # beds are not staff
    "Tổng số 900 cán bộ, trong đó 120 bác sĩ, 45 dược sĩ.",                       # some of them
    "Tổng số 900 cán bộ (120 bác sĩ, 45 dược sĩ, 300 điều dưỡng).",               # a bracket of some
    "Năm 2024 tiếp nhận hơn 500 hồ sơ, gồm 300 hồ sơ trực tuyến và 207 hồ sơ trực tiếp.",  # more than 500
    "Ban Giám đốc Trung tâm có 10 lãnh đạo (03 Giám đốc và 07 Phó Giám đốc).",   # adds up
    "Có 205/257 viên chức đạt chuẩn, chiếm tỷ lệ 80%.",                          # 79,77% written as 80%
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 93,1% (81.657/87.709).",
    "Tổng số lượt giao dịch: 91.117 lượt (không dùng tiền mặt: 28.778 lượt đạt 31,58%).",
    "Trung tâm có 25 khoa, phòng gồm 12 cán bộ và 13 viên chức.",                # staff are not departments
    # "trong đó" lists of degrees or roles may leave some out (trung cấp, dược sĩ): no sum is sure
    "Tổng số 450 viên chức, trong đó: đại học 200 viên chức, cao đẳng 230 viên chức.",
    "Đơn vị có 450 người, trong đó: bác sĩ 200 người, điều dưỡng 230 người.",
    "Có 450 người, trong đó nam 200 người, nữ 250 người.",                        # adds up
    "Tổng số viên chức là 50 người, gồm 20 nam và 30 nữ.",                        # adds up
    "Tổng số viên chức là 50 người, trong đó 20 nữ.",                            # some of them
    "Tổng số viên chức là 50 người, trong đó 20 nữ, 25 nam dân tộc thiểu số.",   # some of the men
    # a "khác" that is not the rest: a kind of its own, or words going on after it, or a part of a part
    "Có 120 người, trong đó: bác sĩ 30 người, hộ sinh khác 20 người.",
    "Có 120 người, trong đó: bác sĩ 30 người, khác 20 người có trình độ đại học.",
    "Có 120 người, trong đó: bác sĩ 30 người (nữ 10 người), điều dưỡng 60 người, khác 20 người.",
    "Có 120 người, trong đó: bác sĩ 30 người; các đối tượng khác: 90 người.",     # adds up
    # over 100%, but against a plan, a past period, or growth; or no share of a whole
    "Tỷ lệ văn bản đi được ký số đạt 120% kế hoạch.",
    "Số hồ sơ giải quyết đúng hạn tăng 120% so với năm 2024.",
    "Tỷ lệ giải ngân vốn đầu tư công đạt 120%.",
    "Công suất sử dụng giường bệnh đạt 120%.",
    # a share's name lent along a list is no proof the figure after it is that share
    "Tỷ lệ hài lòng của người bệnh đạt 98%, công suất sử dụng giường bệnh đạt 115%.",
    "Tỷ lệ hài lòng đạt 97%; số lượt khám đạt 130%.",
    "Tỷ lệ hồ sơ giải quyết trễ hạn 2%; tỷ lệ thu viện phí đạt 110%.",
    # "label: number" parts that are some of the total, or not parts at all
    "Cử đi học đại học liên thông đối với 70 viên chức trúng tuyển, chiếm tỉ lệ 35,5% so với số dự thi "
    "tuyển (70/197), trong đó : y đa khoa: 46; điều dưỡng đa khoa: 02; hộ sinh: 09; gây mê hồi sức: 02; "
    "chẩn đoán hình ảnh: 01; dược học: 08; y học cổ truyền: 02, kinh phí đào tạo 100% cá nhân tự túc.",
    "Bồi dưỡng lý luận chính trị cho 120 người (cao cấp: 17; trung cấp: 100).",
    "Tổng số 30 lớp, trong đó năm: 2024; tháng: 12.",
    "Năm 2025 tiếp nhận 50 hồ sơ, trong đó 40 hồ sơ trực tuyến.",                # one part, within its total
    "Đánh giá, xếp loại 58 người, trong đó: Hoàn thành xuất sắc nhiệm vụ: 33 (56,9%); Hoàn thành tốt "
    "nhiệm vụ: 25 (43,1%).",
    "Tổng số 30 lớp, trong đó: 12 lớp trực tuyến; lớp tập trung: 40 học viên.",
    # a ratio in the next sentence, or a map's scale, is no base of the share
    "Tỷ lệ đúng hạn đạt 99%. 26/26 trạm y tế triển khai.",
    "Bản đồ tỷ lệ 1/25.000 được số hóa 100%.",
    "Tổng số 20 trạm, gồm khoảng 12 trạm loại 1 và 7 trạm loại 2.",              # approximate parts
    # a scoring rule (its "0,25" read by OCR as "0/25"): a condition, then its outcome; list items
    "Đạt 100%: đạt tối đa điểm - Từ 95% đến dưới 100%: đạt 0/25 điểm - Dưới 95%: 0 điểm.",
    # a partition's parts are its nam/nữ pair only: what follows (after ';', a new "trong đó", a comma) is a subset
    "Tổng số CBVC: 45 người, gồm 20 nam và 25 nữ; trong đó đảng viên 10 người.",
    "Tổng số CBVC: 45 người, gồm 20 nam và 25 nữ; trong đó có 12 người trình độ sau đại học.",
    "Tổng số CBVC: 45 người, gồm 20 nam và 25 nữ, 10 người là đảng viên.",
    "Tổng số 250 người, gồm 100 nam và 150 nữ; trong đó: bác sĩ 60 người, dược sĩ 10 người.",
    # a list ends at its rest ("khác N"), at a ';'; a bracket's figures are details of the part before
    "Tổng số cán bộ là 120 người, trong đó: bác sĩ 30 người, điều dưỡng 70 người, khác 20 người; "
    "có 15 người là đảng viên.",
    "Tổng số cán bộ là 120 người, trong đó: bác sĩ 30 người, điều dưỡng 70 người, khác 20 người "
    "(10 người hợp đồng).",
    "Tổng số cán bộ là 120 người, trong đó: bác sĩ 30 người (5 người có trình độ sau đại học), "
    "điều dưỡng 70 người, khác 20 người.",
    "Tổng số cán bộ là 120 người, trong đó: bác sĩ 30 người, điều dưỡng 70 người, khác 20 người, "
    "15 người là đảng viên.",
    "Tổng số cán bộ là 120 người, gồm bác sĩ 30 người, điều dưỡng 90 người; 15 người là đảng viên.",
    "Tổng số CBVC là 45 người (20 nam và 25 nữ, 10 người là đảng viên).",          # the same in a bracket
    # a "trong đó" after a ';' may narrow the last part, and the list go on: the parts before it are not sure to be all
    "Tổng số 250 giường, gồm: nội khoa 120 giường; ngoại khoa 100 giường; trong đó hồi sức 20 giường; "
    "truyền nhiễm 30 giường.",
    "Tổng số cán bộ là 120 người (bác sĩ 30 người, điều dưỡng 70 người, khác 20 người; có 15 người là đảng viên).",
    # the clause after the semicolon is another statement: its verb, not a count, leads it
    "Năm 2004 chọn cử 45 người đi học đại học, trong đó có 03 người học thạc sĩ; cử 188 người đi bồi dưỡng.",
    # parts that overlap rather than split the total (spec4 1a): attributes that cut across, one inside another
    "Tổng số viên chức là 120 người, trong đó nữ 80 người, đảng viên 50 người.",
    "Tổng số viên chức 120 người, trong đó 30 người có trình độ sau đại học, 100 người là đảng viên.",
    "Tổng số lượt khám 25.000 lượt, trong đó khám BHYT 20.000 lượt, thanh toán không dùng tiền mặt 8.000 lượt.",
    "Tiếp nhận 1.500 hồ sơ, trong đó 1.480 hồ sơ đã giải quyết, 1.470 hồ sơ giải quyết đúng hạn.",
    "Tổng số viên chức là 120 người, trong đó nam 40 người, nữ 80 người; trình độ sau đại học 20 người, "
    "đại học 60 người, cao đẳng 40 người.",
    "Tổng số 120 người, gồm: nữ: 80; đảng viên: 50.",
    "Tổng số 120 người (nữ 80 người, đảng viên 50 người).",
    "Tổng số viên chức 120 người, cụ thể:\n- Nữ: 80 người;\n- Đảng viên: 50 người.",
    "Tổng số 120 người, gồm 30 bác sĩ và 100 viên chức.",
    "Tổng số 120 người, trong đó 30 người dưới 30 tuổi, 100 người có trình độ đại học.",
    "Tổng số 120 người, trong đó đại học trở lên 80 người, sau đại học 50 người.",
    "Tiếp nhận 1.500 hồ sơ, trong đó 1.200 hồ sơ trực tuyến, 800 hồ sơ trực tuyến toàn trình.",
    "Tổng số 2.000 văn bản đi, trong đó 1.900 văn bản ký số, 1.950 văn bản điện tử.",
    # a percentage tied to a fraction measuring something else (spec4 1b): the complement, a change, another channel
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%, còn 19/1.253 hồ sơ trễ hạn.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,48% (1.234/1.253 hồ sơ), tăng 2% so với cùng kỳ (1.100/1.150 hồ sơ).",
    "Tỷ lệ hài lòng đạt 96,44%, giảm 1,2% so với cùng kỳ (970/1.000 phiếu).",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%, còn 19/1.253 hồ sơ chưa giải quyết.",
    "Tỷ lệ hài lòng đạt 98,5%, còn 19/1.253 phiếu không hài lòng.",
    "Tỷ lệ văn bản ký số đạt 98,5%, 19/1.253 văn bản chưa ký số.",
    "Tỷ lệ hồ sơ trực tuyến đạt 80%, hồ sơ trực tiếp 300/1.500.",
    "19/1.253 hồ sơ trễ hạn, tỷ lệ đúng hạn đạt 98,5%.",
    # of what was received, a share of what was dealt with may be higher; a whole in another clause is no base
    "Tiếp nhận 1.253 hồ sơ, giải quyết đúng hạn 1.234 hồ sơ, đạt tỷ lệ 99,5%.",
    "Tiếp nhận 1.500 hồ sơ; giải quyết đúng hạn 1.234 hồ sơ, đạt tỷ lệ 90%.",
    "Tiếp nhận 1.500 hồ sơ, đã giải quyết 1.480 hồ sơ, đúng hạn 1.234 hồ sơ, đạt tỷ lệ 90%.",
    "Thanh toán không dùng tiền mặt: 28.778 lượt, đạt 29,63% trên tổng số 97.124 lượt.",
    # the other forms of a list: parts adding up, or falling short of a total they may be some of
    "Tổng số 110 viên chức (bác sĩ 30, điều dưỡng 60, khác 20).",
    "Tổng số 120 viên chức (bác sĩ 30, điều dưỡng 60).",
    "Tổng số 120 viên chức, gồm: bác sĩ: 30; điều dưỡng: 60.",              # a "label: number" list: some
    "Tổng số 45 người (nam 20, nữ 25).",
    "Tổng số hồ sơ tiếp nhận: 1.400 hồ sơ, trong đó:\n+ Trực tuyến: 800 hồ sơ;\n+ Trực tiếp: 500 hồ sơ.",
    "Tổng số hồ sơ tiếp nhận: 1.400 hồ sơ, trong đó:\n+ Trực tuyến: 800;\n+ Trực tiếp: 500.",
    "Tổng số hồ sơ tiếp nhận là 1.400 hồ sơ. Trong đó: 800 hồ sơ trực tuyến, 500 hồ sơ trực tiếp.",
    "Tổng số hồ sơ tiếp nhận là 1.300 hồ sơ. Trong đó: 800 hồ sơ trực tuyến, 500 hồ sơ trực tiếp.",
    "Tổng số hồ sơ tiếp nhận: 1.350 hồ sơ, trong đó:\n+ Trực tuyến: 800 hồ sơ;\n+ Trực tiếp: 500 hồ sơ;\n"
    "+ Khác: 50 hồ sơ.",
    # ... and what is no list of the total's parts: its peers on bullets of its own mark, a sentence of
    # two counts before "Trong đó", a bracket of articles or of changes, a count in the next sentence
    "- Tổng số hồ sơ: 1.250 hồ sơ, gồm:\n- Trực tuyến: 800 hồ sơ;\n- Trực tiếp: 450 hồ sơ;\n"
    "- Số hồ sơ năm trước: 1.100 hồ sơ.",
    "- Tổng số hồ sơ: 1.250 hồ sơ, trong đó:\n+ Trực tuyến: 800;\n+ Trực tiếp: 450;\n- Đã giải quyết: 1.200.",
    "- Tổng số hồ sơ: 1.250 hồ sơ, trong đó:\n- Trực tuyến: 800;\n- Trực tiếp: 500.",
    "Tiếp nhận 1.250 hồ sơ, giải quyết 1.200 hồ sơ. Trong đó: 800 hồ sơ trực tuyến, 450 hồ sơ trực tiếp.",
    "Tiếp nhận 1.250 hồ sơ, giải quyết 1.200 hồ sơ. Trong đó: trực tuyến: 800; trực tiếp: 450.",
    "Tổng số hồ sơ tiếp nhận: 1.400 hồ sơ.\nTrong đó:\n+ Trực tuyến: 800 hồ sơ;\n+ Trực tiếp: 500 hồ sơ.",
    "Tiếp nhận 1.250 hồ sơ, giải quyết 1.200 hồ sơ.\nTrong đó:\n+ Trực tuyến: 800 hồ sơ;\n+ Trực tiếp: 450 hồ sơ.",
    "Có 120 văn bản (Điều 30, khoản 95).",
    "Có 120 hồ sơ (tăng 100, giảm 30).",
    "Tổng số 15 học sinh (lớp 10, lớp 11).",                                        # names, not parts
    "Tổng số hồ sơ tiếp nhận là 1.250 hồ sơ. Năm 2024 tiếp nhận 800 hồ sơ trực tuyến, 500 hồ sơ trực tiếp.",
    # one part cutting across the others: the rest add up; two that could each be left out: no sum
    "Tổng số 45 người, trong đó đảng viên 10 người, nam 20 người, nữ 25 người.",
    "Tổng số 45 người (nam 20, nữ 25, đảng viên 10).",
    "Tổng số 120 người, trong đó nữ 80 người, đảng viên 50 người, dân tộc thiểu số 30 người.",
    "Tổng số 100 người, trong đó đại học trở lên 80 người, sau đại học 50 người, cao đẳng 20 người.",
    "Có 450 người, trong đó nam 200 người, nữ 230 người, dân tộc thiểu số 20 người.",   # all add up: apart
    "Tiếp nhận 1.500 hồ sơ, trong đó 1.200 hồ sơ trực tuyến, 1.000 hồ sơ trực tuyến toàn trình, 400 hồ sơ trực tiếp.",
    # "x/y" under a header announcing two counts is no fraction its percentage could be checked against
    "Số hồ sơ giải quyết đúng hạn trong tháng/lũy kế: 118/1.420 (đạt 98,3%).",
    "Số hồ sơ tiếp nhận (trong kỳ/lũy kế): 120/1.450, đạt 95% kế hoạch.",
]


@pytest.mark.parametrize(("text", "code", "raws"), MUST_FLAG)
def test_a_contradiction_is_flagged_with_both_figures(text: str, code: str, raws: list[str]) -> None:
    flags = figure_flags(text)
    assert [f["code"] for f in flags] == [code], flags
    flag = flags[0]
    assert [f["raw"] for f in flag["figures"]] == raws
    for fig in flag["figures"]:
        assert text[fig["span"][0]:fig["span"][1]] == fig["raw"]
    s, e = flag["span"]
    assert all(s <= f["span"][0] and f["span"][1] <= e for f in flag["figures"])    # its sentence
    # a text without page breaks knows no page: the flag says its paragraph (spec/output.md)
    assert flag["page"] is None and flag["paragraph"] == 1 and flag["message_key"]


@pytest.mark.parametrize("text", MUST_NOT_FLAG)
def test_what_adds_up_or_is_no_partition_is_not_flagged(text: str) -> None:
    assert figure_flags(text) == []


@pytest.mark.parametrize("text", [
    # a range as the total of a share, or as its part: 91.117 would have agreed, and 28.778 too
    "Tổng số lượt giao dịch: 90.000 đến 91.117 lượt (không dùng tiền mặt: 28.778 lượt đạt 29,63%).",
    "Tổng số lượt giao dịch: 91.117 lượt (không dùng tiền mặt: 28.778 đến 30.000 lượt đạt 29,63%).",
    # a range as the total of a partition, or as one of its parts
    "Tổng số giường bệnh kế hoạch là 200 - 250 giường, gồm: 120 giường nội khoa, 100 giường ngoại khoa và "
    "40 giường truyền nhiễm.",
    "Tổng số giường bệnh kế hoạch là 250 giường, gồm: 120 giường nội khoa, 100 giường ngoại khoa và "
    "40 đến 50 giường truyền nhiễm.",
])
def test_a_range_is_never_taken_for_its_upper_end(text: str) -> None:
    """A range has no one value to add up or divide by: no share rests on it, no sum counts it."""
    rec = build_record(normalise_text(text))
    assert [m["kind"] for m in rec["metrics"]].count("range") == 1
    assert all(not m.get("basis") for m in rec["metrics"]), rec["metrics"]
    assert figure_flags(text) == []


@pytest.mark.parametrize(("text", "flagged"), [
    ("KẾ HOẠCH\nCải cách hành chính năm 2025\nThực hiện Kế hoạch số 04/KH-SYT ngày 05/8/2025 của Sở Y tế\n"
     "I. MỤC TIÊU\n", True),                                   # a cited date is not the document's
    ("SỞ Y TẾ\nBÁO CÁO\nKết quả\nSố:\nHà Nội, ngày      tháng      năm\nNội dung báo cáo.\n", False),
    ("SỞ Y TẾ\nBÁO CÁO\nHà Nội, ngày 12/8/2025\nNội dung báo cáo.\n", False),
    ("SỞ Y TẾ\nSố: 12/BC-SYT\nBÁO CÁO\nNội dung báo cáo.\n", False),
])
def test_a_header_missing_is_flagged_and_a_header_written_any_way_is_not(text: str, flagged: bool) -> None:
    rec = build_record(normalise_text(text))
    assert any(f["code"] == "missing_header" for f in rec["flags"]) is flagged


@pytest.mark.parametrize(("text", "complete"), [
    *[(t, True) for t in load("metrics")["breakdown"]["catch_all_examples"]],
    *[(t, False) for t in load("metrics")["breakdown"]["catch_all_counterexamples"]],
])
def test_a_list_ending_with_the_rest_is_a_whole(text: str, complete: bool) -> None:
    """patterns/metrics.toml [breakdown] catch_all: its examples are whole breakdowns, its
    counterexamples are no breakdown or one that may leave some out."""
    found = breakdowns(text, find_metrics(text, citations=find_citations(text)))
    assert any(b.complete for b in found) is complete, found


@pytest.mark.parametrize("text", load("metrics")["sex_counts"]["examples"])
def test_people_counted_by_sex_are_counts_of_people(text: str) -> None:
    found = [m for m in find_metrics(text) if (m.unit or "") in load("metrics")["sex_counts"]["words"]]
    assert found and all(m.kind == "count" and m.unit_kind == "people" for m in found)


@pytest.mark.parametrize("text", load("metrics")["sex_counts"]["counterexamples"])
def test_a_sex_word_after_a_number_is_not_always_a_count(text: str) -> None:
    """An address ("12 Nam Kỳ Khởi Nghĩa") or OCR's năm ("5 nam 2024") counts nobody."""
    assert not [m for m in find_metrics(text) if m.kind == "count"]


@pytest.mark.parametrize(("text", "left_out"), load("metrics")["breakdown"]["dimensions"]["split_off_examples"])
def test_a_part_cutting_across_is_left_out_of_the_sum(text: str, left_out: str) -> None:
    """patterns/metrics.toml [breakdown.dimensions] split_off_examples: the parts of one dimension are
    added up, the part left out is checked alone."""
    found = breakdowns(text, find_metrics(text, citations=find_citations(text)))
    assert [[p.raw for p in b.parts] for b in found if len(b.parts) == 1] == [[left_out]], found
    [summed] = [b for b in found if len(b.parts) > 1]
    assert summed.split and left_out not in [p.raw for p in summed.parts]


@pytest.mark.parametrize("text", load("metrics")["breakdown"]["dimensions"]["split_off_counterexamples"])
def test_parts_that_could_each_be_left_out_add_up_to_nothing(text: str) -> None:
    """... nor parts that all add up to the total (counted apart by the writer)."""
    [b] = breakdowns(text, find_metrics(text, citations=find_citations(text)))
    assert not b.split
# ---------------------------------------------------------------- a share's own ratio (share_base.py)
# A percentage is checked against the ratio of its own clause: a bracketed one against the figure right
# before its bracket, one after "đạt"/"chiếm" against what precedes it, never across "còn", "trong đó" or
# ";", and of two ratios it may be the share of, never against the other when one agrees. "x trên y"
# (and "trên tổng số", "trong tổng số") is a ratio as "x/y" is.
OWN_RATIO_FLAGGED = [
    ("Hoàn thành 18/22 nhiệm vụ (85,8%), còn 4/22 nhiệm vụ (18,2%) đang triển khai.", ["85,8%", "18/22"]),
    ("Hoàn thành 18/22 nhiệm vụ (81,8%), còn 4/22 nhiệm vụ (28,2%) đang triển khai.", ["28,2%", "4/22"]),
    ("Có 14/16 khoa được kiểm tra, đạt 80,5%, trong đó 2/16 khoa kiểm tra trực tuyến.", ["80,5%", "14/16"]),
    ("Đạt 18/22 nhiệm vụ, chiếm 81,82%; còn 4/22 nhiệm vụ đang triển khai (28,18%).", ["28,18%", "4/22"]),
    ("Có 81 trên 87 hồ sơ trả kết quả qua bưu chính, tỷ lệ 95,4%.", ["95,4%", "81 trên 87"]),
    ("Có 81 trên tổng số 87 đơn vị gửi báo cáo (đạt 95,4%).", ["95,4%", "81 trên tổng số 87"]),
    ("Có 81 trong tổng số 87 đơn vị gửi báo cáo, đạt 95,4%.", ["95,4%", "81 trong tổng số 87"]),
    ("Giải quyết 1.253 hồ sơ, đạt 95% (tương ứng 1.234/1.253 hồ sơ đúng hạn).", ["95%", "1.234/1.253"]),
    ("Cử đi học 70 viên chức, chiếm tỉ lệ 30,5% so với số dự thi tuyển (70/197).", ["30,5%", "70/197"]),
    ("Kết quả 81/87 hồ sơ, tỷ lệ 95,4%, 2/87 hồ sơ trễ hạn.", ["95,4%", "81/87"]),     # the one before it
    ("Có 81/87 đơn vị (93,1%), 6/87 đơn vị chưa gửi (8,9%).", ["8,9%", "6/87"]),
    ("Giải quyết 81 hồ sơ trên tổng số 87 hồ sơ, đạt 95,4%.", ["95,4%", "81 hồ sơ", "87 hồ sơ"]),
    ("Giải quyết 81 hồ sơ trên 87 hồ sơ, đạt 95,4%.", ["95,4%", "81 hồ sơ", "87 hồ sơ"]),
]

OWN_RATIO_NOT_FLAGGED = [
    "Hoàn thành 18/22 nhiệm vụ (81,8%), còn 4/22 nhiệm vụ (18,2%) đang triển khai.",
    "Có 14/16 khoa được kiểm tra, đạt 87,5%, trong đó 2/16 khoa kiểm tra trực tuyến.",
    "Đạt 18/22 nhiệm vụ, chiếm 81,82%; còn 4/22 nhiệm vụ đang triển khai (18,18%).",
    "Đạt 18/22 nhiệm vụ, chiếm 81,82%; còn 4/22 nhiệm vụ đang triển khai.",
    "Đã hoàn thành 18/22 nhiệm vụ, đạt 81,8%, 4/22 nhiệm vụ đang triển khai.",
    "Đã hoàn thành 18 nhiệm vụ, đạt 81,8%, 4/22 nhiệm vụ đang triển khai.",      # the count's share
    "Hoàn thành 18 nhiệm vụ (81,8%), 4/22 nhiệm vụ đang triển khai.",             # the bracket is the count's
    "Tỷ lệ hài lòng đạt 96,5%, tăng 2,1% so với cùng kỳ (2024: 94,4%); khảo sát 450/500 người bệnh.",
    "Kiểm tra 14/16 khoa, tỷ lệ 87,5%, 2/16 khoa kiểm tra trực tuyến.",           # the one it agrees with
    "Có 81 trên tổng số 87 đơn vị gửi báo cáo (đạt 93,1%).",
    "Có 81 trên 87 hồ sơ trả kết quả qua bưu chính, tỷ lệ 93,1%.",
    "Tổ chức trên 90 cuộc kiểm tra, đạt 95% kế hoạch.",                          # "trên" before one number
    "Tỷ lệ hồ sơ đúng hạn đạt trên 90% (99/100 hồ sơ).",                         # a threshold
    "Tỉnh đứng thứ 5 trên 63 tỉnh, đạt 85%.",                                    # a rank
    "Có 81/87 hồ sơ, tăng so với năm trước (95%).",                             # last year's
    "Có 81/87 hồ sơ giải quyết đúng hạn, cùng kỳ năm 2024 đạt 95%.",
    "Giải quyết 81 hồ sơ trên tổng số 87 hồ sơ, đạt 93,1%.",
    "Có 81 viên chức trên tổng số 87 hồ sơ, đạt 95,4%.",                        # two units: no part and whole
]


@pytest.mark.parametrize(("text", "raws"), OWN_RATIO_FLAGGED)
def test_a_share_is_checked_against_its_own_ratio(text: str, raws: list[str]) -> None:
    flags = figure_flags(text)
    assert [f["code"] for f in flags] == ["ratio_mismatch"], flags
    assert [f["raw"] for f in flags[0]["figures"]] == raws
    for fig in flags[0]["figures"]:
        assert text[fig["span"][0]:fig["span"][1]] == fig["raw"]


@pytest.mark.parametrize("text", OWN_RATIO_NOT_FLAGGED)
def test_a_share_is_not_checked_against_another_clauses_ratio(text: str) -> None:
    assert figure_flags(text) == []


@pytest.mark.parametrize(("text", "kinds"), [
    ("Có 81 trên 87 hồ sơ trả kết quả qua bưu chính.", [("ratio", None)]),
    ("Tổ chức trên 90 cuộc kiểm tra.", [("count", "hơn")]),
    ("Tiếp nhận 12 hồ sơ trên 5 lĩnh vực.", [("count", None)]),
    ("Năm 2024 trên 5.000 hồ sơ được giải quyết.", [("count", "hơn")]),
    ("Giải quyết 81 hồ sơ trên 87 hồ sơ.", [("count", None), ("count", None)]),      # 87 is the whole
    ("Tiếp nhận 12 hồ sơ, trên 90 hồ sơ được số hóa.", [("count", None), ("count", "hơn")]),
])
def test_a_ratio_in_words_is_one_figure_and_trên_before_one_number_an_approximation(
        text: str, kinds: list[tuple[str, str | None]]) -> None:
    assert [(m.kind, m.approx) for m in find_metrics(text)] == kinds

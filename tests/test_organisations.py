"""A known name or a ministry's, tried as one alternation, is what trying one then the other gives."""

from __future__ import annotations

from tests.conftest import CORPUS, STEMS
from vanban.extract import organisations
from vanban.extract.read import read


def test_known_or_ministry_in_one_match_as_in_two() -> None:
    texts = [read(CORPUS / "txt" / f"{stem}.txt").text for stem in STEMS]
    texts += ["Bộ Tài chính, Bộ Y tế", "BỘ TÀI CHÍNH", "bộ tài chính", "Bộ Thông tin và Truyền thông",
              "Bộ Tài chínhx", "Bộ Nội vụ - Bộ Tài chính", "Ban Chấp hành Trung ương", "Quốc  hội"]
    hits = 0
    for text in texts:
        for j in range(len(text)):
            one = organisations._known_or_ministry().match(text, j)
            two = organisations._known().match(text, j) or organisations._ministries().match(text, j)
            assert (one and one.span()) == (two and two.span()), text[j:j + 40]
            hits += two is not None
    assert hits

"""Regrouping tries only the groups a document could join (indexes of numbers, directives and title
words): it must give the groups the rule gives when every group is tried — each document, reference
first, joins the first group whose every member it is compatible with."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from vanban.db.reports import Doc, _clusters, compatible, title_key

TITLES = ["Công tác cải cách hành chính quý III năm 2025", "Công tác cải cách hành chính quý III năm 2O25",
          "Kết quả phòng chống dịch sốt xuất huyết", "Tình hình thực hiện công tác y tế tháng 10",
          "Kế hoạch tuyên truyền cải cách hành chính", None]


def _every_group(members: list[Doc]) -> list[list[Doc]]:
    """The rule itself: every group tried, in order."""
    clusters: list[list[Doc]] = []
    for d in sorted(members, key=Doc.reference_rank):
        home = next((g for g in clusters if all(compatible(d, o) for o in g)), None)
        if home is None:
            clusters.append([d])
        else:
            home.append(d)
    return clusters


def _bucket(rng: random.Random, n: int) -> list[Doc]:
    """One unit's documents of one type and period, sharing numbers, plans cited, titles and days."""
    period = (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    docs = []
    for i in range(n):
        number = rng.choice([None, None, "12", "012", "45", "130", str(rng.randint(1, 400))])
        cites = tuple(sorted(rng.sample(range(12), rng.choice([0, 1, 2, 4, 6]))))
        day = rng.choice([None, dt.date(2025, 10, 2), dt.date(2025, 10, 5), dt.date(2025, 12, 20)])
        docs.append(Doc(i + 1, 7, "Báo cáo", number, rng.random() < 0.1, rng.choice(["BC-TTYT", None]), day, None,
                        period, "Quý III năm 2025", rng.choice(["pdf", "docx", "txt"]), rng.random() < 0.3, cites,
                        None, title_key(rng.choice(TITLES))))
    return docs


@pytest.mark.parametrize("seed", range(40))
def test_the_indexes_give_the_groups_of_the_rule(seed: int) -> None:
    docs = _bucket(random.Random(seed), 150)
    expected = [[d.id for d in g] for g in _every_group(docs)]
    assert 1 < len(expected) < len(docs)                 # some documents join, some do not
    assert [[d.id for d in g] for g in _clusters(docs)] == expected

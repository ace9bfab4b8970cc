"""Figures scored against a hand-made gold (tests/figure_gold/long-NN.json) on whole real documents
of ../shared/corpus/long: counts with their units, money, ranges, approximations (output.md).

The gold stores only numbers and labels; the texts stay in the shared corpus and the test skips
without them. Run `python -m tests.test_figure_gold` for the P/R line.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import LONG, need
from vanban.extract.record import extract_file

GOLD = Path(__file__).parent / "figure_gold"
KINDS = ("count", "money", "range")


def _unit_matches(a: str | None, b: str | None) -> bool:
    """`lượt` and `lượt viên chức` name one unit: the catalogue's noun may be shorter than the text's."""
    a, b = (a or "").casefold(), (b or "").casefold()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def score(gold: list[dict], got: list[dict]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives): each gold figure matches one found figure
    of the same kind, value, unit and approximation."""
    left = list(got)
    tp = 0
    for g in gold:
        for i, f in enumerate(left):
            if (f["kind"] == g["kind"] and f["value"] == g["value"] and _unit_matches(f.get("unit"), g.get("unit"))
                    and f.get("approx") == g.get("approx") and f.get("low") == g.get("low")):
                tp += 1
                del left[i]
                break
    return tp, len(left), len(gold) - tp


def run() -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    lines = []
    for path in sorted(GOLD.glob("long-*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        rec = extract_file(need(LONG / "txt" / f"{gold['doc']}.txt"))
        got = [m for m in rec["metrics"] if m["kind"] in KINDS]
        a, b, c = score(gold["figures"], got)
        tp, fp, fn = tp + a, fp + b, fn + c
        lines.append(f"{gold['doc']}: tp={a} fp={b} fn={c}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    lines.append(f"figures P={p:.3f} R={r:.3f} (tp={tp} fp={fp} fn={fn})")
    return p, r, lines


def test_figures_of_whole_documents_against_the_hand_made_gold() -> None:
    p, r, lines = run()
    assert p >= 0.95 and r >= 0.95, "\n".join(lines)


if __name__ == "__main__":
    print("\n".join(run()[2]))


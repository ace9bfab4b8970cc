"""One figure of a text (extract/metrics.py finds them; indicators, roles, relations and flags read them).

Apart from the finders so that the modules that build figures of one kind (metric_roles' ranges of
percentages, the money in metrics) and those that read them share the one class without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vanban.extract.spans import Span


@dataclass
class Metric:
    """One figure. `value` is the number it states (a ratio's is numerator/denominator; a range's is
    its upper end here, for ordering and comparing inside the extractor, and null in the record)."""

    kind: str                       # percent | ratio | count | money | range
    value: float | int
    raw: str
    span: Span
    page: int | None = None
    context: str = ""
    indicator: str | None = None
    indicator_key: str | None = None
    unit: str | None = None
    unit_kind: str | None = None
    numerator: float | int | None = None
    denominator: float | int | None = None
    low: float | int | None = None  # "từ 250 đến 400 người": the lower end of a range (kind "range")
    approx: str | None = None       # "hơn 500 hồ sơ": hơn | gần | khoảng
    in_table: bool = False
    threshold: bool = False         # a condition of a scoring scale, not a reported figure (metric_roles)
    basis: dict[str, Any] | None = None   # for a percent: the figures it is a share of
    basis_of: list[Metric] | None = None   # ... as figures (the ratio, or the part and the total)

    def to_dict(self) -> dict[str, Any]:
        """The record's figure. A range has no one value (`value: null`, its ends in `low` and `high`):
        a reader that took `value` as the figure would compare 400 for "từ 250 đến 400 người"."""
        value = None if self.kind == "range" else self.value
        out: dict[str, Any] = {"kind": self.kind, "value": value, "raw": self.raw,
                               "span": list(self.span), "page": self.page, "context": self.context,
                               "indicator": self.indicator, "indicator_key": self.indicator_key}
        if self.kind == "ratio":
            out["numerator"], out["denominator"] = self.numerator, self.denominator
        if self.kind in ("count", "money", "range"):
            out["unit"] = self.unit
        if self.kind in ("count", "range"):
            out["unit_kind"] = self.unit_kind
        if self.low is not None:
            out["low"] = self.low
        if self.kind == "range":
            out["high"] = self.value
        if self.approx:
            out["approx"] = self.approx
        if self.basis is not None:
            out["basis"] = self.basis
        if self.in_table:
            out["in_table"] = True
        if self.threshold:
            out["threshold"] = True
        return out

"""A flag and how its message is made: the template of patterns/flags.toml filled in, so that a
reader may word it in another language (its `message_key` and `params`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from vanban.extract.catalogue import load
from vanban.extract.dates import end_of_month

Span = tuple[int, int]
_YEAR_MONTH = regex.compile(r"\d{4}-\d{2}")


@dataclass
class Flag:
    """One flag. `fields` fill its message (so a reader may word it in another language); a figure
    flag names the `figures` it compares and its `span` is the sentence they stand in."""

    code: str
    severity: str
    message: str
    span: Span | None = None
    page: int | None = None
    message_key: str | None = None          # its template, to say it in another language
    params: dict[str, Any] | None = None    # the template's fields
    figures: list[dict[str, Any]] = field(default_factory=list)   # the figures a figure flag compares

    def to_dict(self) -> dict[str, Any]:
        out = {"code": self.code, "severity": self.severity, "message": self.message,
               "span": list(self.span) if self.span else None, "page": self.page,
               "message_key": self.message_key, "params": self.params}
        if self.figures:
            out["figures"] = self.figures
        return out


@cache
def data() -> dict[str, Any]:
    return load("flags")


def make_flag(code: str, message_key: str | None = None, span: Span | None = None,
              severity: str | None = None, page: int | None = None, figures: list[Any] | None = None,
              **fields: Any) -> Flag:
    """A flag with its message from patterns/flags.toml filled in; `figures` are Metrics it compares."""
    template = data()["messages"][message_key or code]
    return Flag(code, severity or data()["severity"][code], template.format(page=page, **fields), span, page,
                message_key or code, {"page": page, **fields}, [_figure(m) for m in figures or []])


def _figure(m: Any) -> dict[str, Any]:
    return {"raw": m.raw, "value": m.value, "span": list(m.span)}


def vn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def latest_date(header: dict[str, Any]) -> str | None:
    """The document's date, or the last day it can be when only month and year are filled."""
    if header.get("date"):
        return header["date"]
    partial = header.get("date_partial")
    if partial and _YEAR_MONTH.fullmatch(partial):
        y, m = map(int, partial.split("-"))
        return end_of_month(y, m)
    return None

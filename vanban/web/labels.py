"""The words the pages show, from the one catalogue (`patterns/strings.toml`) the CLI and the workbook use.

Column headers come through the question layer's `labels`, coded values (levels, severities,
yes/no) and upload outcomes from the same catalogue; nothing is worded twice. Vietnamese unless
VANBAN_LANG says otherwise, as on the command line.
"""

from __future__ import annotations

from typing import Any

from vanban import questions
from vanban.db.queries.base import period_label
from vanban.identity.levels import LEVELS as LEVEL_CODES
from vanban.patterns import strings

fold = questions.fold


def column(name: str) -> str:
    return questions.labels([name])[name]


def value(code: Any) -> str:
    """A level, severity, origin or yes/no in words; anything else as it is."""
    return strings.value(code) if isinstance(code, str | bool) else str(code)


def outcome(code: str) -> str:
    return strings.outcome(code)


def say_reason(text: str | None) -> str:
    """Why a file was not stored, said from the English text ingest reports and the store keeps."""
    return strings.say_reason(text) if text else ""


def message(key: str, **fields: Any) -> str:
    return strings.message(key, **fields)


def users(key: str, **fields: Any) -> str:
    """A word of the users page."""
    return strings.users(key, **fields)


def levels() -> dict[str, str]:
    """Level code -> its name, for the level filter, in the catalogue's order."""
    return {code: strings.value(code) for code in LEVEL_CODES}


def where(page: Any, paragraph: Any) -> str:
    """`trang 5`, or `đoạn 94` in a DOCX where Word recorded no page break; never a made-up page."""
    if _known(page):
        return strings.message("page_at", page=int(page))
    if _known(paragraph):
        return strings.message("paragraph_at", paragraph=int(paragraph))
    return ""


def _known(v: Any) -> bool:
    return v is not None and str(v) not in ("<NA>", "nan", "None", "")


def period(label: str) -> str:
    """A period's label in one case form, sentence case, as every question gives it (`period_label`)."""
    return str(period_label(label))

"""The one catalogue of words shown to users (patterns/strings.toml), Vietnamese first.

The language is `vi` unless asked otherwise (`--lang en`, VANBAN_LANG=en): the locale of the
machine does not decide, because an officer's laptop often runs an English Windows. Answers keep
stable English column keys (`unit`, `cites`) for programs; these functions say them in words.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from importlib import resources
from typing import Any

LANGS = ("vi", "en")
DEFAULT = "vi"
ENV = "VANBAN_LANG"
_CHOSEN: ContextVar[str | None] = ContextVar("vanban_lang", default=None)


@cache
def _catalogue() -> dict[str, Any]:
    with resources.files("vanban.patterns").joinpath("strings.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def _english_flags() -> dict[str, str]:
    with resources.files("vanban.patterns").joinpath("flags.toml").open("rb") as fh:
        return tomllib.load(fh)["messages"]


def language(lang: str | None = None) -> str:
    """`lang` if given, else the one a command was asked in (`speaking`), else VANBAN_LANG, else
    Vietnamese; anything unknown is Vietnamese."""
    chosen = (lang or _CHOSEN.get() or os.environ.get(ENV) or DEFAULT).strip().lower()[:2]
    return chosen if chosen in LANGS else DEFAULT


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Messages made inside (errors raised deep in the store included) in `lang` (`--lang`)."""
    token = _CHOSEN.set(lang)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def _table(section: str, lang: str | None) -> dict[str, str]:
    return _catalogue()[language(lang)].get(section, {})


def column(key: str, lang: str | None = None) -> str:
    """A column's header in words; an unknown key (a directive's symbol in the matrix) as it is."""
    return _table("columns", lang).get(str(key), str(key))


def columns(keys: Any, lang: str | None = None) -> dict[str, str]:
    """Column key -> header, for `DataFrame.rename(columns=...)`."""
    return {k: column(k, lang) for k in keys}


def value(key: Any, lang: str | None = None) -> str:
    """A level, severity or yes/no in words (`government` -> `Chính phủ`)."""
    if isinstance(key, bool):
        key = "yes" if key else "no"
    return _table("values", lang).get(str(key), str(key))


def message(key: str, lang: str | None = None, /, **fields: Any) -> str:
    """A message of the command line, filled in."""
    return _table("messages", lang).get(key, _catalogue()["en"]["messages"][key]).format(**fields)


def decimal(number: float, digits: int = 1, lang: str | None = None) -> str:
    """A decimal as the language writes it: `12,5` in Vietnamese (a comma), `12.5` in English."""
    text = f"{number:.{digits}f}"
    return text.replace(".", ",") if language(lang) == "vi" else text


def outcome(key: str, lang: str | None = None) -> str:
    """What became of an uploaded file (`ingested` -> `đã lưu`)."""
    return _table("outcomes", lang).get(key, key)


def title(key: str, lang: str | None = None) -> str:
    """The title over a question's table (`missing` -> `Đơn vị chưa nộp báo cáo`)."""
    return _table("titles", lang).get(key, key)


def record(key: str, lang: str | None = None, /, **fields: Any) -> str:
    """A label of `vanban extract --format table` (`issuer` -> `Cơ quan ban hành`), filled in."""
    text = _table("record", lang).get(key, _catalogue()["en"]["record"].get(key, key))
    return text.format(**fields) if fields else text


def sheet(key: str, lang: str | None = None) -> str:
    return _table("sheets", lang).get(key, key)[:31]


# A flag's fields that are vanban's own figures, stored as Vietnamese writes numbers (28.778; 31,58%):
# said in English the other way round. A figure quoted from the document (`stated`, `total`) stays as written.
_WORKED_OUT = frozenset({"numerator", "denominator", "computed", "sum"})
_TO_ENGLISH = str.maketrans({".": ",", ",": "."})


def flag_message(key: str | None, params: dict[str, Any] | None, fallback: str, lang: str | None = None) -> str:
    """A flag's message in the language asked, from its key and fields; `fallback` when it cannot be."""
    if not key or params is None:
        return fallback
    if key == "uncertain_field" and params.get("confidence") == "?":     # stored before a reading without
        key = "uncertain_field_unrated"                                  # a confidence had its own words
    template = _table("flags", lang).get(key)
    if template is None:
        template = _catalogue()["en"]["flags"].get(key) or _english_flags().get(key)
    if "field" in params:                       # a header field's name, in the language asked
        params = {**params, "field": _table("header_fields", lang).get(params["field"], params["field"])}
    if language(lang) == "en":                  # figures vanban worked out, written the reader's way
        params = {k: v.translate(_TO_ENGLISH) if k in _WORKED_OUT and isinstance(v, str) else v
                  for k, v in params.items()}
    try:
        return template.format(**params) if template else fallback
    except (KeyError, IndexError, ValueError):
        return fallback


def said(record: dict[str, Any], lang: str | None = None) -> dict[str, Any]:
    """`record` with its flags' messages in `lang` (else the language in effect), in place: a
    Vietnamese reader of the JSON reads Vietnamese; each flag's key and fields stay, for a program."""
    for f in record.get("flags") or []:
        f["message"] = flag_message(f.get("message_key"), f.get("params"), f.get("message") or "", lang)
    return record


def users(key: str, lang: str | None = None, /, **fields: Any) -> str:
    """A word of the users page and of `vanban user`, filled in (English when a key is missing)."""
    return _table("users", lang).get(key, _catalogue()["en"]["users"][key]).format(**fields)


# Why a file could not be read. Readers raise, and the store keeps, the English text (`reason`), so
# that reasons stored before a translation existed, logs and programs keep one wording; each place
# that shows one says it in the user's language (`say_reason`) by matching it against the English
# templates of [en.reasons]. A field that is itself a reason is said too (`{what}: needs OCR, and
# {blocked}`); text no template matches (a library's message) is shown as it is.


def reason(key: str, /, **fields: Any) -> str:
    """The English reason `key` filled in: what a reader raises and the store keeps. A reason is one
    line: a library's message may hold line breaks (lxml's "… out of allowed range\n, line 2")."""
    fields = {k: " ".join(text.split()) if "\n" in (text := str(f)) else f for k, f in fields.items()}
    return _catalogue()["en"]["reasons"][key].format(**fields)


@cache
def _reason_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Each English reason as a full-match regex (`{field}` a lazy group), longest literal text first,
    so that `damaged Word .docx file (bad XML: {error})` wins over `damaged {fmt} file ({error})`."""
    found = []
    for key, template in _catalogue()["en"]["reasons"].items():
        parts = re.split(r"\{(\w+)\}", template)         # literal, field, literal, field, …, literal
        pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)" for i, p in enumerate(parts))
        found.append((-len("".join(parts[0::2])), key, re.compile(pattern, re.S)))
    return [(rx, key) for _, key, rx in sorted(found)]


def parse_reason(text: str) -> tuple[str, dict[str, str]] | None:
    """The key and fields of an English reason, or None when no template matches it."""
    for rx, key in _reason_patterns():
        if m := rx.fullmatch(text):
            return key, m.groupdict()
    return None


def sizes(size: int, limit: float) -> tuple[str, str]:
    """A file's size over a limit, and the limit (both in bytes), as a reason says them in English:
    in one unit, MB or KB for a limit under 1 MB, the size with as many decimals (1 to 3) as tell it
    from the limit ("0.0 MB, over the limit of 0.01 MB" showed a size under the limit it broke);
    in bytes when even three do not."""
    unit, scale = ("MB", 2**20) if limit >= 2**20 else ("KB", 2**10)
    for digits in (1, 2, 3):
        if round(size / scale, digits) > limit / scale:
            return f"{size / scale:.{digits}f} {unit}", f"{limit / scale:g} {unit}"
    return f"{size} bytes", f"{int(limit)} bytes"


_QUANTITY = re.compile(r"(\d+)(?:\.(\d+))? (KB|MB|bytes)")


def _quantity(text: str, lang: str) -> str:
    """A size a reason holds ("10.5 KB", "10486 bytes") as `lang` writes it: a decimal comma in Vietnamese."""
    m = _QUANTITY.fullmatch(text)
    if m is None or lang == "en":
        return text
    whole, part, unit = m.groups()
    return f"{whole}{',' + part if part else ''} {'byte' if unit == 'bytes' else unit}"


@lru_cache(maxsize=4096)
def os_error(text: str, lang: str | None = None) -> str:
    """The operating system's message (Python's `strerror`, glibc's English) in the language asked,
    where [LANG.os_errors] knows it: "không ghi được tệp (No such file or directory)" mixed two languages."""
    return _table("os_errors", lang).get(text, text)


def _say(text: str, lang: str) -> str:
    parsed = parse_reason(text)
    if parsed is None:
        return os_error(text, lang) if text in _table("os_errors", lang) else _quantity(text, lang)
    key, fields = parsed
    template = _table("reasons", lang).get(key) or _catalogue()["en"]["reasons"][key]
    return template.format(**{k: _say(v, lang) for k, v in fields.items()})


def say_reason(text: str, lang: str | None = None) -> str:
    """A stored (English) reason in the language asked; unknown text unchanged."""
    chosen = language(lang)
    return text if not text or chosen == "en" else _say(text, chosen)

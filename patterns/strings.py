"""The one catalogue of words shown to users (patterns/strings.toml), Vietnamese first.

The language is `vi` unless asked otherwise (`--lang en`, VANBAN_LANG=en): the locale of the
machine does not decide, because an officer's laptop often runs an English Windows. Answers keep
stable English column keys (`unit`, `cites`) for programs; these functions say them in words.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
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


def outcome(key: str, lang: str | None = None) -> str:
    """What became of an uploaded file (`ingested` -> `đã lưu`)."""
    return _table("outcomes", lang).get(key, key)


def sheet(key: str, lang: str | None = None) -> str:
    return _table("sheets", lang).get(key, key)[:31]


def flag_message(key: str | None, params: dict[str, Any] | None, fallback: str, lang: str | None = None) -> str:
    """A flag's message in the language asked, from its key and fields; `fallback` when it cannot be."""
    if not key or params is None:
        return fallback
    template = _table("flags", lang).get(key)
    if template is None:
        template = _catalogue()["en"]["flags"].get(key) or _english_flags().get(key)
    try:
        return template.format(**params) if template else fallback
    except (KeyError, IndexError, ValueError):
        return fallback


def users(key: str, lang: str | None = None, /, **fields: Any) -> str:
    """A word of the users page and of `vanban user`, filled in (English when a key is missing)."""
    return _table("users", lang).get(key, _catalogue()["en"]["users"][key]).format(**fields)

"""The help of every verb and option (patterns/help.toml), Vietnamese first, as strings.toml's words.

Kept apart from strings.toml because it is read by `vanban --help` alone, and set on the click
commands by vanban/cli/helptext.py; the language is chosen as for every other word (`language`).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from vanban.patterns.strings import language


@cache
def catalogue() -> dict[str, Any]:
    """The whole file, every language (the tests compare them)."""
    with resources.files("vanban.patterns").joinpath("help.toml").open("rb") as fh:
        return tomllib.load(fh)


def table(lang: str | None = None) -> dict[str, Any]:
    """The help texts of `lang`, else of the language in effect (VANBAN_LANG, else Vietnamese)."""
    return catalogue()[language(lang)]

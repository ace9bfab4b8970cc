"""The levels of an issuing body, from the Party centre down to the citing unit itself.

Its own module, free of imports, so that the command line can offer the levels as choices
without loading the identity rules.
"""

from __future__ import annotations

import tomllib
from importlib import resources

with resources.files("vanban.patterns").joinpath("issuers.toml").open("rb") as _fh:
    _DATA = tomllib.load(_fh)          # the catalogue itself, read without the extractor's modules

LEVELS: tuple[str, ...] = tuple(_DATA["levels"])
CENTRAL = frozenset(LEVELS[:_DATA["central_levels"]])
REGIONAL = frozenset(_DATA["regional_levels"])

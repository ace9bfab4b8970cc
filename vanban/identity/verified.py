"""Issue dates of central directives verified from their own text (patterns/directives.toml).

The store otherwise dates a directive by what most reports say, which is right only as often as
the majority is; for the few central directives every CCHC report cites, the date is known, and a
mention that states another one is wrong whoever else repeats it.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from vanban.extract.catalogue import load


@cache
def verified_dates() -> dict[str, dt.date]:
    """Canonical key of a national directive -> its verified issue date."""
    return {d["canonical"]: dt.date.fromisoformat(d["date"]) for d in load("directives")["directive"]}

"""The sheets of the inspection workbook (`vanban export`), each an answer in words.

Coverage here is of the directives the province issued (its UBND, its departments, its Party
committee): for each, how many of the province's units cite it and which do not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

import pandas as pd

from vanban.db.queries.base import Store, fold
from vanban.db.queries.citing import cites, directives, last_day, matrix
from vanban.db.queries.figures import figure_rows
from vanban.db.queries.labels import localize
from vanban.db.queries.listing import flags, reports, unreadable
from vanban.db.queries.missing import missing
from vanban.db.queries.workbook import write_workbook
from vanban.identity.levels import REGIONAL
from vanban.patterns import strings

_COVERAGE = ["province", "directive", "level", "directive_issuer", "stated_date", "units", "units_citing",
             "units_silent", "before_issue"]


def _reported_before(reps: pd.DataFrame, day: dt.date | None) -> set[str]:
    """The units whose reports here are all dated before `day`: they could not cite what it issued."""
    if day is None or reps.empty:
        return set()
    ends = reps["report_date"].map(lambda d: last_day(d) if isinstance(d, str | dt.date) else None)
    early = (ends.map(lambda e: e is not None and e < day)).groupby(reps["unit"]).all()
    return set(early[early].index)


def province_coverage(cited: pd.DataFrame, reps: pd.DataFrame, province: str | None = None,
                      issued: Mapping[tuple[str, str], dt.date] | None = None) -> pd.DataFrame:
    """Per directive of a province: its units that report, those citing it, those that do not, and apart
    those whose reports all predate it (`issued`: (directive, its province) -> its issue date)."""
    local = cited[cited["level"].isin(REGIONAL)]
    if province:
        local = local[local["province"].map(fold) == fold(province)]
    rows = []
    for (prov, directive), group in local.groupby(["province", "directive"], dropna=True):
        here = reps[reps["province"] == prov]
        units = set(here["unit"].dropna())
        citing = set(group["unit"].dropna())
        before = _reported_before(here, (issued or {}).get((directive, prov))) - citing
        first = group.iloc[0]
        rows.append({"province": prov, "directive": directive, "level": first["level"],
                     "directive_issuer": first["directive_issuer"], "stated_date": group["stated_date"].min(),
                     "units": len(units), "units_citing": len(citing),
                     "units_silent": "; ".join(sorted(units - citing - before)),
                     "before_issue": "; ".join(sorted(before))})
    df = pd.DataFrame(rows, columns=_COVERAGE)
    return df.sort_values(["province", "units_citing", "directive"], ascending=[True, False, True],
                          kind="stable").reset_index(drop=True)


def _blank_zeros(wide: pd.DataFrame) -> pd.DataFrame:
    """The matrix with no report citing as a blank cell: easier to read, and a thousand reports' matrix of
    a million cells, mostly zeros, is written in a second instead of a quarter of a minute."""
    counts = [c for c in wide.columns if c not in ("unit", "province")]
    out = wide.copy()
    out[counts] = out[counts].astype(object).where(out[counts] != 0, None)
    return out


def inspection_sheets(*, period: str | None = None, province: str | None = None,
                      roster: str | Path | None = None, lang: str | None = None, db: Store = None,
                      file_names: Callable[[str], str] | None = None) -> list[tuple[str, pd.DataFrame]]:
    """(sheet title, frame in words) for every sheet of the workbook, in order.

    `file_names`: how a stored path is shown in the file columns (the web page's download names an
    upload as it was sent, not where the server keeps it)."""
    reps = reports(period=period, db=db)
    cited = cites(period=period, db=db)
    known = directives(period=period, db=db)
    issued = {(d, p): day for d, p, day in zip(known["directive"], known["province"], known["issue_date"], strict=True)
              if isinstance(p, str) and isinstance(day, dt.date)}
    sheets = [("reports", reps), ("cites", cited),
              ("coverage", province_coverage(cited, reps, province, issued)),
              ("matrix", _blank_zeros(matrix(period=period, db=db))),
              # as `vanban figures` lists them: no plan's; a report's own aims kept, said to be targets
              ("figures", figure_rows(province=province, period=period, db=db)),
              ("flags", flags(period=period, lang=lang, db=db))]
    if period:
        sheets.append(("missing", missing(period, roster, province, db=db)))
    sheets.append(("errors", unreadable(db=db)))
    if file_names is not None:
        sheets = [(name, df.assign(file=df["file"].map(file_names)) if "file" in df.columns and len(df) else df)
                  for name, df in sheets]
    return [(strings.sheet(name, lang), localize(df, lang)) for name, df in sheets]


def export(out: str | Path | IO[bytes], *, period: str | None = None, province: str | None = None,
           roster: str | Path | None = None, lang: str | None = None, db: Store = None,
           file_names: Callable[[str], str] | None = None) -> list[tuple[str, int]]:
    """Write the inspection workbook to `out` (a path or a binary stream); (sheet, rows) of each sheet.

    The one implementation behind `vanban export` and the web page's download (`file_names`: see
    `inspection_sheets`).
    """
    sheets = inspection_sheets(period=period, province=province, roster=roster, lang=lang, db=db,
                               file_names=file_names)
    write_workbook(Path(out) if isinstance(out, str) else out, sheets)
    return [(title, len(df)) for title, df in sheets]

"""The read-only pages: Tổng quan, Văn bản chỉ đạo, Ma trận, Số liệu, Tải về, and their downloads.

Every table comes from a named builder in `tables` (the same one its CSV link calls); handlers run
their questions in Starlette's thread pool, so a slow query never blocks the loop. The period
filter is the questions' `period`/`since`/`until`, read as `--period` reads it; one a person
cannot write is said on the page, not a server error. One report's page is in `report`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from vanban import questions
from vanban.db.queries.workbook import csv_text
from vanban.identity.directives import key_form
from vanban.identity.levels import CENTRAL
from vanban.identity.verified import verified_dates
from vanban.web import report, tables
from vanban.web.auth import guard
from vanban.web.labels import fold, levels, period
from vanban.web.render import attachment, render

MATRIX_COLUMNS = 40
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEYED = ("cites", "not_citing", "before_issue", "figures")    # tables of one directive or indicator


def params_of(request: Request) -> dict[str, str]:
    """The query's filters; a period typed in the free box wins over the one chosen in the list."""
    params = {k: v.strip() for k, v in request.query_params.items() if v.strip()}
    typed = params.pop("period_text", None)
    if typed:
        params["period"] = typed
    return params


def _build(request: Request, name: str, params: Mapping[str, str] | None = None) -> pd.DataFrame:
    return tables.BUILDERS[name](request.app.state, params if params is not None else params_of(request))


def filters(request: Request, *, level: bool = True) -> dict[str, Any]:
    """The filter bar: the periods of the stored reports, a period typed as `--period` takes it, since/until."""
    state = request.app.state
    present = state.answers.get(("periods",), lambda: questions.periods(db=state.engine))
    choices = list(dict.fromkeys(period(str(p)) for p in present["period"]))
    params = params_of(request)
    chosen = params.get("period", "")
    return {"levels": levels() if level else {}, "periods": choices, "params": params,
            "typed": chosen if chosen and chosen not in choices else ""}


def _answer(build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The page's answers, or the one-line reason a filter cannot be read (a period vanban does not know)."""
    try:
        return build()
    except questions.BadQuery as err:
        return {"notice": str(err)}


@guard("viewer")
async def overview(request: Request) -> Response:
    def build() -> dict[str, Any]:
        reps = _build(request, "reports")
        flags = _build(request, "flag_counts")
        counts = _build(request, "flags")
        return {"n_reports": len(reps), "n_files": int(reps["renditions"].sum()) if len(reps) else 0,
                # units by their key, as `vanban units` counts them: the "Sở Y tế" of two provinces are two
                "n_units": len(_build(request, "units")), "flag_counts": flags,
                "by_severity": counts.groupby("severity").size().to_dict() if len(counts) else {},
                "reports": reps.head(50), "more_reports": max(len(reps) - 50, 0),
                "most": _build(request, "most_cited"), "least": _build(request, "least_cited"),
                "missing": _build(request, "missing") if params_of(request).get("period") else None,
                "unreadable": _build(request, "unreadable")}

    ctx = await run_in_threadpool(_answer, build)
    f = await run_in_threadpool(filters, request)
    return render(request, "overview.html", title="Tổng quan", filters=f, **ctx)


def _search(request: Request, words: str) -> pd.DataFrame:
    """Directives whose key, type or issuer holds every word, diacritics or not (`nghi quyet 76`)."""
    df = _build(request, "directives", {})
    if df.empty:
        return df
    hay = (df["directive"].fillna("") + " " + df["doc_type"].fillna("") + " " + df["issuer"].fillna("")).map(fold)
    keep = pd.Series(True, index=df.index)
    for word in fold(words).replace("/", " / ").split():
        if word != "/":
            keep &= hay.str.contains(word, regex=False)
    return df[keep][["directive", "doc_type", "issuer", "level", "units", "reports", "_directive"]].head(100)


@guard("viewer")
async def directive(request: Request) -> Response:
    params = params_of(request)
    key, q = params.get("key"), params.get("q")
    key = key or (q if q and "/" in q else None)       # a key typed in the search box opens its page

    def build() -> dict[str, Any]:
        if key:
            try:
                wanted = {**params, "key": key, "page": params.get("page", "1")}
                cites = _build(request, "cites", wanted)
                pages = -(-cites.attrs.get("total", len(cites)) // tables.PAGE_ROWS)
                typed = questions.normalise_key(key)
                known = _build(request, "directives", {})
                # headed by the key the store keeps: "27/NQ-TW" typed is stored as the Party's 27-NQ/TW
                stored = set(known["directive"]) if len(known) else set()
                canonical = typed if typed in stored else key_form(typed)
                levels_of = set(known.loc[known["directive"] == canonical, "_level"]) if len(known) else set()
                return {"key": canonical, "cites": cites, "total": cites.attrs.get("total"),
                        "central": bool(levels_of & CENTRAL) or canonical in verified_dates(),   # cited by none yet
                        "page": int(wanted["page"]) if wanted["page"].isdigit() else 1, "pages": pages,
                        "not_citing": _build(request, "not_citing", wanted),
                        "before_issue": _build(request, "before_issue", wanted)}
            except questions.NotFound:
                return {"not_found": key, "matches": _search(request, key)}
        return {"matches": _search(request, q) if q else None}

    ctx = await run_in_threadpool(_answer, build)
    f = await run_in_threadpool(lambda: filters(request, level=False))
    if ctx.get("key"):                     # the filter bar and the links keep the directive, not the search
        f["params"] = {k: v for k, v in f["params"].items() if k not in ("q", "page")} | {"key": ctx["key"]}
    title = f"Văn bản {ctx['key']}" if ctx.get("key") else "Văn bản chỉ đạo"
    return render(request, "directive.html", title=title, q=q or key or "", filters=f, **ctx)


@guard("viewer")
async def matrix(request: Request) -> Response:
    def build() -> dict[str, Any]:
        df = _build(request, "matrix")
        cols = [c for c in df.columns if c not in ("unit", "province")]
        shown = cols[:MATRIX_COLUMNS]
        top = int(df[shown].to_numpy().max()) if shown and not df.empty else 0
        return {"frame": df[["unit", "province", *shown]], "columns": shown, "total_columns": len(cols),
                "top": max(top, 1)}

    ctx = await run_in_threadpool(_answer, build)
    f = await run_in_threadpool(filters, request)
    return render(request, "matrix.html", title="Ma trận", filters=f,
                  **({"frame": pd.DataFrame(), "columns": [], "total_columns": 0, "top": 1} | ctx))


@guard("viewer")
async def figures(request: Request) -> Response:
    """One indicator across units (the `figures` question), or the indicators found to choose from."""
    params = params_of(request)
    chosen = params.get("indicator")

    def build() -> dict[str, Any]:
        summary = _build(request, "indicators", {k: v for k, v in params.items() if k != "indicator"})
        if not chosen:
            return {"indicators": summary, "frame": None}
        try:
            keys = questions.indicator_keys(chosen)
        except questions.NotFound as err:
            return {"indicators": summary, "frame": None, "notice": str(err)}
        labels = ", ".join(questions.indicator_label(k) for k in keys)
        return {"indicators": summary, "frame": _build(request, "figures"), "label": labels}

    ctx = await run_in_threadpool(_answer, build)
    f = await run_in_threadpool(lambda: filters(request, level=False))
    return render(request, "figures.html", title="Số liệu theo chỉ tiêu", filters=f, chosen=chosen or "",
                  **({"indicators": pd.DataFrame(), "frame": None} | ctx))


@guard("viewer")
async def downloads(request: Request) -> Response:
    f = await run_in_threadpool(lambda: filters(request, level=False))
    return render(request, "downloads.html", title="Tải về", filters=f,
                  names=sorted(n for n in tables.BUILDERS if n not in KEYED))


@guard("viewer")
async def csv(request: Request) -> Response:
    """Any table on screen as CSV, with the filters it was shown with: UTF-8 with a BOM, so Excel reads Vietnamese."""
    name = request.path_params["name"]
    if name not in tables.BUILDERS:
        raise HTTPException(404, "Không có bảng này.")
    params = params_of(request)
    if name in ("cites", "not_citing", "before_issue") and "key" not in params:
        raise HTTPException(400, "Thiếu số hiệu văn bản (key).")
    if name == "figures" and "indicator" not in params:
        raise HTTPException(400, "Thiếu chỉ tiêu (indicator).")
    try:
        df = await run_in_threadpool(_build, request, name, params)
    except questions.NotFound as err:
        raise HTTPException(404, str(err)) from None
    except questions.BadQuery as err:
        raise HTTPException(400, str(err)) from None
    body = csv_text(tables.for_download(df)).encode("utf-8-sig")
    return Response(body, media_type=CSV_TYPE, headers=attachment(f"{name}.csv"))


@guard("viewer")
async def workbook(request: Request) -> Response:
    """The inspection workbook of `vanban export`, by the same function, for the period chosen.

    Kept until the store changes, like the answers: at a thousand reports it takes a quarter of a minute.
    """
    period = params_of(request).get("period")

    def build() -> bytes:
        buf = io.BytesIO()
        questions.export(buf, period=period, db=request.app.state.engine,
                         file_names=request.app.state.names.in_workbook)
        return buf.getvalue()

    try:
        body = await run_in_threadpool(request.app.state.answers.get, ("workbook", period), build)
    except questions.BadQuery as err:
        raise HTTPException(400, str(err)) from None
    name = f"dot-kiem-tra{'-' + period if period else ''}.xlsx"
    return Response(body, media_type=XLSX_TYPE, headers=attachment(name))


ROUTES = [
    Route("/", overview),
    Route("/directive", directive),
    Route("/matrix", matrix),
    Route("/figures", figures),
    *report.ROUTES,
    Route("/downloads", downloads),
    Route("/csv/{name}", csv),
    Route("/download/workbook", workbook),
]

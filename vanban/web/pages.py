"""The read-only pages: Tổng quan, Văn bản chỉ đạo, Ma trận, Một báo cáo, Tải về, and their downloads.

Every table comes from a named builder in `tables` (the same one its CSV link calls); handlers are
sync functions, so Starlette runs them in its thread pool and a slow query never blocks the loop.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import pandas as pd
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from vanban import questions
from vanban.web import data, tables
from vanban.web.auth import guard
from vanban.web.labels import LEVELS, fold
from vanban.web.render import render
from vanban.web.texts import marked

MATRIX_COLUMNS = 40
CSV_TYPE = "text/csv; charset=utf-8"


def _params(request: Request) -> dict[str, str]:
    return {k: v.strip() for k, v in request.query_params.items() if v.strip()}


def _build(request: Request, name: str, params: Mapping[str, str] | None = None) -> pd.DataFrame:
    return tables.BUILDERS[name](request.app.state, params if params is not None else _params(request))


def _filters(request: Request) -> dict[str, Any]:
    """The filter bar: levels now; periods when the question layer offers `periods`."""
    periods = getattr(questions, "periods", None)
    choices: list[str] = []
    if periods is not None:
        frame = periods(db=request.app.state.engine)
        choices = [str(v) for v in frame.iloc[:, 0].tolist()] if not frame.empty else []
    typed = not choices and tables.supports("units", "period")     # the questions take a period: type one
    return {"levels": LEVELS, "periods": choices, "typed_period": typed, "params": _params(request)}


@guard("viewer")
async def overview(request: Request) -> Response:
    def build() -> dict[str, Any]:
        docs, files = data.count_documents(request.app.state.engine)
        flags = _build(request, "flag_counts")
        by_severity = flags.groupby("severity")["count"].sum().to_dict() if not flags.empty else {}
        return {"docs": docs, "files": files, "units": len(_build(request, "units")),
                "by_severity": by_severity, "flag_counts": flags,
                "reports": _build(request, "reports").head(50),
                "most": _build(request, "most_cited"), "least": _build(request, "least_cited"),  # one answer
                "missing": _build(request, "missing") if hasattr(questions, "missing") and request.query_params.get(
                    "period") else None}

    ctx = await run_in_threadpool(build)
    return render(request, "overview.html", title="Tổng quan", filters=_filters(request), **ctx)


@guard("viewer")
async def directive(request: Request) -> Response:
    params = _params(request)
    key, q = params.get("key"), params.get("q")
    key = key or (q if q and "/" in q else None)       # a key typed in the search box opens its page

    def build() -> dict[str, Any]:
        if key:
            try:
                wanted = {**params, "key": key, "page": params.get("page", "1")}
                cites = _build(request, "cites", wanted)
                pages = -(-cites.attrs.get("total", len(cites)) // tables.PAGE_ROWS)
                return {"key": questions.normalise_key(key), "cites": cites, "total": cites.attrs.get("total"),
                        "page": int(wanted["page"]) if wanted["page"].isdigit() else 1, "pages": pages,
                        "not_citing": _build(request, "not_citing", wanted)}
            except questions.NotFound:
                return {"not_found": key, "matches": _search(request, key)}
        return {"matches": _search(request, q) if q else None}

    ctx = await run_in_threadpool(build)
    title = f"Văn bản {ctx['key']}" if ctx.get("key") else "Văn bản chỉ đạo"
    return render(request, "directive.html", title=title, q=q or key or "", **ctx)


def _search(request: Request, words: str) -> pd.DataFrame:
    """Directives whose key, type or issuer holds every word, diacritics or not (`nghi quyet 76`)."""
    df = _build(request, "directives", {})
    if df.empty:
        return df
    hay = (df["directive"].fillna("") + " " + df["doc_type"].fillna("") + " " + df["issuer"].fillna("")).map(fold)
    keep = pd.Series(True, index=df.index)
    for word in fold(words).replace("/", " / ").split():
        keep &= hay.str.contains(word, regex=False) if word != "/" else True
    return df[keep][["directive", "doc_type", "issuer", "level", "units", "reports", "_directive"]].head(100)


@guard("viewer")
async def matrix(request: Request) -> Response:
    df = await run_in_threadpool(_build, request, "matrix")
    cols = [c for c in df.columns if c not in ("unit", "province")]
    shown = cols[:MATRIX_COLUMNS]
    top = int(df[shown].to_numpy().max()) if shown and not df.empty else 0
    df = df[["unit", "province", *shown]]               # the page renders what it shows, the CSV has all
    return render(request, "matrix.html", title="Ma trận", frame=df, columns=shown, total_columns=len(cols),
                  top=max(top, 1), filters=_filters(request))


@guard("viewer")
async def report(request: Request) -> Response:
    doc_id = request.path_params["id"]
    state = request.app.state

    def build() -> dict[str, Any]:
        rep = data.report(state.engine, doc_id)
        if rep is None:
            raise HTTPException(404, "Không có báo cáo này.")
        text = state.texts.text(rep.path, rep.sha256)
        for f in rep.flags:
            f["page"] = text.page_at(f["span_start"]) if text else None
            f["sentence"] = text.sentence(f["span_start"], f["span_end"]) if text else ""
        pages = []
        if text:
            marks = [(c["span_start"], c["span_end"], "cite", c["directive"] or c["canonical"] or c["raw"])
                     for c in rep.citations if c["span_start"] is not None]
            marks += [(f["span_start"], f["span_end"], f"flag {f['severity']}", f["message"])
                      for f in rep.flags if f["span_start"] is not None and f["span_end"] is not None]
            pages = [{"page": p, "html": marked(text.text, s, e, marks)} for p, s, e in text.page_bounds()]
        return {"rep": rep, "pages": pages, "has_text": text is not None,
                "images": rep.format == "pdf" and text is not None}

    ctx = await run_in_threadpool(build)
    return render(request, "report.html", title=ctx["rep"].label, **ctx)


@guard("viewer")
async def page_image(request: Request) -> Response:
    doc_id, page = request.path_params["id"], request.path_params["page"]
    state = request.app.state

    def build() -> bytes | None:
        found = data.file_of(state.engine, doc_id)
        if found is None or found[2] != "pdf":
            return None
        return state.texts.page_png(found[0], found[1], page)

    png = await run_in_threadpool(build)
    if png is None:
        raise HTTPException(404, "Không có trang này.")
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


@guard("viewer")
async def original(request: Request) -> Response:
    """The original file, named after the report, not after where it is kept."""
    doc_id = request.path_params["id"]
    rep = await run_in_threadpool(data.report, request.app.state.engine, doc_id)
    if rep is None or not rep.path:
        raise HTTPException(404, "Không có tệp gốc của báo cáo này.")
    try:
        body = await run_in_threadpool(_read_bytes, rep.path)
    except OSError:
        raise HTTPException(404, "Tệp gốc không còn trên máy chủ.") from None
    name = f"{rep.label.replace('/', '-').replace('…', '')}.{rep.format}"
    media = {"pdf": "application/pdf", "txt": "text/plain; charset=utf-8"}.get(rep.format, "application/octet-stream")
    return Response(body, media_type=media, headers=_attachment(name, inline=rep.format == "pdf"))


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _attachment(name: str, inline: bool = False) -> dict[str, str]:
    from urllib.parse import quote

    ascii_name = fold(name).encode("ascii", "ignore").decode() or "download"
    kind = "inline" if inline else "attachment"
    return {"Content-Disposition": f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"}


@guard("viewer")
async def downloads(request: Request) -> Response:
    return render(request, "downloads.html", title="Tải về", has_export=hasattr(questions, "export"),
                  names=sorted(n for n in tables.BUILDERS if n not in ("cites", "not_citing")))


@guard("viewer")
async def csv(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in tables.BUILDERS:
        raise HTTPException(404, "Không có bảng này.")
    params = _params(request)
    if name in ("cites", "not_citing") and "key" not in params:
        raise HTTPException(400, "Thiếu số hiệu văn bản (key).")
    try:
        df = await run_in_threadpool(_build, request, name, params)
    except questions.NotFound:
        raise HTTPException(404, "Không có văn bản này trong kho.") from None
    body = tables.for_download(df).to_csv(index=False).encode("utf-8-sig")   # the BOM makes Excel read UTF-8
    return Response(body, media_type=CSV_TYPE, headers=_attachment(f"{name}.csv"))


@guard("viewer")
async def workbook(request: Request) -> Response:
    """The inspection workbook: the question layer's `export` when it has one, else the main tables."""
    body = await run_in_threadpool(_workbook, request)
    return Response(body, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers=_attachment("vanban.xlsx"))


def _workbook(request: Request) -> bytes:
    export = getattr(questions, "export", None)
    buf = io.BytesIO()
    if export is not None:
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "vanban.xlsx"
            export(out, db=request.app.state.engine)
            return out.read_bytes()
    sheets = {"Báo cáo": "reports", "Đơn vị": "units", "Văn bản": "directives", "Cảnh báo": "flags",
              "Ma trận": "matrix", "Cấp ban hành": "levels"}
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for sheet, name in sheets.items():
            tables.for_download(_build(request, name, {})).to_excel(writer, sheet_name=sheet, index=False)
    return buf.getvalue()


ROUTES = [
    Route("/", overview),
    Route("/directive", directive),
    Route("/matrix", matrix),
    Route("/report/{id:int}", report),
    Route("/report/{id:int}/page/{page:int}.png", page_image),
    Route("/report/{id:int}/file", original),
    Route("/downloads", downloads),
    Route("/csv/{name}", csv),
    Route("/download/workbook", workbook),
]

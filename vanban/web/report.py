"""Một báo cáo: one report as `vanban show` gives it (`questions.report`), with its text and page images.

The page is the report's id; `?doc=N` shows another of its renditions (the fullest is shown by
default, the signed one is marked as the reference). Citations, flags and figures are marked in
the text from their stored spans and, for a PDF or a scan, boxed on the page image beside it.
Each rendition's original file is one link away; no page says where a file is kept.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

import pandas as pd
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from vanban import questions
from vanban.patterns import strings
from vanban.web import data
from vanban.web.auth import guard
from vanban.web.labels import where
from vanban.web.render import attachment, render
from vanban.web.texts import marked

MEDIA = {"pdf": "application/pdf", "txt": "text/plain; charset=utf-8",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "doc": "application/msword"}


def _rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows with missing values as None (pandas' NA is neither true nor false in a template)."""
    return [{k: (None if not isinstance(v, str | list | dict) and pd.isna(v) else v) for k, v in r.items()}
            for r in df.to_dict("records")]


def _span(row: dict[str, Any]) -> tuple[int, int] | None:
    s, e = row.get("span_start"), row.get("span_end")
    return (int(s), int(e)) if s is not None and e is not None and e > s else None


def _view(state: Any, report_id: int, doc: int | None) -> questions.ReportView:
    try:
        return questions.report(str(report_id), document=doc, db=state.engine)
    except questions.NotFound:
        raise HTTPException(404, "Không có báo cáo này.") from None


def _renditions(state: Any, view: questions.ReportView) -> list[dict[str, Any]]:
    """Each rendition once, named as its user knows it (`names.Names.shown`, never where it is kept).

    A rendition is one content (one document): the same bytes under two paths (a folder read by
    `vanban ingest`, then the same file uploaded) are one rendition, however many files hold it.
    """
    out: dict[int, dict[str, Any]] = {}
    for r in _rows(view.renditions):
        path = r.pop("file")
        if r["document_id"] not in out:
            r["name"], r["_path"] = state.names.shown(path), path
            out[r["document_id"]] = r
    kept = list(out.values())
    for r, name in zip(kept, _apart(state, [r["name"] for r in kept], [r.pop("_path") for r in kept]), strict=True):
        r["name"] = name
    return kept


def _apart(state: Any, names: list[str], paths: list[str]) -> list[str]:
    """Names that tell renditions apart: two files both called `bao-cao.pdf`, from `don-vi-a/` and
    `don-vi-b/`, are shown with as many of their folders as it takes (`don-vi-a/bao-cao.pdf`, never
    the whole path); an upload whose name another rendition has too is said to be the upload."""
    out = list(names)
    for name in {n for n in names if names.count(n) > 1}:
        group = [i for i, n in enumerate(names) if n == name]
        folders = {i: [p for p in PurePath(paths[i]).parts if p != PurePath(paths[i]).anchor]
                   for i in group if not state.names.uploaded(paths[i])}
        for i in set(group) - set(folders):
            out[i] = strings.message("uploaded_as", name=name)
        if len(folders) < 2:            # one file from a folder beside uploads: its name says enough
            continue
        longest = max(len(p) for p in folders.values())
        depth = next((d for d in range(2, longest + 1)
                      if len({"/".join(p[-d:]) for p in folders.values()}) == len(folders)), longest)
        for i, parts in folders.items():
            out[i] = "/".join(parts[-depth:])
    return out


def build(state: Any, report_id: int, doc: int | None) -> dict[str, Any]:
    """Everything the report page shows."""
    view = _view(state, report_id, doc)
    renditions = _renditions(state, view)
    shown = next(r for r in renditions if r["document_id"] == view.document_id)
    file = data.rendition(state.engine, view.report_id, view.document_id)
    text = state.texts.text(file.path, file.sha256) if file else None
    flags = _rows(view.flags)
    for f in flags:
        own = f.get("document_id") == view.document_id
        f["where"] = where(f["page"], f["paragraph"])
        if not f.get("quote") and own and text and _span(f):
            f["quote"] = text.sentence(*_span(f))
    citations, figures = _rows(view.citations), _rows(view.figures)
    for row in (*citations, *figures):
        row["where"] = where(row["page"], row["paragraph"])
    pages: list[dict[str, Any]] = []
    images = shown["format"] == "pdf" and text is not None
    if text:
        marks = [(*_span(c), "cite", c["canonical"] or c["raw"]) for c in citations if _span(c)]
        marks += [(*_span(f), f"flag {f['severity']}", f["message"]) for f in flags
                  if _span(f) and f.get("document_id") == view.document_id]
        boxes = state.texts.page_boxes(file.path, file.sha256, text, marks) if images else {}
        pages = [{"page": p, "html": marked(text.text, s, e, marks), "boxes": boxes.get(p, [])}
                 for p, s, e in text.page_bounds()]
    return {"view": view, "h": view.header, "renditions": renditions, "shown": shown, "flags": flags,
            "citations": citations, "figures": figures, "tables": view.tables, "pages": pages,
            "has_text": text is not None, "images": images, "by_page": view.pages_known}


def _doc(request: Request) -> int | None:
    doc = request.query_params.get("doc", "")
    return int(doc) if doc.isdigit() else None


@guard("viewer")
async def report(request: Request) -> Response:
    ctx = await run_in_threadpool(build, request.app.state, request.path_params["id"], _doc(request))
    return render(request, "report.html", title=ctx["h"]["report"], **ctx)


def _file(request: Request) -> data.File:
    found = data.rendition(request.app.state.engine, request.path_params["id"], request.path_params["doc"])
    if found is None:
        raise HTTPException(404, "Không có tệp này của báo cáo.")
    return found


@guard("viewer")
async def page_image(request: Request) -> Response:
    state = request.app.state

    def build() -> bytes | None:
        found = _file(request)
        if found.format != "pdf":
            return None
        return state.texts.page_png(found.path, found.sha256, request.path_params["page"])

    png = await run_in_threadpool(build)
    if png is None:
        raise HTTPException(404, "Không có trang này.")
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


@guard("viewer")
async def original(request: Request) -> Response:
    """A rendition's original file, named after the report, not after where it is kept."""
    found = await run_in_threadpool(_file, request)
    view = await run_in_threadpool(_view, request.app.state, request.path_params["id"], found.document_id)
    try:
        body = await run_in_threadpool(_read_bytes, found.path)
    except OSError:
        raise HTTPException(404, "Tệp gốc không còn trên máy chủ.") from None
    name = f"{view.header['report'].replace('/', '-').replace('…', '')}.{found.format}"
    return Response(body, media_type=MEDIA.get(found.format, "application/octet-stream"),
                    headers=attachment(name, inline=found.format == "pdf"))


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


ROUTES = [
    Route("/report/{id:int}", report),
    Route("/report/{id:int}/page/{doc:int}/{page:int}.png", page_image),
    Route("/report/{id:int}/file/{doc:int}", original),
]

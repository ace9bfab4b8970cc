"""Jinja2 templates and what every page is given: the user, the CSRF token, the menu, labels."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from vanban.web import labels
from vanban.web.auth import LOCAL, csrf_token

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
MENU = [("/", "Tổng quan", "viewer"), ("/directive", "Văn bản chỉ đạo", "viewer"), ("/matrix", "Ma trận", "viewer"),
        ("/figures", "Số liệu", "viewer"),
        ("/upload", "Nộp báo cáo", "uploader"), ("/downloads", "Tải về", "viewer"),
        ("/users", labels.users("menu"), "admin")]


def _cell(value: Any) -> str:
    if value is None or (not isinstance(value, str | list | dict) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return labels.value(value)
    if isinstance(value, dt.datetime):                  # when a run read it: to the minute, as people write it
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and abs(value) >= _GROUPED:
        return f"{value:,}".replace(",", ".")            # Vietnamese groups thousands with a dot
    if isinstance(value, float):
        return f"{value:,}".translate(_VIETNAMESE_NUMBER) if abs(value) >= _GROUPED else str(value).replace(".", ",")
    return str(value)


_GROUPED = 10_000       # as the workbook does (db/queries/workbook.py): no year or page number is this large
_VIETNAMESE_NUMBER = str.maketrans({",": ".", ".": ","})     # 1,234.5 -> 1.234,5: a dot read as a decimal misleads


def _rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    return df.to_dict("records")


def _query(params: dict[str, str], **changes: Any) -> str:
    merged = {**params, **{k: v for k, v in changes.items() if v is not None}}
    return urlencode({k: v for k, v in merged.items() if v not in ("", None)})


TEMPLATES.env.filters.update(cell=_cell, column=labels.column, level=labels.value, severity=labels.value,
                             value=labels.value, outcome=labels.outcome, reason=labels.say_reason)
TEMPLATES.env.globals.update(rows=_rows, query=_query, where=labels.where, say=labels.message,
                             say_users=labels.users)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    user = getattr(request.state, "user", None)
    settings = request.app.state.settings
    context.update(user=user, local=user is LOCAL, login=settings.login, csrf=csrf_token(request),
                   menu=[(href, text) for href, text, role in MENU if user is not None and user.may(role)],
                   path=request.url.path)
    response = TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response


def attachment(name: str, inline: bool = False) -> dict[str, str]:
    """Content-Disposition with the Vietnamese name for browsers and an ASCII one for the rest."""
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(c for c in plain if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    kind = "inline" if inline else "attachment"
    return {"Content-Disposition": f"{kind}; filename=\"{ascii_name or 'download'}\"; filename*=UTF-8''{quote(name)}"}

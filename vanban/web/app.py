"""The application: settings, middleware (signed session cookie), routes, error pages.

`create_app` is what uvicorn serves and what the tests start; it opens one engine for the store,
shared by every request, and the background ingest that uploads feed.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from vanban.db import schema
from vanban.db.engine import make_engine, resolve_url
from vanban.patterns import strings
from vanban.web import login, pages, upload, users
from vanban.web.auth import who
from vanban.web.cache import Answers
from vanban.web.render import render
from vanban.web.texts import Texts

SESSION_HOURS = 8


@dataclass
class Settings:
    """How the server runs; `login` is on whenever it listens on anything but 127.0.0.1."""

    db: str | None = None
    data: Path = field(default_factory=lambda: Path("vanban-data"))
    login: bool = False
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    workers: int = 1
    max_file_mb: int = 50
    max_files: int = 500
    max_batch_mb: int = 1000


def open_store(db: str | None) -> tuple[str, Engine]:
    """The store's URL and one engine for the app; an empty store gets its schema (uploads may come first)."""
    url = resolve_url(db).render_as_string(hide_password=False)
    writer = make_engine(url, writer=True)
    try:
        schema.upgrade(writer)
    finally:
        writer.dispose()
    return url, make_engine(url)


async def _error(request: Request, exc: Exception) -> Response:
    """Errors as a page in Vietnamese; a stranger who asks for anything is sent to the login page."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 404 and await who(request) is None:
        return RedirectResponse("/login", status_code=303)
    detail = exc.detail if isinstance(exc, HTTPException) else ""
    if not detail or detail == HTTPStatus(status).phrase:     # Starlette's own "Not Found": said in words
        detail = _said_status(status)
    return render(request, "error.html", status_code=status, title="Không thực hiện được", detail=detail,
                  status=status)


def _said_status(status: int) -> str:
    """What a status means to the reader, from patterns/strings.toml (`http_404`: "Không có trang này.")."""
    try:
        return strings.message(f"http_{status}")
    except KeyError:
        return strings.message("http_other", status=status)


@contextlib.asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    yield
    app.state.jobs.close()              # an ingest under way ends after the document it is writing
    app.state.engine.dispose()


def create_app(settings: Settings) -> Starlette:
    url, engine = open_store(settings.db)
    settings.data.mkdir(parents=True, exist_ok=True)
    app = Starlette(
        routes=[*pages.ROUTES, *upload.routes(settings.max_batch_mb * 2**20), *login.ROUTES, *users.ROUTES,
                Mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static"),
                Route("/favicon.ico", lambda r: Response(status_code=204))],
        middleware=[Middleware(SessionMiddleware, secret_key=settings.secret, session_cookie="vanban_session",
                               max_age=SESSION_HOURS * 3600, same_site="strict", https_only=False)],
        exception_handlers={HTTPException: _error, Exception: _error},
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.url = url
    app.state.engine = engine
    app.state.texts = Texts(url)
    app.state.answers = Answers(engine)
    app.state.jobs = upload.Jobs(url, settings.data, workers=settings.workers)
    app.state.names = app.state.jobs.names
    return app

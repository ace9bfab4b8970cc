"""`vanban serve` and `vanban user`: the checks before uvicorn starts, and users for the login.

Bound to 127.0.0.1 (or ::1, localhost) the pages need no login. Bound to any other address the
server refuses to start until the store has a user; the session key comes from VANBAN_SECRET or is
made at start (sessions then end when the server restarts).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine

from vanban.db.engine import StoreError, resolve_url, shown, sqlite_file
from vanban.patterns import strings
from vanban.web.accounts import Account, add_user, has_users, list_users, remove_user, set_role
from vanban.web.app import Settings, create_app, open_store
from vanban.web.auth import is_local

T = TypeVar("T")


def check_store(db: str | None) -> None:
    """The store `serve` opens must be there: a path that is not (a typo, another folder) is refused as the
    questions refuse it, not made an empty store whose "0 báo cáo" looks like no report received. A new
    store is asked for explicitly (`vanban db upgrade`, `ingest` or `user add`); one at an older revision
    is brought up to date, and one that is no store is refused here, before the address is printed."""
    url = resolve_url(db)
    path = sqlite_file(url)
    if path is not None and not path.exists():
        raise StoreError(strings.message("no_store_to_serve", path=path, url=shown(url)))
    _, engine = open_store(db)
    engine.dispose()


def settings_for(db: str | None, host: str, data: Path | None = None, workers: int = 1) -> Settings:
    """The app's settings; a store that is not there, or a non-local address without users, is refused
    here, before anything listens."""
    check_store(db)
    settings = Settings(db=db, data=data or Path(os.environ.get("VANBAN_DATA", "vanban-data")),
                        login=not is_local(host), workers=workers)
    if os.environ.get("VANBAN_SECRET"):
        settings.secret = os.environ["VANBAN_SECRET"]
    if settings.login:
        _, engine = open_store(db)
        try:
            if not has_users(engine):
                raise StoreError(strings.message("serve_needs_users", host=host))
        finally:
            engine.dispose()
    return settings


def serve(db: str | None, host: str, port: int, data: Path | None = None, workers: int = 1) -> None:
    run(settings_for(db, host, data, workers), host, port)


def run(settings: Settings, host: str, port: int) -> None:
    """uvicorn over the app, until Ctrl-C. The pages speak Vietnamese (VANBAN_LANG), whatever language
    `vanban serve --lang` chose for the terminal: their templates are written in it."""
    import uvicorn

    with strings.speaking(None):
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", proxy_headers=False)


def _with_store(db: str | None, work: Callable[[Engine], T]) -> T:
    """`work` on the store (its schema made if needed), the engine closed after."""
    _, engine = open_store(db)
    try:
        return work(engine)
    finally:
        engine.dispose()


def user_add(db: str | None, name: str, role: str, password: str) -> None:
    _with_store(db, lambda engine: add_user(engine, name, role, password))


def user_list(db: str | None) -> list[Account]:
    return _with_store(db, list_users)


def user_role(db: str | None, name: str, role: str) -> bool:
    return _with_store(db, lambda engine: set_role(engine, name, role))


def user_remove(db: str | None, name: str) -> str:
    return _with_store(db, lambda engine: remove_user(engine, name))

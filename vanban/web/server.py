"""`vanban serve` and `vanban user add`: the checks before uvicorn starts, and users for the login.

Bound to 127.0.0.1 (or ::1, localhost) the pages need no login. Bound to any other address the
server refuses to start until the store has a user; the session key comes from VANBAN_SECRET or is
made at start (sessions then end when the server restarts).
"""

from __future__ import annotations

import os
from pathlib import Path

from vanban.db.engine import StoreError
from vanban.web.app import Settings, create_app, open_store
from vanban.web.auth import add_user, has_users, is_local


def settings_for(db: str | None, host: str, data: Path | None = None, workers: int = 1) -> Settings:
    """The app's settings; a non-local address without users is refused here, before anything listens."""
    settings = Settings(db=db, data=data or Path(os.environ.get("VANBAN_DATA", "vanban-data")),
                        login=not is_local(host), workers=workers)
    if os.environ.get("VANBAN_SECRET"):
        settings.secret = os.environ["VANBAN_SECRET"]
    if settings.login:
        _, engine = open_store(db)
        try:
            if not has_users(engine):
                raise StoreError(f"{host}: listening beyond this machine needs users; add one first with "
                                 "`vanban user add NAME --role admin` (or serve on 127.0.0.1)")
        finally:
            engine.dispose()
    return settings


def serve(db: str | None, host: str, port: int, data: Path | None = None, workers: int = 1) -> None:
    import uvicorn

    settings = settings_for(db, host, data, workers)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", proxy_headers=False)


def user_add(db: str | None, name: str, role: str, password: str) -> None:
    """Add a user to the store (its schema made if needed)."""
    _, engine = open_store(db)
    try:
        add_user(engine, name, role, password)
    finally:
        engine.dispose()

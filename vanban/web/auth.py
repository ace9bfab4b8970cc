"""Who may do what: users with argon2 hashes, signed sessions, roles on every route, CSRF on every form.

Bound to 127.0.0.1 the pages need no login (whoever can reach the port is on this machine);
bound to any other address every route but the login page asks for a user, and a role.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, select, update
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vanban.db.models import User

ROLES = ("viewer", "uploader", "admin")
RANK = {role: i for i, role in enumerate(ROLES)}
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_HASHER = PasswordHasher()
# A hash to verify against when the name is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY = _HASHER.hash(secrets.token_hex(16))


@dataclass(frozen=True)
class Who:
    name: str
    role: str
    stamp: str = field(default="", compare=False)     # of the stored hash: a session is this account's only

    def may(self, role: str) -> bool:
        return RANK[self.role] >= RANK[role]


LOCAL = Who("máy này", "admin")


def is_local(host: str) -> bool:
    return host in LOCAL_HOSTS


def hash_password(password: str) -> str:
    """The argon2 hash that is stored; the password itself never is."""
    return _HASHER.hash(password)


def stamp(password_hash: str) -> str:
    """What a session keeps of its account: a user removed and added again under the same name (a new
    hash) is another account, and the old session does not carry over to it."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def authenticate(engine: Engine, name: str, password: str) -> Who | None:
    """The user if the password is right; the hash is upgraded when argon2's parameters have changed."""
    with engine.connect() as conn:
        row = conn.execute(select(User.id, User.role, User.password_hash).where(User.name == name)).first()
    try:
        _HASHER.verify(row.password_hash if row else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    stored = row.password_hash
    if _HASHER.check_needs_rehash(stored):
        stored = _HASHER.hash(password)
        with engine.begin() as conn:
            conn.execute(update(User).where(User.id == row.id).values(password_hash=stored))
    return Who(name, row.role, stamp(stored))


def role_of(engine: Engine, name: str, session_stamp: str | None) -> str | None:
    """The user's role now, looked up on each request: a removed user is out, a changed role holds, at once."""
    with engine.connect() as conn:
        row = conn.execute(select(User.role, User.password_hash).where(User.name == name)).first()
    if row is None or not session_stamp or not hmac.compare_digest(stamp(row.password_hash), session_stamp):
        return None
    return row.role


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use; every form carries it."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


async def check_csrf(request: Request) -> None:
    """Refuse a POST whose token (form field `csrf` or header X-CSRF-Token) is not the session's."""
    expected = request.session.get("csrf")
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        form = await request.form(max_files=0, max_fields=50) if _is_urlencoded(request) else None
        sent = form.get("csrf") if form is not None else None
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "Biểu mẫu thiếu mã xác thực (CSRF) hoặc mã đã hết hạn: hãy tải lại trang.")


def _is_urlencoded(request: Request) -> bool:
    return request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded")


async def who(request: Request) -> Who | None:
    """The user of this request: anyone on a local server, else the session's user if it still exists."""
    state = request.app.state
    if not state.settings.login:
        return LOCAL
    name = request.session.get("user")
    if not name:
        return None
    session_stamp = request.session.get("stamp")
    role = await run_in_threadpool(role_of, state.engine, name, session_stamp)
    return Who(name, role, session_stamp) if role else None


Endpoint = Callable[[Request], Awaitable[Response]]


def guard(role: str) -> Callable[[Endpoint], Endpoint]:
    """Every route says the least role it needs; a stranger is sent to the login page, POSTs need CSRF.

    A multipart POST (upload) carries its token in the X-CSRF-Token header or checks its form field
    itself (`check_form_csrf`), so that the file parts are read once.
    """

    def wrap(endpoint: Endpoint) -> Endpoint:
        @functools.wraps(endpoint)
        async def guarded(request: Request) -> Response:
            user = await who(request)
            if user is None:
                return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
            if not user.may(role):
                raise HTTPException(403, "Tài khoản của bạn không có quyền làm việc này.")
            request.state.user = user
            if request.method == "POST" and not request.headers.get("content-type", "").startswith(
                    "multipart/form-data"):
                await check_csrf(request)
            return await endpoint(request)

        return guarded

    return wrap


def check_form_csrf(request: Request, form: Any) -> None:
    """The CSRF check of a multipart form, once its fields are read."""
    expected = request.session.get("csrf")
    sent = request.headers.get("x-csrf-token") or form.get("csrf")
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "Biểu mẫu thiếu mã xác thực (CSRF) hoặc mã đã hết hạn: hãy tải lại trang.")

"""Who may do what: users with argon2 hashes, signed sessions, roles on every route, CSRF on every form.

Bound to 127.0.0.1 the pages need no login (whoever can reach the port is on this machine);
bound to any other address every route but the login page asks for a user, and a role.
"""

from __future__ import annotations

import functools
import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session
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


class UserError(ValueError):
    """A user that cannot be added as asked, with the reason."""


@dataclass(frozen=True)
class Who:
    name: str
    role: str

    def may(self, role: str) -> bool:
        return RANK[self.role] >= RANK[role]


LOCAL = Who("máy này", "admin")


def is_local(host: str) -> bool:
    return host in LOCAL_HOSTS


def add_user(engine: Engine, name: str, role: str, password: str) -> None:
    """Store a new user with the hash of `password`; the password itself is never kept."""
    name = name.strip()
    if role not in ROLES:
        raise UserError(f"{role}: the role is one of {', '.join(ROLES)}")
    if not name or len(name) > 64:
        raise UserError("the name must have 1 to 64 characters")
    if len(password) < 8:
        raise UserError("the password must have at least 8 characters")
    with Session(engine) as session, session.begin():
        if session.scalar(select(User.id).where(User.name == name)) is not None:
            raise UserError(f"{name}: this user exists already")
        session.add(User(name=name, role=role, password_hash=_HASHER.hash(password)))


def has_users(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.scalar(select(func.count(User.id))))


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
    if _HASHER.check_needs_rehash(row.password_hash):
        with engine.begin() as conn:
            conn.execute(update(User).where(User.id == row.id).values(password_hash=_HASHER.hash(password)))
    return Who(name, row.role)


def role_of(engine: Engine, name: str) -> str | None:
    """The user's role now: looked up on each request, so a removed user is out at once."""
    with engine.connect() as conn:
        return conn.scalar(select(User.role).where(User.name == name))


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
    role = await run_in_threadpool(role_of, state.engine, name)
    return Who(name, role) if role else None


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

"""The users of the web pages as an admin manages them: add, list, change a role, remove.

The same functions serve the users page and `vanban user`. Two rules hold whoever asks: a name is
one account (a duplicate is refused with a message, never an IntegrityError), and the store always
keeps an admin (the last one can be neither removed nor demoted), so that nobody is locked out of
the users page. A change takes effect on the user's next request, as `auth.who` looks the role up
on every request. Messages come from `patterns/strings.toml` ([users]) in the user's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vanban.db.engine import make_engine
from vanban.db.models import User
from vanban.patterns import strings
from vanban.web.auth import ROLES, hash_password

MAX_NAME = 64
MIN_PASSWORD = 8


class UserError(ValueError):
    """What an admin asked that cannot be done, with the reason in words (`key` names it for programs)."""

    def __init__(self, key: str, **fields: Any) -> None:
        self.key = key
        super().__init__(strings.users(key, **fields))


@dataclass(frozen=True)
class Account:
    """A user as listed: never the hash."""

    name: str
    role: str
    created: dt.datetime | None


@contextmanager
def _writing(engine: Engine) -> Iterator[Session]:
    """A write transaction. On SQLite it takes the write lock up front (a writer engine: BEGIN
    IMMEDIATE), so that two admins at once queue: each checks what the other wrote; on PostgreSQL
    the rows it reads are locked (`_target`)."""
    own = make_engine(engine.url, writer=True) if engine.dialect.name == "sqlite" else None
    try:
        with Session(own or engine) as session, session.begin():
            yield session
    finally:
        if own is not None:
            own.dispose()


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UserError("bad_role", role=role, roles=", ".join(ROLES))


def add_user(engine: Engine, name: str, role: str, password: str) -> None:
    """Store a new user with the hash of `password`; the password itself is never kept nor shown."""
    name = name.strip()
    _check_role(role)
    if not name or len(name) > MAX_NAME:
        raise UserError("bad_name")
    if len(password) < MIN_PASSWORD:
        raise UserError("short_password")
    try:
        with _writing(engine) as session:
            if session.scalar(select(User.id).where(User.name == name)) is not None:
                raise UserError("exists", name=name)
            session.add(User(name=name, role=role, password_hash=hash_password(password)))
    except IntegrityError as err:           # the same name added at the same moment elsewhere
        raise UserError("exists", name=name) from err


def has_users(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.scalar(select(func.count(User.id))))


def list_users(engine: Engine) -> list[Account]:
    """Every user, by name."""
    with engine.connect() as conn:
        rows = conn.execute(select(User.name, User.role, User.created_at).order_by(User.name)).all()
    return [Account(r.name, r.role, r.created_at) for r in rows]


def _target(session: Session, name: str) -> tuple[User, bool]:
    """The user to change, and whether it is the last admin. Every admin row is locked (PostgreSQL)
    so that two admins demoting each other at the same moment cannot both succeed and leave none."""
    admins = session.scalars(select(User).where(User.role == "admin").with_for_update()).all()
    user = next((u for u in admins if u.name == name), None) or session.scalar(
        select(User).where(User.name == name).with_for_update())
    if user is None:
        raise UserError("no_user", name=name)
    return user, user.role == "admin" and len(admins) <= 1


def set_role(engine: Engine, name: str, role: str) -> bool:
    """Give `name` the role; False when it had it already. The last admin keeps theirs."""
    _check_role(role)
    with _writing(engine) as session:
        user, last_admin = _target(session, name.strip())
        if user.role == role:
            return False
        if last_admin:
            raise UserError("last_admin", name=user.name)
        user.role = role
    return True


def remove_user(engine: Engine, name: str) -> str:
    """Remove `name` (its sessions end with it); the role it had. The last admin stays."""
    with _writing(engine) as session:
        user, last_admin = _target(session, name.strip())
        if last_admin:
            raise UserError("last_admin", name=user.name)
        role = user.role
        session.execute(delete(User).where(User.id == user.id))
    return role

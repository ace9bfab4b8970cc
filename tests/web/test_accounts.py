"""The rules of users (web/accounts.py) on SQLite and PostgreSQL: a name is one account, roles are
the three known, the store always keeps an admin, and a change holds on the user's next request."""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path

import pytest
from sqlalchemy import Engine

from vanban.patterns import strings
from vanban.web.accounts import UserError, add_user, has_users, list_users, remove_user, set_role
from vanban.web.auth import authenticate, role_of

STRINGS = Path(__file__).resolve().parents[2] / "patterns" / "strings.toml"


def _refused(key: str, call, *args) -> UserError:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as caught:
        call(*args)
    assert caught.value.key == key, str(caught.value)
    return caught.value


def _roles(engine: Engine) -> dict[str, str]:
    return {a.name: a.role for a in list_users(engine)}


def test_users_are_listed_by_name_with_no_hash(store_engine: Engine) -> None:
    assert not has_users(store_engine) and list_users(store_engine) == []
    add_user(store_engine, "  thu ", "viewer", "mat-khau-thu")
    add_user(store_engine, "an", "admin", "mat-khau-an")
    listed = list_users(store_engine)
    assert [(a.name, a.role) for a in listed] == [("an", "admin"), ("thu", "viewer")]
    assert all(a.created is not None for a in listed)
    assert not any("argon2" in repr(a) or "mat-khau" in repr(a) for a in listed)


def test_a_name_is_one_account(store_engine: Engine) -> None:
    add_user(store_engine, "an", "admin", "mat-khau-an")
    err = _refused("exists", add_user, store_engine, " an", "viewer", "mat-khau-khac")
    assert str(err) == "an: tên đăng nhập này đã có, hãy chọn tên khác."
    assert _roles(store_engine) == {"an": "admin"}
    assert authenticate(store_engine, "an", "mat-khau-an") is not None      # the first one's password holds


def test_what_cannot_be_a_user(store_engine: Engine) -> None:
    _refused("bad_role", add_user, store_engine, "an", "superuser", "mat-khau-an")
    _refused("bad_name", add_user, store_engine, "   ", "viewer", "mat-khau-an")
    _refused("bad_name", add_user, store_engine, "a" * 65, "viewer", "mat-khau-an")
    _refused("short_password", add_user, store_engine, "an", "viewer", "1234567")
    assert not has_users(store_engine)
    add_user(store_engine, "an", "admin", "mat-khau-an")
    _refused("bad_role", set_role, store_engine, "an", "root")
    _refused("no_user", set_role, store_engine, "ghost", "viewer")
    _refused("no_user", remove_user, store_engine, "ghost")
    with strings.speaking("en"):
        err = _refused("no_user", remove_user, store_engine, "ghost")
    assert str(err) == "ghost: no such user (perhaps just removed)"


def test_the_last_admin_is_neither_removed_nor_demoted(store_engine: Engine) -> None:
    add_user(store_engine, "an", "admin", "mat-khau-an")
    add_user(store_engine, "thu", "uploader", "mat-khau-thu")
    for role in ("uploader", "viewer"):
        err = _refused("last_admin", set_role, store_engine, "an", role)
        assert "quản trị viên cuối cùng" in str(err)
    _refused("last_admin", remove_user, store_engine, "an")
    assert _roles(store_engine) == {"an": "admin", "thu": "uploader"}
    assert set_role(store_engine, "an", "admin") is False                  # no change is no refusal
    assert set_role(store_engine, "thu", "admin") is True                  # two admins: one may go
    assert set_role(store_engine, "an", "viewer") is True
    _refused("last_admin", remove_user, store_engine, "thu")                # thu is the last one now
    assert remove_user(store_engine, "an") == "viewer"
    assert _roles(store_engine) == {"thu": "admin"}


def test_a_change_holds_on_the_next_request(store_engine: Engine) -> None:
    add_user(store_engine, "an", "admin", "mat-khau-an")
    add_user(store_engine, "thu", "uploader", "mat-khau-thu")
    who = authenticate(store_engine, "thu", "mat-khau-thu")
    assert who is not None and who.stamp
    assert role_of(store_engine, "thu", who.stamp) == "uploader"
    assert role_of(store_engine, "thu", None) is None                      # a session from before stamps
    set_role(store_engine, "thu", "viewer")
    assert role_of(store_engine, "thu", who.stamp) == "viewer"
    remove_user(store_engine, "thu")
    assert role_of(store_engine, "thu", who.stamp) is None
    # the same name added again is another account: the old session is not it
    add_user(store_engine, "thu", "admin", "mat-khau-moi")
    assert role_of(store_engine, "thu", who.stamp) is None
    again = authenticate(store_engine, "thu", "mat-khau-moi")
    assert again is not None and role_of(store_engine, "thu", again.stamp) == "admin"


def _demote(engine: Engine, name: str, start: threading.Barrier, refused: list[str]) -> None:
    start.wait()
    try:
        set_role(engine, name, "viewer")
    except UserError as err:
        refused.append(err.key)


def test_two_admins_demoting_each_other_leave_one(store_engine: Engine) -> None:
    """Each demotes the other at the same moment: one of them must be refused (PostgreSQL: row locks;
    SQLite: the write lock taken before the check), and neither fails with "database is locked"."""
    for round_ in range(5):
        a, b = f"a{round_}", f"b{round_}"
        add_user(store_engine, a, "admin", "mat-khau-a")
        add_user(store_engine, b, "admin", "mat-khau-b")
        for other in list(_roles(store_engine)):
            if other not in (a, b):
                remove_user(store_engine, other)
        start, refused = threading.Barrier(2), []
        threads = [threading.Thread(target=_demote, args=(store_engine, n, start, refused)) for n in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert refused == ["last_admin"]
        assert sorted(_roles(store_engine).values()) == ["admin", "viewer"]


def test_the_users_words_are_in_both_languages() -> None:
    data = tomllib.loads(STRINGS.read_text(encoding="utf-8"))
    assert set(data["vi"]["users"]) == set(data["en"]["users"])
    for role in ("viewer", "uploader", "admin"):
        assert role in data["vi"]["values"] and role in data["en"]["values"]

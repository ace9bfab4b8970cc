"""Người dùng: an admin lists, adds, re-roles and removes the users of the pages (`vanban.web.accounts`).

Every route needs an admin (on 127.0.0.1, `LOCAL` is one) and every POST its CSRF token, checked
here too so that a multipart body, which `guard` leaves to the handler, is no way around it. A
refusal (last admin, duplicate name, short password) is the page again with the reason in words;
a change is said once after the redirect (the session's `flash`). Passwords are read, hashed and
dropped: never put back in a form, a message or a log.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from vanban.patterns import strings
from vanban.web import accounts
from vanban.web.accounts import UserError
from vanban.web.auth import ROLES, check_form_csrf, guard
from vanban.web.render import render

STATUS = {"exists": 409, "last_admin": 409, "no_user": 404}


async def _form(request: Request) -> Any:
    form = await request.form(max_files=0, max_fields=10)
    check_form_csrf(request, form)
    return form


async def _page(request: Request, status_code: int = 200, **context: Any) -> Response:
    engine = request.app.state.engine
    users = await run_in_threadpool(accounts.list_users, engine)
    return render(request, "users.html", status_code=status_code, title=strings.users("title"), users=users,
                  roles=ROLES, flash=request.session.pop("flash", None), **context)


def _done(request: Request, message: str, to: str = "/users") -> Response:
    request.session["flash"] = message
    return RedirectResponse(to, status_code=303)


def _refused(err: UserError) -> int:
    return STATUS.get(err.key, 400)


@guard("admin")
async def users_page(request: Request) -> Response:
    return await _page(request)


@guard("admin")
async def add(request: Request) -> Response:
    form = await _form(request)
    name, role = str(form.get("name", "")).strip(), str(form.get("role", ""))
    password, again = str(form.get("password", "")), str(form.get("password_again", ""))
    try:
        if password != again:
            raise UserError("password_mismatch")
        await run_in_threadpool(accounts.add_user, request.app.state.engine, name, role, password)
    except UserError as err:
        return await _page(request, _refused(err), error=str(err), typed={"name": name, "role": role})
    return _done(request, strings.users("added", name=name, role=strings.value(role)))


@guard("admin")
async def change_role(request: Request) -> Response:
    form = await _form(request)
    name, role = str(form.get("name", "")), str(form.get("role", ""))
    try:
        changed = await run_in_threadpool(accounts.set_role, request.app.state.engine, name, role)
    except UserError as err:
        return await _page(request, _refused(err), error=str(err))
    said = strings.users("role_set" if changed else "role_same", name=name, role=strings.value(role))
    me = request.state.user
    # an admin who gave up their own admin role cannot see this page any more
    return _done(request, said, "/" if me.name == name.strip() and role != "admin" else "/users")


@guard("admin")
async def confirm_remove(request: Request) -> Response:
    name = request.query_params.get("name", "")
    found = next((u for u in await run_in_threadpool(accounts.list_users, request.app.state.engine)
                  if u.name == name), None)
    if found is None:
        return await _page(request, 404, error=strings.users("no_user", name=name))
    return render(request, "user_remove.html", title=strings.users("remove_title"), account=found)


@guard("admin")
async def remove(request: Request) -> Response:
    form = await _form(request)
    name = str(form.get("name", ""))
    try:
        await run_in_threadpool(accounts.remove_user, request.app.state.engine, name)
    except UserError as err:
        return await _page(request, _refused(err), error=str(err))
    return _done(request, strings.users("removed", name=name))


ROUTES = [Route("/users", users_page), Route("/users/add", add, methods=["POST"]),
          Route("/users/role", change_role, methods=["POST"]), Route("/users/remove", confirm_remove),
          Route("/users/remove", remove, methods=["POST"])]

"""Đăng nhập / đăng xuất: the only page a stranger sees when the server listens beyond this machine."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from vanban.web.auth import authenticate, check_csrf, guard, who
from vanban.web.render import render


def _next(request: Request, value: str | None) -> str:
    """Only a path of this site to go back to after login, never another site."""
    return value if value and value.startswith("/") and not value.startswith("//") else "/"


async def login_page(request: Request) -> Response:
    if not request.app.state.settings.login:
        return RedirectResponse("/", status_code=303)
    if request.method == "GET":
        return render(request, "login.html", title="Đăng nhập", next=_next(request, request.query_params.get("next")))
    await check_csrf(request)
    form = await request.form()
    name, password = str(form.get("name", "")).strip(), str(form.get("password", ""))
    user = await run_in_threadpool(authenticate, request.app.state.engine, name, password)
    target = _next(request, str(form.get("next") or "/"))
    if user is None:
        return render(request, "login.html", status_code=401, title="Đăng nhập", next=target,
                      error="Sai tên đăng nhập hoặc mật khẩu.")
    request.session.clear()                       # a new session on login: no fixation
    request.session.update(user=user.name, stamp=user.stamp)   # and a new CSRF token
    return RedirectResponse(target, status_code=303)


@guard("viewer")
async def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login" if await who(request) is None else "/", status_code=303)


ROUTES = [Route("/login", login_page, methods=["GET", "POST"]), Route("/logout", logout, methods=["POST"])]

"""`vanban serve` and `vanban user add|list|role|remove`: thin verbs over `vanban.web.server`.

Each takes `--lang` like every other verb: what it says on the terminal (a refusal, a user added, the
password prompt) comes from `[vi.users]`/`[en.users]` of patterns/strings.toml, Vietnamese by default.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from vanban.cli.output import lang_option
from vanban.cli.store import db_option, store_errors
from vanban.patterns import strings


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), envvar="VANBAN_DATA", default=None)
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True)
@lang_option
@store_errors
def serve(db: str | None, host: str, port: int, data: Path | None, workers: int, lang: str | None) -> None:
    from vanban.web.server import run, settings_for

    settings = settings_for(db, host, data, workers)          # a refusal before anything listens
    click.echo(strings.users("serving", url=f"http://{'[' + host + ']' if ':' in host else host}:{port}/"),
               err=True)
    run(settings, host, port)


@click.group("user")
def user_group() -> None:
    pass


ROLE = click.Choice(["viewer", "uploader", "admin"])


def _refused(err: Exception) -> None:
    """A user error (duplicate, last admin, unknown user) is one line and exit code 2."""
    click.echo(str(err), err=True)
    sys.exit(2)


def _ask_password() -> str:
    """The password typed twice, asked in the language of the command; again until both agree."""
    while True:
        first = click.prompt(strings.users("password"), hide_input=True)
        if first == click.prompt(strings.users("password_again"), hide_input=True):
            return str(first)
        click.echo(strings.users("password_mismatch"), err=True)


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=ROLE, required=True)
@click.option("--password", envvar="VANBAN_PASSWORD", default=None)
@db_option
@lang_option
@store_errors
def user_add(name: str, role: str, password: str | None, db: str | None, lang: str | None) -> None:
    from vanban.web.accounts import UserError
    from vanban.web.server import user_add as add

    try:
        add(db, name, role, password if password is not None else _ask_password())
    except UserError as err:
        _refused(err)
    click.echo(strings.users("added", name=name.strip(), role=strings.value(role)))


@user_group.command("list")
@db_option
@lang_option
@store_errors
def user_list(db: str | None, lang: str | None) -> None:
    from vanban.web.server import user_list as listed

    accounts = listed(db)
    if not accounts:
        click.echo(strings.users("none"), err=True)
    for account in accounts:
        created = account.created.strftime("%Y-%m-%d") if account.created else ""
        click.echo(f"{account.name}\t{strings.value(account.role)}\t{created}")


@user_group.command("role")
@click.argument("name")
@click.argument("role", type=ROLE)
@db_option
@lang_option
@store_errors
def user_role(name: str, role: str, db: str | None, lang: str | None) -> None:
    from vanban.web.accounts import UserError
    from vanban.web.server import user_role as set_role

    try:
        changed = set_role(db, name, role)
    except UserError as err:
        _refused(err)
    click.echo(strings.users("role_set" if changed else "role_same", name=name, role=strings.value(role)))


@user_group.command("remove")
@click.argument("name")
@click.option("--yes", is_flag=True)
@db_option
@lang_option
@store_errors
def user_remove(name: str, yes: bool, db: str | None, lang: str | None) -> None:
    from vanban.web.accounts import UserError
    from vanban.web.server import user_remove as remove

    if not yes and not click.confirm(strings.users("remove_confirm", name=name)):
        sys.exit(1)
    try:
        remove(db, name)
    except UserError as err:
        _refused(err)
    click.echo(strings.users("removed", name=name))

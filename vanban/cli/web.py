"""`vanban serve` and `vanban user add|list|role|remove`: thin verbs over `vanban.web.server`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from vanban.cli.store import db_option, store_errors


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1 needs users (`vanban user add`).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), envvar="VANBAN_DATA", default=None,
              help="Folder for uploaded files, kept by content hash [default: ./vanban-data].")
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="Extraction processes for uploads; 0 extracts in the server's ingest thread.")
@store_errors
def serve(db: str | None, host: str, port: int, data: Path | None, workers: int) -> None:
    """Serve the web pages (Vietnamese) over the store: overview, directives, matrix, reports, upload."""
    from vanban.web.server import serve as run

    click.echo(f"vanban: http://{'[' + host + ']' if ':' in host else host}:{port}/", err=True)
    run(db, host, port, data, workers)


@click.group("user")
def user_group() -> None:
    """Users of the web pages (needed when `vanban serve` listens beyond 127.0.0.1)."""


ROLE = click.Choice(["viewer", "uploader", "admin"])


def _refused(err: Exception) -> None:
    """A user error (duplicate, last admin, unknown user) is one line and exit code 2."""
    click.echo(str(err), err=True)
    sys.exit(2)


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=ROLE, required=True,
              help="viewer: read and download; uploader: also upload; admin: everything.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True, envvar="VANBAN_PASSWORD",
              help="Asked for when not given (or VANBAN_PASSWORD); stored only as an argon2 hash.")
@db_option
@store_errors
def user_add(name: str, role: str, password: str, db: str | None) -> None:
    """Add user NAME with a role and a password."""
    from vanban.patterns import strings
    from vanban.web.accounts import UserError
    from vanban.web.server import user_add as add

    try:
        add(db, name, role, password)
    except UserError as err:
        _refused(err)
    click.echo(strings.users("added", name=name.strip(), role=strings.value(role)))


@user_group.command("list")
@db_option
@store_errors
def user_list(db: str | None) -> None:
    """The users: name, role, when added (never a password or its hash)."""
    from vanban.web.server import user_list as listed

    for account in listed(db):
        created = account.created.strftime("%Y-%m-%d") if account.created else ""
        click.echo(f"{account.name}\t{account.role}\t{created}")


@user_group.command("role")
@click.argument("name")
@click.argument("role", type=ROLE)
@db_option
@store_errors
def user_role(name: str, role: str, db: str | None) -> None:
    """Give user NAME another ROLE, from their next request; the last admin stays admin."""
    from vanban.patterns import strings
    from vanban.web.accounts import UserError
    from vanban.web.server import user_role as set_role

    try:
        changed = set_role(db, name, role)
    except UserError as err:
        _refused(err)
    click.echo(strings.users("role_set" if changed else "role_same", name=name, role=strings.value(role)))


@user_group.command("remove")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@db_option
@store_errors
def user_remove(name: str, yes: bool, db: str | None) -> None:
    """Remove user NAME; their session ends on their next request. The last admin stays."""
    from vanban.patterns import strings
    from vanban.web.accounts import UserError
    from vanban.web.server import user_remove as remove

    if not yes and not click.confirm(strings.users("remove_confirm", name=name)):
        sys.exit(1)
    try:
        remove(db, name)
    except UserError as err:
        _refused(err)
    click.echo(strings.users("removed", name=name))

"""Alembic environment: runs the migrations on the connection `vanban.db.schema` hands over.

Run from Alembic's own command line instead, it connects to `-x db=URL` (or VANBAN_DB).
On PostgreSQL the migration holds an advisory lock, so that two ingests starting at once on an
empty database do not both create the tables; SQLite's write lock does the same there.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from vanban.db.engine import make_engine
from vanban.db.models import Base

MIGRATION_LOCK = 0x76616E62  # "vanb": the advisory lock id of schema changes

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(context.get_x_argument(as_dictionary=True).get("db"), writer=True)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()


if context.is_offline_mode():
    raise SystemExit("vanban migrations run online only: give a database with -x db=URL")
run_migrations_online()

"""Alembic migrations of the store, shipped inside the package (`vanban db upgrade`)."""

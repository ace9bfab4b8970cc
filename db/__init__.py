"""The relational store: schema and migrations, batch ingest, identity, cross-unit questions.

Python users ask the same questions as the CLI through `vanban.db.queries` (each returns a
pandas DataFrame) and ingest with `vanban.db.ingest.ingest_folder`.
"""

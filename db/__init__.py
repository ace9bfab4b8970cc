"""The relational store: engine, schema and migrations, models, writes, and the cross-unit questions.

Storage and questions only: ingest runs in `vanban.pipeline`, the identity rules in
`vanban.identity`, the verbs in `vanban.cli`. Python users ask the questions through
`vanban.questions` (each returns a pandas DataFrame).
"""

"""Ingest as a pipeline: walk (scan) → extract and identify (executors, in workers) → write (ingest).

Above the store: it drives `vanban.db.write`; nothing below imports it.
"""

"""What a worker process needs of the store's code, without SQLAlchemy.

A worker forked by the pool's fork server (which imports the extractor, not the store) used to
import SQLAlchemy and the models for these two helpers: about half a second of CPU per worker
before its first file, on the path to the first document stored, at 1 worker as at 2.
"""

from __future__ import annotations

import json
import os

_JSON = json.JSONEncoder(ensure_ascii=False)      # built once: `json.dumps` with an option builds one per call


def json_text(value: object) -> str:
    """JSON as readable UTF-8: `LIKE '%Trạm Y tế%'` finds it in SQLite, PostgreSQL or Datasette."""
    return _JSON.encode(value)


def alive(pid: int) -> bool:
    """Whether process `pid` lives on this host (one we may not signal still lives)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

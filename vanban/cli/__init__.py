"""The `vanban` command: thin verbs over `vanban` and `vanban.questions`.

`main` holds the reading verbs (extract, eval), `store` the store's (ingest, db), `questions`
the cross-unit questions; `output`, `render` and `progress` are how answers are shown.
"""

from vanban.cli.main import main

__all__ = ["main"]

"""The `vanban` command: thin verbs over `vanban` and `vanban.questions`.

`main` holds the reading verbs (extract, eval), `store` the store's (ingest, db), `questions`
the cross-unit questions; `output`, `render` and `progress` are how answers are shown.
Their `--help` texts are in patterns/help.toml, Vietnamese and English, set by `helptext`.
"""

from vanban.cli.main import main

__all__ = ["main"]

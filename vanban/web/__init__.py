"""The web pages (`vanban serve`): the same store and the same question functions as the CLI.

`app` builds the Starlette application, `pages` the read-only pages, `upload` the upload and its
background ingest, `auth` users, sessions, roles and CSRF, `server` the checks before uvicorn starts.
"""

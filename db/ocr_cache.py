"""The OCR page cache backed by the store, for ingest workers (local processes or Dask).

Each worker process opens its own small engine from the store's URL; a page already read by any
run against the same store is taken from `ocr_pages` instead of being read again. Writing is
best effort: a page that cannot be stored only costs its OCR time on a later run.

SQLAlchemy is imported when a page is first looked up, not with this module: a worker makes a
`StoreCache` for every file, and most files (a text layer) never ask it for a page.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from vanban.extract.ocr import OcrPage


@cache
def _engine(url: str) -> Engine:
    from vanban.db.engine import make_engine

    return make_engine(url)


class StoreCache:
    """`vanban.extract.ocr_cache.PageCache` over the `ocr_pages` table of the store at `url`."""

    def __init__(self, url: str) -> None:
        self.url = url

    def get(self, key: str) -> OcrPage | None:
        from sqlalchemy import select
        from sqlalchemy.exc import DBAPIError

        from vanban.db.models import OcrPage as OcrRow
        from vanban.extract.ocr import OcrPage

        try:
            with _engine(self.url).connect() as conn:
                payload = conn.execute(select(OcrRow.payload).where(OcrRow.key == key)).scalar_one_or_none()
        except DBAPIError:
            return None
        return OcrPage.from_dict(payload) if payload else None

    def put(self, key: str, page: OcrPage) -> None:
        from sqlalchemy.exc import DBAPIError
        from sqlalchemy.orm import Session

        from vanban.db.models import OcrPage as OcrRow
        from vanban.db.upsert import insert_many_ignore

        row = {"key": key, "confidence": page.confidence, "payload": page.to_dict()}
        try:
            with Session(_engine(self.url)) as session, session.begin():
                insert_many_ignore(session, OcrRow, [row], ["key"])
        except DBAPIError:
            pass

"""The tables that serve the work around the reports rather than hold what they say: the OCR page
cache, the roster of units that owe reports, the users of the web pages, and the claims by which
concurrent ingests share the files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vanban.db.orm_base import Base
from vanban.db.orm_base import now as _now


class OcrPage(Base):
    """What OCR read on one page image, keyed by the image's hash and the OCR settings.

    The ingest workers read and fill it through `vanban.db.ocr_cache.StoreCache`, so a re-run,
    a renamed file or a second copy of the same scan is not read again on any machine that
    shares the store. `payload` is the OCR result (lines, words, boxes) as JSON.
    """

    __tablename__ = "ocr_pages"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    confidence: Mapped[float | None] = mapped_column(Float)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class RosterUnit(Base):
    """A unit that owes reports (`vanban roster import`): its key by the unit identity rules, and its
    name as the roster wrote it (`written`), shown while the store has no report of the unit."""

    __tablename__ = "roster"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_key: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text)
    province: Mapped[str | None] = mapped_column(Text)
    written: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class User(Base):
    """Who may use the web pages (`vanban user add`): a name, a role, and an argon2 hash, never a password."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))                # viewer | uploader | admin
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Claim(Base):
    """The run that extracts a content hash, so that concurrent ingests extract each file once.

    `state`: claimed (until `expires`, epoch seconds, renewed by the holder's heartbeat), stored
    or failed (`reason`; `expires` is then when it ended). A claim whose holder died expires and
    is taken over (`attempts` counts the takes).
    """

    __tablename__ = "claims"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"), index=True)
    state: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text)
    expires: Mapped[float] = mapped_column(Float)
    attempts: Mapped[int]


class UploadName(Base):
    """The name a content was first uploaded under (the web page keeps an upload by its hash, never
    under a name a browser sent): every reader of the store — pages, workbook, `vanban` verbs,
    Python — shows that name instead of where the content is kept."""

    __tablename__ = "upload_names"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

"""Shared test fixtures: the bundled corpus (real files, never mocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
STEMS = sorted(p.stem for p in (CORPUS / "gold").glob("*.json"))


def gold(stem: str) -> dict:
    return json.loads((CORPUS / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS

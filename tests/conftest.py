"""Shared test fixtures: the bundled corpus (real files, never mocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
STEMS = sorted(p.stem for p in (CORPUS / "gold").glob("*.json"))
# Real files as published and whole documents with gold: copies of public files that may be used
# as test input but not republished, so they stay in ../shared and the tests skip without them.
SHARED = ROOT.parent / "shared" / "corpus"
WILD = SHARED / "wild"
LONG = SHARED / "long"


def need(path: Path) -> Path:
    """`path` from the shared corpus, or skip the test saying what is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is not beside this checkout)")
    return path


def gold(stem: str) -> dict:
    return json.loads((CORPUS / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


def vni_encode(text: str) -> str:
    """Text as the VNI-Windows encoding writes it (an ASCII letter, then its marks as Latin-1): legacy
    input made from Unicode, for the readers' tests."""
    from vanban.extract.catalogue import load

    data = load("legacy_encodings")["vni"]
    inverse = {v: k for g in data["pairs"].values() for k, v in g.items()}
    inverse.update({v: k for k, v in data["single"].items() if k != v})
    return "".join(inverse.get(c, c) for c in text)

"""The record of each sample against its gold, in all three renditions: header and citations."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import CORPUS, STEMS, gold
from vanban.extract.evaluate import evaluate_folder, ratios, score_record
from vanban.extract.record import extract_file

FORMATS = ("txt", "docx", "pdf")
HEADER = ("doc_type", "number", "number_blank", "symbol", "date", "date_partial", "place", "issuer",
          "parent_issuer", "province", "title", "period", "signer")


@pytest.fixture(scope="module")
def records() -> dict[tuple[str, str], dict]:
    return {(stem, fmt): extract_file(CORPUS / fmt / f"{stem}.{fmt}") for stem in STEMS for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_header_matches_gold(records: dict, stem: str, fmt: str) -> None:
    want = gold(stem)["document"]
    got = records[(stem, fmt)]["document"]
    assert {k: got[k] for k in HEADER if k in want} == {k: want[k] for k in HEADER if k in want}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_citations_match_gold(records: dict, stem: str, fmt: str) -> None:
    s = score_record(gold(stem), records[(stem, fmt)])
    assert (s["missed"], s["extra"], s["wrong"]) == ([], [], [])
    r = ratios(s["counts"])
    assert r["partial_named_recall"] == 1.0


def test_spans_point_into_the_text_and_pages_are_set() -> None:
    rec = extract_file(CORPUS / "pdf" / "001_c8d032cd6b35c309.pdf", with_text=True)
    assert rec["citations"]
    for c in rec["citations"]:
        start, end = c["span"]
        assert rec["text"][start:end] == c["raw"]
        assert 1 <= c["page"] <= rec["source"]["pages"]
    assert {c["page"] for c in rec["citations"]} != {1}


def test_own_number_and_self_reference_are_not_citations() -> None:
    rec = extract_file(CORPUS / "txt" / "004_2a516ee14150a1bf.txt")
    assert [c["canonical"] for c in rec["citations"] if c["kind"] == "full"] == ["4796/KH-SYT"]
    rec = extract_file(CORPUS / "docx" / "001_c8d032cd6b35c309.docx")
    assert "124/BC-SYT" not in {c["canonical"] for c in rec["citations"]}


def test_eval_command_scores_like_the_shared_tool() -> None:
    result = evaluate_folder(CORPUS / "gold", CORPUS / "pdf")
    o = result["overall"]
    assert (o["tp"], o["fp"], o["fn"]) == (67, 0, 0)
    assert o["dates"] >= 0.98 and o["types"] >= 0.98 and o["issuers"] >= 0.9 and o["header"] >= 0.95
    out = subprocess.run([sys.executable, "-m", "vanban", "eval", str(CORPUS / "gold"), str(CORPUS / "txt"),
                          "--format", "json"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["overall"]["recall"] == 1.0

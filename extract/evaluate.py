"""Score extraction against gold annotations, the way `shared/tools/score.py` does:
unique canonical keys of full citations (precision, recall), dates and types and issuers of
the matched ones, recall of partial `(doc_type, number)` and named laws, header fields."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from vanban.extract.model import ReadError
from vanban.extract.read import EXTENSIONS
from vanban.extract.record import extract_file

HEADER_FIELDS = ("doc_type", "number", "symbol", "date", "issuer", "province", "signer")
_COUNTS = ("tp", "fp", "fn", "date_ok", "date_n", "type_ok", "type_n", "issuer_ok", "issuer_n",
           "other_hit", "other_n", "header_ok", "header_n")


def norm(s: Any) -> str | None:
    if s is None:
        return None
    s = unicodedata.normalize("NFC", str(s))
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    return re.sub(r"\s+", " ", s).strip().casefold()


def key(s: Any) -> str:
    return re.sub(r"\s+", "", norm(s) or "")


def law_name(c: dict) -> str:
    n = norm(c.get("name") or c.get("raw") or "") or ""
    return re.sub(r"\s+(ngày|năm)\s.*$", "", n).strip(" ,;.")


def _header_value(field: str, doc: dict) -> str | None:
    v = doc.get(field)
    if field == "signer" and isinstance(v, dict):
        v = v.get("name")
    return norm(v)


def score_record(gold: dict, rec: dict) -> dict[str, Any]:
    """Counts for one document, and what was missed or extra."""
    c = dict.fromkeys(_COUNTS, 0)
    got: dict[str, list[dict]] = {}
    for cit in rec.get("citations") or []:
        if cit.get("kind") == "full" and cit.get("canonical"):
            got.setdefault(key(cit["canonical"]), []).append(cit)
    want = {key(g["canonical"]): g for g in gold["citations"] if g.get("kind") == "full" and g.get("canonical")}
    hit = set(got) & set(want)
    c["tp"], c["fp"], c["fn"] = len(hit), len(set(got) - set(want)), len(set(want) - set(got))
    wrong: list[str] = []
    for k in sorted(hit):
        w = want[k]
        c["type_n"] += 1
        c["type_ok"] += any(norm(x.get("doc_type")) == norm(w.get("doc_type")) for x in got[k])
        if w.get("issuer"):
            c["issuer_n"] += 1
            ok = any(norm(x.get("issuer")) == norm(w["issuer"]) for x in got[k])
            c["issuer_ok"] += ok
            if not ok:
                wrong.append(f"issuer of {w['canonical']}: want {w['issuer']!r}")
        if w.get("date"):
            c["date_n"] += 1
            ok = any(x.get("date") == w["date"] for x in got[k])
            c["date_ok"] += ok
            if not ok:
                wrong.append(f"date of {w['canonical']}: want {w['date']}")
    gp = {(norm(g.get("doc_type")), norm(g.get("number"))) for g in gold["citations"] if g.get("kind") == "partial"}
    pp = {(norm(x.get("doc_type")), norm(x.get("number"))) for x in rec.get("citations") or []
          if x.get("kind") == "partial"}
    gn = {law_name(g) for g in gold["citations"] if g.get("kind") == "named"}
    pn = {law_name(x) for x in rec.get("citations") or [] if x.get("kind") == "named"}
    named_hits = {g for g in gn if any(g == x or g.startswith(x) or x.startswith(g) for x in pn if x)}
    c["other_n"] = len(gp) + len(gn)
    c["other_hit"] = len(gp & pp) + len(named_hits)
    gd, rd = gold.get("document") or {}, rec.get("document") or {}
    for f in HEADER_FIELDS:
        if f in gd:
            c["header_n"] += 1
            wv, gv = _header_value(f, gd), _header_value(f, rd)
            ok = wv == gv or (f == "issuer" and bool(wv and gv) and (gv.startswith(wv) or wv.startswith(gv)))
            c["header_ok"] += ok
            if not ok:
                wrong.append(f"header {f}: want {wv!r} got {gv!r}")
    return {"counts": c,
            "missed": sorted(want[k]["canonical"] for k in set(want) - set(got)),
            "extra": sorted(got[k][0]["canonical"] for k in set(got) - set(want)),
            "wrong": wrong}


def ratios(c: dict[str, int]) -> dict[str, float]:
    def r(a: int, b: int, empty: float = 1.0) -> float:
        return round(a / b, 4) if b else empty

    return {"precision": r(c["tp"], c["tp"] + c["fp"], 0.0), "recall": r(c["tp"], c["tp"] + c["fn"], 0.0),
            "dates": r(c["date_ok"], c["date_n"]), "types": r(c["type_ok"], c["type_n"]),
            "issuers": r(c["issuer_ok"], c["issuer_n"]), "partial_named_recall": r(c["other_hit"], c["other_n"]),
            "header": r(c["header_ok"], c["header_n"])}


def _input_for(stem: str, folder: Path) -> Path | None:
    for ext in EXTENSIONS:
        p = folder / f"{stem}{ext}"
        if p.exists():
            return p
    return None


def evaluate_folder(gold_dir: Path, input_dir: Path) -> dict[str, Any]:
    """Per-document and overall scores of the files in `input_dir` that have gold."""
    total = dict.fromkeys(_COUNTS, 0)
    docs, failures = [], []
    for gf in sorted(Path(gold_dir).glob("*.json")):
        src = _input_for(gf.stem, Path(input_dir))
        if src is None:
            continue
        gold = json.loads(gf.read_text(encoding="utf-8"))
        try:
            rec = extract_file(src)
        except ReadError as err:
            failures.append(f"{err.path}: {err.reason}")
            rec = {"citations": [], "document": {}}
        s = score_record(gold, rec)
        for k, v in s["counts"].items():
            total[k] += v
        docs.append({"document": src.name, **ratios(s["counts"]), **s["counts"],
                     "missed": s["missed"], "extra": s["extra"], "wrong": s["wrong"]})
    return {"documents": docs, "overall": {**ratios(total), **total}, "failures": failures}

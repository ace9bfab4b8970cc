"""How far underthesea's NER can be trusted on these documents, measured on the gold headers.

    python bench/ner.py [GOLD_DIR]

For every issuer, parent issuer and signer in the gold files: does underthesea tag every word
of the name as an organisation (B-ORG/I-ORG) or as a person (B-PER/I-PER)? vanban uses the
NER only to confirm a signer's name whose family name is not in its catalogue, and reads
organisations with its own catalogue-driven grammar: this prints why.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from underthesea import ner

ROOT = Path(__file__).resolve().parents[1]


def _all(tags: list[tuple], kind: str) -> bool:
    return bool(tags) and all(t[-1].endswith(kind) for t in tags)


def main() -> None:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpus" / "gold"
    orgs, people = set(), set()
    for f in sorted(gold.glob("*.json")):
        doc = json.loads(f.read_text(encoding="utf-8"))["document"]
        orgs.update(doc[k] for k in ("issuer", "parent_issuer") if doc.get(k))
        if (doc.get("signer") or {}).get("name"):
            people.add(doc["signer"]["name"])
    start = time.perf_counter()
    org_tags = {o: ner(o) for o in sorted(orgs)}
    per_tags = {p: ner(p) for p in sorted(people)}
    secs = time.perf_counter() - start
    print(f"organisations tagged ORG on every word: {sum(_all(t, 'ORG') for t in org_tags.values())}"
          f"/{len(org_tags)}")
    for name, tags in org_tags.items():
        print(f"  {name}: {' '.join(t[-1] for t in tags)}")
    print(f"signers tagged PER on every word: {sum(_all(t, 'PER') for t in per_tags.values())}/{len(per_tags)}")
    print(f"{(len(org_tags) + len(per_tags)) / secs:.0f} names/s")


if __name__ == "__main__":
    main()

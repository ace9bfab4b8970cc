"""Human-readable output (rich tables) shared by the CLI verbs."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

console = Console()


def print_record_table(rec: dict[str, Any], lang: str | None = None) -> None:
    """One document's record in words of `lang`: its header, citations and flags (`--format json`: all)."""
    from vanban.patterns import strings

    def say(key: str, **fields: Any) -> str:
        return strings.record(key, lang, **fields)

    doc = rec.get("document") or {}
    head = Table(title=rec["source"]["path"], show_header=False)
    for field in ("doc_type", "number", "symbol", "date", "date_partial", "place", "issuer", "parent_issuer",
                  "province", "title"):
        if doc.get(field) is not None:
            head.add_row(say(field), str(doc[field]))
    if doc.get("period"):
        head.add_row(say("period"), f"{doc['period']['label']} ({doc['period']['start']} – {doc['period']['end']})")
    if doc.get("signer"):
        head.add_row(say("signer"), f"{doc['signer']['name']} ({doc['signer'].get('title') or '?'})")
    console.print(head)
    def where(c: dict[str, Any]) -> str:
        """The page, or `đoạn 94` in a DOCX where Word recorded no page break."""
        if c.get("page") is not None:
            return str(c["page"])
        return strings.message("paragraph_at", lang, paragraph=c["paragraph"]) if c.get("paragraph") else ""

    cites = Table(*(say(k) for k in ("page", "kind", "canonical", "type", "issued", "by")), title=say("citations"))
    for c in rec.get("citations") or []:
        cites.add_row(where(c), say(c["kind"]), c.get("canonical") or c.get("raw", "")[:50],
                      c.get("doc_type") or "", c.get("date") or "", c.get("issuer") or "")
    console.print(cites)
    if rec.get("flags"):
        flags = Table(say("severity"), say("code"), say("message"), title=say("flags"))
        for f in rec["flags"]:
            flags.add_row(strings.value(f.get("severity") or "", lang), f["code"],
                          strings.flag_message(f.get("message_key"), f.get("params"), f.get("message") or "", lang))
        console.print(flags)
    console.print(say("footer", metrics=len(rec.get("metrics") or []), tables=len(rec.get("tables") or []),
                      sections=len(rec.get("sections") or [])))


def print_scores(result: dict[str, Any], lang: str | None = None) -> None:
    """`vanban eval`'s table, its title and headers in the language in effect."""
    from vanban.patterns import strings

    def say(key: str) -> str:
        return strings.record(f"eval_{key}", lang)

    cols = ("precision", "recall", "dates", "types", "issuers", "partial_named_recall", "header")
    table = Table(say("document"), *(say(c) for c in cols), title=say("title"))
    for d in result["documents"]:
        table.add_row(d["document"], *(f"{d[c]:.3f}" for c in cols))
    o = result["overall"]
    table.add_row(f"[b]{say('overall')}[/b]", *(f"[b]{o[c]:.3f}[/b]" for c in cols))
    console.print(table)
    for d in result["documents"]:
        for k in ("missed", "extra", "wrong"):
            for item in d[k]:
                console.print(f"  {d['document']} {say(k)}: {item}")
    for f in result["failures"]:
        console.print(f"  {say('failed')}: {f}", style="red")

"""The `vanban` command: verbs that read reports and verbs that query the store.

Errors a user can act on are one line on stderr naming the file and the reason, never a
traceback (`--debug` shows one for a bug report). Exit codes: 0 all read, 1 some files of a
folder failed, 2 the one file given failed or the command was misused.

Each verb imports what it needs when it runs, so that `vanban --help` starts at once.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vanban.cli.helptext import Vanban
from vanban.cli.output import lang_option
from vanban.patterns import strings

if TYPE_CHECKING:
    from vanban.extract.ocr_cache import Ocr


def _fail_line(path: Path | str, err: BaseException, debug: bool) -> str:
    """`path: reason`, the reason in the user's language (readers raise it in English)."""
    from vanban.extract.model import ReadError, readable

    if debug:
        traceback.print_exception(err)
    if isinstance(err, ReadError):
        return f"{readable(err.path)}: {strings.say_reason(err.reason)}"
    why = strings.reason("internal_error_debug", error=f"{type(err).__name__}: {err}")
    return f"{readable(str(path))}: {strings.say_reason(why)}"


def extract_many(paths: list[Path], *, with_text: bool, debug: bool,
                 ocr: Ocr | None = None) -> Iterator[tuple[Path, dict | None, str | None]]:
    """(path, record, None) or (path, None, reason) for each file, in order."""
    from vanban.extract.record import extract_file

    for p in paths:
        try:
            yield p, extract_file(p, with_text=with_text, ocr=ocr), None
        except Exception as err:
            yield p, None, _fail_line(p, err, debug)


def _documents_in(folder: Path) -> tuple[list[Path], list[tuple[str, str, str]]]:
    """The documents under `folder` to read, and every other entry as (path, skipped|failed, why):
    the ingest's walk, so links, loops, FIFOs and unreadable folders are named, never followed."""
    from vanban.extract.model import readable
    from vanban.pipeline.walk import walk

    root = os.path.realpath(folder)
    files: list[Path] = []
    others: list[tuple[str, str, str]] = []
    for e in walk(folder):
        shown = os.path.join(folder, os.path.relpath(e.path, root))     # as the user named the folder
        if e.outcome == "file":
            files.append(Path(shown))
        else:
            others.append((readable(shown), e.outcome, e.reason or ""))
    return files, others


@click.group(cls=Vanban, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vanban")
def main() -> None:
    pass


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--with-text", is_flag=True)
@click.option("--ocr-cache", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--no-ocr", is_flag=True)
@click.option("--debug", is_flag=True)
@lang_option
def extract(path: Path, fmt: str, with_text: bool, ocr_cache: Path | None, no_ocr: bool, debug: bool,
            lang: str | None) -> None:
    with strings.speaking(lang):
        _extract(path, fmt, with_text, ocr_cache, no_ocr, debug)


def _extract(path: Path, fmt: str, with_text: bool, ocr_cache: Path | None, no_ocr: bool, debug: bool) -> None:
    from vanban.cli.render import print_record_table
    from vanban.extract.ocr_cache import FolderCache, Ocr, default_cache_dir

    ocr = Ocr(cache=FolderCache(ocr_cache or default_cache_dir()), enabled=not no_ocr)
    if path.is_dir():
        files, others = _documents_in(path)
        unread = 0
        for _, rec, reason in extract_many(files, with_text=with_text, debug=debug, ocr=ocr):
            if rec is None:
                unread += 1
                click.echo(reason, err=True)
            elif fmt == "json":
                click.echo(json.dumps(strings.said(rec), ensure_ascii=False))
            else:
                print_record_table(rec)
        for shown, outcome, why in others:
            click.echo(strings.message(f"entry_{outcome}", path=shown, reason=strings.say_reason(why)), err=True)
        skipped = sum(1 for _, outcome, _ in others if outcome == "skipped")
        failed = unread + len(others) - skipped
        click.echo(strings.message("extract_summary", extracted=len(files) - unread, failed=failed, skipped=skipped),
                   err=True)
        sys.exit(1 if failed else 0)
    [(_, rec, reason)] = list(extract_many([path], with_text=with_text, debug=debug, ocr=ocr))
    if rec is None:
        click.echo(reason, err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps(strings.said(rec), ensure_ascii=False, indent=2))
    else:
        print_record_table(rec)


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@lang_option
def evaluate(gold_dir: Path, input_dir: Path, fmt: str, lang: str | None) -> None:
    from vanban.cli.render import print_scores
    from vanban.extract.evaluate import evaluate_folder

    with strings.speaking(lang):
        result = evaluate_folder(gold_dir, input_dir)
        if not result["documents"] and not result["failures"]:     # nothing scored is no perfect score
            key = "no_gold_match" if any(gold_dir.glob("*.json")) else "no_gold"
            click.echo(strings.message(key, gold=gold_dir, input=input_dir), err=True)
            sys.exit(2)
        if fmt == "json":
            click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            print_scores(result)
    sys.exit(1 if result["failures"] else 0)


from vanban.cli.store import register  # noqa: E402 - the store's verbs join the group defined above

register(main)

"""The progress bar of `vanban ingest`: files done out of all, with the three counts as they grow.

The pipeline reports why a file failed or was skipped in English (as the store keeps it); the
lines printed above the bar say it in the language of the command (`strings.say_reason`).
"""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from vanban.patterns import strings


class ProgressBar:
    """A rich progress bar on stderr; a failed file is printed above it with its reason."""

    def __init__(self, console: Console | None = None, *, enabled: bool = True) -> None:
        self.console = console or Console(stderr=True)
        self.counts: Counter[str] = Counter()
        self.progress = Progress(
            SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"), TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
            console=self.console, disable=not enabled, transient=False,
        )
        self.task = self.progress.add_task("ingest", total=None, counts=self._counts())

    def _counts(self) -> str:
        c = self.counts
        failed = f"[red]{c['failed']} failed[/]" if c["failed"] else "0 failed"
        return f"[green]{c['ingested']} ingested[/] · {c['unchanged']} unchanged · {failed}"

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)
        self.progress.start()

    def advance(self, outcome: str, path: str, reason: str | None = None) -> None:
        self.counts[outcome] += 1
        if reason:
            self.progress.console.print(f"[red]{escape(path)}[/]: {escape(strings.say_reason(reason))}",
                                        highlight=False, soft_wrap=True)
        self.progress.update(self.task, advance=1, counts=self._counts())

    def note(self, outcome: str, path: str, reason: str) -> None:
        """A path the walk did not read (skipped), printed above the bar; the bar counts documents only."""
        self.counts[outcome] += 1
        line = strings.message(f"entry_{outcome}", path=path, reason=strings.say_reason(reason))
        self.progress.console.print(f"[dim]{escape(line)}[/]", highlight=False, soft_wrap=True)

    def stop(self) -> None:
        self.progress.stop()

"""The progress bar of `vanban ingest`: files done out of all, with the three counts as they grow.

The pipeline reports why a file failed or was skipped in English (as the store keeps it); the
lines printed above the bar say it in the language of the command (`strings.say_reason`), and the
bar's own words are that language's too. The language is fixed when the bar is made, so that its
words do not hang on the thread that reports a file (the ingest's writer thread runs in the
command's context since `Writer` copies it, but a reporter may be driven from elsewhere).
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

# Redraws a second. Rich redraws in a thread of the ingest's process, which at 2 workers on 2 cores takes
# its CPU from the workers: 1.4 ms a redraw, 14 ms a second at rich's default of 10; 4 still moves.
_REFRESH = 4


class ProgressBar:
    """A rich progress bar on stderr; a failed file is printed above it with its reason."""

    def __init__(self, console: Console | None = None, *, enabled: bool = True, lang: str | None = None) -> None:
        self.lang = strings.language(lang)
        self.console = console or Console(stderr=True)
        self.counts: Counter[str] = Counter()
        title, eta = (escape(self._say(key)) for key in ("progress_title", "progress_eta"))
        self.progress = Progress(
            SpinnerColumn(), TextColumn(f"[bold]{title}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"), TimeElapsedColumn(), TextColumn(eta), TimeRemainingColumn(),
            console=self.console, disable=not enabled, transient=False, refresh_per_second=_REFRESH,
        )
        self.task = self.progress.add_task("ingest", total=None, counts=self._counts())
        self.started = False            # a run that fails before its walk (a bad --dask) shows no bar, not a blank line

    def _say(self, key: str, **fields: object) -> str:
        return strings.message(key, self.lang, **fields)

    def _counts(self) -> str:
        c = self.counts
        ingested, unchanged, failed = (escape(self._say(f"progress_{k}", count=c[k]))
                                       for k in ("ingested", "unchanged", "failed"))
        return f"[green]{ingested}[/] · {unchanged} · " + (f"[red]{failed}[/]" if c["failed"] else failed)

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)
        self.progress.start()
        self.started = True

    def advance(self, outcome: str, path: str, reason: str | None = None) -> None:
        self.counts[outcome] += 1
        if reason:
            self.progress.console.print(f"[red]{escape(path)}[/]: {escape(strings.say_reason(reason, self.lang))}",
                                        highlight=False, soft_wrap=True)
        self.progress.update(self.task, advance=1, counts=self._counts())

    def note(self, outcome: str, path: str, reason: str) -> None:
        """A path the walk did not read (skipped), printed above the bar; the bar counts documents only."""
        self.counts[outcome] += 1
        line = self._say(f"entry_{outcome}", path=path, reason=strings.say_reason(reason, self.lang))
        self.progress.console.print(f"[dim]{escape(line)}[/]", highlight=False, soft_wrap=True)

    def stop(self) -> None:
        if self.started:
            self.progress.stop()

"""Progress of a run: a rich bar with documents/s and ETA on a terminal, plain log lines
when not on one (CI, cron), so logs stay readable."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from graph.etl.runner import RunReport, WorkItem
from graph.sources.readers import SourceError

# Seconds between plain log lines; 0 logs every item (the kill-and-resume test watches them).
LOG_EVERY_S = float(os.environ.get("GRAPH_PROGRESS_EVERY", "5"))


@contextmanager
def run_progress(console: Console, total: int | None, title: str) -> Iterator:
    """Yield the callback the runner calls after each item."""
    if console.is_terminal:
        columns = [
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"),
            TimeRemainingColumn(),
        ]
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task(title, total=total, rate="0.0")
            start = time.monotonic()

            def advance(report: RunReport, item: WorkItem | SourceError) -> None:
                if isinstance(item, SourceError):
                    progress.console.print(f"[yellow]refused[/] {escape(str(item))}")
                done = progress.tasks[0].completed + 1
                rate = done / max(time.monotonic() - start, 1e-6)
                progress.update(task, advance=1, rate=f"{rate:.1f}")

            yield advance
        return
    state = {"done": 0, "last": time.monotonic(), "start": time.monotonic()}

    def log(report: RunReport, item: WorkItem | SourceError) -> None:
        state["done"] += 1
        if isinstance(item, SourceError):
            console.print(f"refused {item}", markup=False, highlight=False)
        now = time.monotonic()
        if now - state["last"] >= LOG_EVERY_S or state["done"] == total:
            rate = state["done"] / max(now - state["start"], 1e-6)
            console.print(
                f"{title}: {state['done']}/{total or '?'} items, {rate:.1f}/s, "
                f"new {report.counts['new']}, unchanged {report.counts['unchanged']}, "
                f"refused {report.counts['failed']}",
                markup=False,
                highlight=False,
            )
            state["last"] = now

    yield log

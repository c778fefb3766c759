"""`graph ingest`: the main job's way over files and folders given on the command line —
sources -> nlp -> resolve -> store, through the same batch runner as the periodic ETL."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from graph.etl.runner import Runner, RunReport, WorkItem, text_item
from graph.sources.folders import iter_files
from graph.sources.readers import SourceError, read_file
from graph.store.base import GraphStore

INGEST_JOB = "ingest"  # the job `graph ingest`'s runs and refusals are filed under


def path_items(
    paths: Iterable[str | Path], *, follow_symlinks: bool = False
) -> Iterator[WorkItem | SourceError]:
    """Work for every report under `paths` (folders recursively), and the refusals; links
    that leave a folder are refused unless `follow_symlinks` (see `graph.sources.folders`)."""
    for file in iter_files(paths, follow_symlinks=follow_symlinks):
        if isinstance(file, SourceError):
            yield file
            continue
        for item in read_file(file):
            yield item if isinstance(item, SourceError) else text_item(item)


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    batch_size: int = 16,
    on_progress: Callable[[RunReport, WorkItem | SourceError], None] | None = None,
    processes: int = 1,
    follow_symlinks: bool = False,
    ner: str = "fast",
) -> RunReport:
    """Read, extract, resolve and write every report under `paths`, extracting on `processes`
    cores with the NER model `ner`. Documents the store holds complete (same content hash) are
    skipped; bad inputs are reported and the rest goes on."""
    return ingest_items(
        path_items(paths, follow_symlinks=follow_symlinks),
        store,
        batch_size=batch_size,
        on_progress=on_progress,
        processes=processes,
        ner=ner,
    )


def ingest_items(
    items: Iterable[WorkItem | SourceError],
    store: GraphStore,
    *,
    batch_size: int = 16,
    on_progress: Callable[[RunReport, WorkItem | SourceError], None] | None = None,
    processes: int = 1,
    ner: str = "fast",
) -> RunReport:
    """`ingest` on work already read by `path_items`, for a caller that counts it first (to show
    progress)."""
    runner = Runner(store, batch_size=batch_size, on_progress=on_progress, processes=processes, ner=ner)
    return runner.run(items, RunReport(run_id=INGEST_JOB, job=INGEST_JOB))

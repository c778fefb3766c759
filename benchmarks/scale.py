"""Scale: ingest generated two-language reports (benchmarks/etl.py's invented reports, Arabic
and English in turn) into a fresh embedded store through the real ingest path, and say how the
write path holds as the graph grows. Measurement only.

    PYTHONPATH=. .venv/bin/python benchmarks/scale.py [--documents 1000 10000] [--processes 1]
                                                      [--batch 16] [--seed 7]

Per corpus size: the whole ingest per document, the write time per batch in the first and the
last tenth of the run (and their ratio: flat is 1.0), the share of the run spent writing, the
embedded server's memory per document (its growth over the empty store's), and, as the
baseline in the same run, the same batches written again into a fresh store with a plain
`UNWIND ... CREATE` (no MERGE, no provenance), the fastest any write path could be: its total
and its own growth from the first to the last tenth (what the store itself adds as it fills).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.etl import invented_reports
from benchmarks.load import create_load
from rich.console import Console
from rich.table import Table

from graph.ingest import ingest
from graph.model import GraphBatch
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedServer, EmbeddedStore
from graph.store.server import wait_gone


class TimedWrites:
    """The store the ingest writes to, timing each `write_batch` and keeping the batches (to
    write them again for the baseline); everything else goes to the store as it is."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.seconds: list[float] = []
        self.batches: list[GraphBatch] = []

    def write_batch(self, batch: GraphBatch, then: list | None = None) -> Any:
        started = time.perf_counter()
        stats = self.store.write_batch(batch, then=then)
        self.seconds.append(time.perf_counter() - started)
        self.batches.append(batch)
        return stats

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def write_reports(folder: Path, count: int, seed: int) -> None:
    """`count` reports, Arabic and English in turn, one file each."""
    streams = {lang: invented_reports(lang, seed) for lang in ("ar", "en")}
    for i in range(count):
        lang = "ar" if i % 2 == 0 else "en"
        (folder / f"{i:06d}_{lang}.txt").write_text(next(streams[lang]), encoding="utf-8")


def stopped(folder: Path, wait_s: float = 300.0) -> None:
    """Wait for the folder's server to be gone before its temporary folder is deleted: a large
    store takes a while to shut down, and one whose folder goes first may stay up, orphaned."""
    pid = EmbeddedServer(folder).pid()
    if pid is not None:
        wait_gone(pid, wait_s)


def server_megabytes(store: EmbeddedStore) -> float:
    """The resident memory of the embedded server process (Linux's VmRSS), in MB."""
    pid = store.server.pid()
    status = Path(f"/proc/{pid}/status")
    if not pid or not status.is_file():
        return float("nan")
    line = next(x for x in status.read_text().splitlines() if x.startswith("VmRSS:"))
    return int(line.split()[1]) * 1024 / 1e6


def tenth_means(seconds: list[float]) -> tuple[float, float]:
    """Mean write time per batch in the first and the last tenth of the run."""
    tenth = max(1, len(seconds) // 10)
    return statistics.fmean(seconds[:tenth]), statistics.fmean(seconds[-tenth:])


def plain_create(batches: list[GraphBatch], folder: Path) -> list[float]:
    """Seconds per batch to write the same batches into a fresh store with plain CREATE
    statements: each node once (where it first comes), every relationship, no provenance merged."""
    seen: set[tuple[str, str]] = set()
    seconds = []
    with EmbeddedStore(folder, write=True) as store:
        store.apply_schema()
        for batch in batches:
            started = time.perf_counter()
            new = [n for n in batch.nodes if (n.label, n.id) not in seen]
            seen.update((n.label, n.id) for n in new)
            create_load(store, GraphBatch(nodes=new, edges=batch.edges))
            seconds.append(time.perf_counter() - started)
    stopped(folder)
    return seconds


def measure(count: int, processes: int, batch: int, seed: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        reports = Path(tmp) / "reports"
        reports.mkdir()
        write_reports(reports, count, seed)
        with EmbeddedStore(Path(tmp) / "data", write=True) as store:
            store.apply_schema()
            empty = server_megabytes(store)
            timed = TimedWrites(store)
            started = time.perf_counter()
            report = ingest([reports], timed, batch_size=batch, processes=processes)  # type: ignore[arg-type]
            total = time.perf_counter() - started
            if report.counts["failed"]:
                raise SystemExit(f"{report.counts['failed']} reports failed: {report.errors[:3]}")
            nodes, relationships = store.totals()
            memory = server_megabytes(store)
        stopped(Path(tmp) / "data")
        first, last = tenth_means(timed.seconds)
        baseline = plain_create(timed.batches, Path(tmp) / "baseline")
        create_first, create_last = tenth_means(baseline)
    writes = sum(timed.seconds)
    return {
        "documents": count,
        "nodes": nodes,
        "relationships": relationships,
        "total_s": total,
        "ms_per_document": 1000 * total / count,
        "write_share": writes / total,
        "first_tenth_ms": 1000 * first,
        "last_tenth_ms": 1000 * last,
        "growth": last / first,
        "create_growth": create_last / create_first,
        "write_vs_create": writes / sum(baseline),
        "server_mb": memory,
        "mb_per_document": (memory - empty) / count,
    }


def main() -> None:
    os.environ["GRAPH_SERVER_IDLE"] = "0"  # each store's server stops as the store closes
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    table = Table(title=f"ingest at scale, {args.processes} process(es), batches of {args.batch}")
    columns = [
        ("documents", "{:,.0f}"),
        ("nodes", "{:,.0f}"),
        ("relationships", "{:,.0f}"),
        ("ms_per_document", "{:.1f}"),
        ("write_share", "{:.0%}"),
        ("first_tenth_ms", "{:.0f}"),
        ("last_tenth_ms", "{:.0f}"),
        ("growth", "{:.2f}x"),
        ("create_growth", "{:.2f}x"),
        ("write_vs_create", "{:.2f}x"),
        ("server_mb", "{:.0f}"),
        ("mb_per_document", "{:.3f}"),
    ]
    for name, _ in columns:
        table.add_column(name.replace("_", " "), justify="right")
    for count in args.documents:
        row = measure(count, args.processes, args.batch, args.seed)
        table.add_row(*(fmt.format(row[name]) for name, fmt in columns))
    console = Console(width=200)
    console.print(table)
    console.print(
        "growth: write time per batch, last tenth over first tenth; create growth: the same for a "
        "plain UNWIND ... CREATE of the same batches into a fresh store (the baseline); write vs "
        "create: the ingest's writes over that baseline's."
    )


if __name__ == "__main__":
    main()

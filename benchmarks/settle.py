"""What follows the writing of new reports (`graph.etl.settle`), step by step, on generated
reports in both scripts: linking people across scripts (`resolve_people`, the baseline), the
recount of events' support, the check of single-valued facts across scripts for the new
reports' linked people, and the check `graph resolve` runs after a judgement (every linked or
flagged node). Seconds, and each step's time as a share of the baseline's, in one run.
Measurement only.

    PYTHONPATH=. python benchmarks/settle.py [--reports 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.scale import stopped, write_reports
from rich.console import Console
from rich.table import Table

from graph.ingest import ingest
from graph.resolve.contradictions import recheck_all_linked, recheck_linked
from graph.resolve.corroboration import recount_support
from graph.resolve.crossdoc import resolve_people
from graph.store.embedded import EmbeddedStore


def timed(step: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = step()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "reports").mkdir()
        write_reports(folder / "reports", args.reports, args.seed)
        with EmbeddedStore(folder / "data", write=True) as store:
            store.apply_schema()
            took, report = timed(lambda: ingest([folder / "reports"], store))
            ids = [d.id for d in report.new]  # type: ignore[attr-defined]
            table = Table(title=f"settle on {len(ids)} reports ({took:.0f} s to ingest)")
            for column in ("step", "seconds", "× resolve_people", "what it did"):
                table.add_column(column)
            base, links = timed(lambda: resolve_people(store))
            table.add_row("resolve_people (baseline)", f"{base:.2f}", "1.00", f"{len(links)} links")  # type: ignore[arg-type]
            steps = {
                "recount_support": (lambda: recount_support(store, ids), "events recounted"),
                "recheck_linked (settle)": (lambda: recheck_linked(store, ids), "nodes checked"),
                "recheck_all_linked (graph resolve)": (lambda: recheck_all_linked(store), "nodes checked"),
            }
            for name, (step, unit) in steps.items():
                seconds, count = timed(step)
                table.add_row(name, f"{seconds:.2f}", f"{seconds / base:.3f}", f"{count} {unit}")
        stopped(folder / "data")
    Console().print(table)


if __name__ == "__main__":
    main()

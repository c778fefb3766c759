"""The workbench's pages, timed: each page as the browser gets it (Flask test client: reads,
dossier/map building, template) against its reads alone through the same store (`Reads`, the
baseline), median warm milliseconds over several runs, so that what the page adds to the
store's own time shows as a ratio. Measurement only.

    graph run etl/samples --data /tmp/samples     # or any store
    python benchmarks/web_pages.py --data /tmp/samples [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from graph.store import open_store
from graph.web.app import create_app
from graph.web.reads import Reads
from graph.web.settings import Settings


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--store", default=None)
    parser.add_argument("--person", default="person:himen_aziz", help="A person id for the dossier")
    parser.add_argument("--name", default="Himen", help="A name to search")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with open_store(args.store, args.data) as store:
        reads = Reads(store)
        client = create_app(
            reads, Settings(data=args.data, store=args.store, analyst="benchmark")
        ).test_client()
        cluster = [r["id"] for r in reads.cluster("Person", args.person).records]
        pages: list[tuple[str, str, Callable[[], object]]] = [
            ("search", f"/search?q={args.name}", lambda: reads.search(args.name)),
            (
                "dossier",
                f"/entity/Person/{args.person}",
                lambda: (
                    reads.cluster("Person", args.person),
                    reads.facts(cluster),
                    reads.co_participants(cluster),
                ),
            ),
            ("neighbours", f"/api/neighbours?id={args.person}", lambda: reads.neighbours([args.person])),
            ("whole network", "/api/network", reads.network),
            ("map", "/map", reads.places),
            ("community 0", "/community/0", lambda: reads.community(0)),
        ]
        table = Table(title=f"graph serve pages, median of {args.runs} warm runs ({args.data})")
        for column in ("page", "page ms", "reads alone ms", "page / reads"):
            table.add_column(column, justify="left" if column == "page" else "right")
        for name, url, baseline in pages:
            page = median_ms(lambda url=url: client.get(url), args.runs)
            alone = median_ms(baseline, args.runs)
            table.add_row(name, f"{page:.1f}", f"{alone:.1f}", f"{page / alone:.2f}×" if alone else "—")
        Console().print(table)


if __name__ == "__main__":
    main()

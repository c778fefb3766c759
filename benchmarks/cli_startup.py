"""Start-up of the read-only commands: what importing them costs (`python -X importtime`)
and how long `graph query --help`, a real `graph query` and `graph status` take on the
sample graph, each the median of a few runs, printed as one table. Measurement only.

    python benchmarks/cli_startup.py [--data DIR] [--runs 5] [--src OTHER/src]

Without --data the samples (etl/samples) are ingested into a temporary folder first.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GRAPH = [sys.executable, "-c", "from graph.cli import main; main()"]
# What the read-only path imports, as `graph query` does.
READ_PATH = (
    "from graph.cli import app; from graph.cli.query import query; "
    "from graph.report.console import result_table; from graph.store import open_store; "
    "from graph.store.library import load_queries; from graph.store.embedded import EmbeddedStore; "
    "import falkordb, sys; "
    "print(','.join(sorted({m.split('.')[0] for m in sys.modules})))"
)
ENTITY = ["--name", "entity", "--param", "name=NCA"]
HEAVY = ("spacy", "thinc", "numpy", "networkx", "rapidfuzz", "igraph", "neo4j", "trafilatura")


SOURCE = [REPO / "src"]  # the package measured (--src: another checkout's, for a before/after)


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SOURCE[0])}


def wall(command: list[str], runs: int) -> float:
    """Median seconds of `command`, run `runs` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env(), cwd=REPO, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_costs(code: str) -> tuple[float, dict[str, float], set[str]]:
    """Total import seconds of `code`, the cumulative seconds of the top-level packages it
    imports, and the packages loaded."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=env(),
        capture_output=True,
        text=True,
        check=True,
    )
    tops: dict[str, float] = {}
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match[2]) == 1:  # a top-level import
            tops[match[3]] = tops.get(match[3], 0) + int(match[1]) / 1e6
    loaded = set(result.stdout.strip().split(",")) if result.stdout.strip() else set()
    return sum(tops.values()), tops, loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--src", type=Path, help="the src/ folder to measure (default: this checkout's)")
    args = parser.parse_args()
    if args.src:
        SOURCE[0] = args.src.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if data is None:
            data = Path(tmp) / "data"
            subprocess.run(
                [*GRAPH, "ingest", "etl/samples", "--data", str(data)],
                env=env(),
                cwd=REPO,
                check=True,
                capture_output=True,
            )
        total, tops, loaded = import_costs(READ_PATH)
        rows = [
            ("import of the read-only path (s)", f"{total:.3f}"),
            *[
                (f"  of which {name}", f"{seconds:.3f}")
                for name, seconds in sorted(tops.items(), key=lambda kv: -kv[1])[:6]
            ],
            ("heavy packages imported", ", ".join(h for h in HEAVY if h in loaded) or "none"),
            ("graph query --help (s)", f"{wall([*GRAPH, 'query', '--help'], args.runs):.3f}"),
            (
                "graph query --name entity (s)",
                f"{wall([*GRAPH, 'query', *ENTITY, '--data', str(data)], args.runs):.3f}",
            ),
            ("graph status (s)", f"{wall([*GRAPH, 'status', '--data', str(data)], args.runs):.3f}"),
        ]
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()

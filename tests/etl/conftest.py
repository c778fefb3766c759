"""Job files written by the tests, and graph dumps that compare two runs value by value."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "data" / "bad"
ACCOUNTS_MAPPING = yaml.safe_load((REPO / "etl" / "jobs" / "samples.yaml").read_text())["sources"][3][
    "mapping"
]
# Properties that say when or in which run something was written, not what the graph knows.
VOLATILE = {"ingested_at", "run_id", "analysed_at", "disrupted_at"}


def write_job(folder: Path, name: str, sources: list[dict], batch_size: int = 2, **extra) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(
        yaml.safe_dump(
            {"name": name, "batch_size": batch_size, "sources": sources, **extra}, allow_unicode=True
        ),
        encoding="utf-8",
    )
    return path


def dump(store) -> tuple[list, list]:
    """Every node and relationship with its properties, minus volatile ones and Run records."""
    nodes = store.read("MATCH (n) WHERE NOT n:Run RETURN labels(n)[0], n ORDER BY n.id").rows
    rels = store.read(
        "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, r ORDER BY a.id, type(r), b.id, r.key"
    ).rows
    clean = lambda props: {k: v for k, v in props.items() if k not in VOLATILE and k != "_labels"}  # noqa: E731
    return (
        [[label, clean(props)] for label, props in nodes],
        [[a, t, b, clean(props)] for a, t, b, props in rels],
    )


def extraction_workers(pid: int) -> list[int]:
    """The worker processes (multiprocessing `spawn`) whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == pid and b"spawn_main" in command:
            found.append(int(stat.parent.name))
    return found


def gone(pids: list[int], within_s: float = 10.0) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def bad_job(tmp_path: Path) -> Path:
    """A job over the hostile corpus: a folder, a JSONL dump, a feed and two CSV files."""
    corpus = tmp_path / "bad"
    corpus.mkdir()
    for item in BAD.iterdir():
        (corpus / item.name).write_bytes(item.read_bytes())
    (corpus / "huge_single_line.txt").write_bytes(b"x" * (50 * 1024 * 1024))
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "self.txt").symlink_to(corpus / "self.txt")
    return write_job(
        tmp_path,
        "hostile",
        [
            {"kind": "folder", "path": "bad", "glob": "*"},
            {"kind": "feed", "path": "bad/broken_feed.xml"},
            {"kind": "structured", "path": "bad/wrong_columns.csv", "mapping": ACCOUNTS_MAPPING},
            {"kind": "structured", "path": "bad/cypher_names.csv", "mapping": ACCOUNTS_MAPPING},
        ],
    )

"""The ETL's own state beside the store (SQLite in the data folder): the run log that
`graph etl status` shows and the quarantine of refused inputs. What is done lives in the store
itself (a Document is `complete` once its batch is committed), so state and graph cannot drift."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, job TEXT NOT NULL, started TEXT NOT NULL, finished TEXT,
    status TEXT NOT NULL, counts TEXT NOT NULL DEFAULT '{}', message TEXT
);
CREATE TABLE IF NOT EXISTS quarantine (
    path TEXT NOT NULL, line INTEGER NOT NULL DEFAULT 0, job TEXT NOT NULL, reason TEXT NOT NULL,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 1,
    resolved TEXT, PRIMARY KEY (path, line, job)
);
"""


class Refusal(Protocol):
    """What a refused input says of itself (a `SourceError`)."""

    path: str
    line: int | None
    reason: str


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class QuarantineItem:
    path: str
    line: int | None
    job: str
    reason: str
    first_seen: str
    last_seen: str
    attempts: int
    resolved: str | None


class EtlState:
    """Run log and quarantine of one data folder."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(folder / "etl_state.sqlite", timeout=30)
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def start_run(self, run_id: str, job: str) -> None:
        with self.db:
            self.db.execute(
                "INSERT INTO runs (id, job, started, status) VALUES (?, ?, ?, 'running')",
                (run_id, job, now()),
            )

    def finish_run(self, run_id: str, status: str, counts: dict[str, Any], message: str = "") -> None:
        with self.db:
            self.db.execute(
                "UPDATE runs SET finished = ?, status = ?, counts = ?, message = ? WHERE id = ?",
                (now(), status, json.dumps(counts), message, run_id),
            )

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        cursor = self.db.execute(
            "SELECT id, job, started, finished, status, counts, message FROM runs "
            "ORDER BY started DESC, rowid DESC LIMIT ?",
            (limit,),
        )
        return [
            {
                "id": r[0],
                "job": r[1],
                "started": r[2],
                "finished": r[3],
                "status": r[4],
                "counts": json.loads(r[5]),
                "message": r[6],
            }
            for r in cursor
        ]

    def quarantine(self, path: str, line: int | None, job: str, reason: str) -> None:
        stamp = now()
        with self.db:
            self.db.execute(
                "INSERT INTO quarantine (path, line, job, reason, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (path, line, job) DO UPDATE SET reason = excluded.reason, "
                "last_seen = excluded.last_seen, attempts = attempts + 1, resolved = NULL",
                (path, line or 0, job, reason, stamp, stamp),
            )

    def file_refusals(self, job: str, refusals: Iterable[Refusal], read_again: Iterable[str] = ()) -> None:
        """Quarantine what a run of `job` refused, and mark resolved what it `read_again` whole
        (a path refused again stays quarantined)."""
        refused = set()
        for refusal in refusals:
            self.quarantine(refusal.path, refusal.line, job, refusal.reason)
            refused.add(refusal.path)
        for path in set(read_again) - refused:
            self.resolve(path, job)

    def resolve(self, path: str, job: str) -> None:
        """Everything quarantined from `path` that a retry read without error."""
        with self.db:
            self.db.execute(
                "UPDATE quarantine SET resolved = ? WHERE path = ? AND job = ? AND resolved IS NULL",
                (now(), path, job),
            )

    def quarantined(self, job: str | None = None, include_resolved: bool = False) -> list[QuarantineItem]:
        query = "SELECT path, line, job, reason, first_seen, last_seen, attempts, resolved FROM quarantine"
        clauses, params = [], []
        if job:
            clauses.append("job = ?")
            params.append(job)
        if not include_resolved:
            clauses.append("resolved IS NULL")
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        rows = self.db.execute(query + " ORDER BY path, line", params)
        return [QuarantineItem(r[0], r[1] or None, r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows]

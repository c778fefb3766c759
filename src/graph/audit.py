"""The audit trail of questions: every `graph query`, `analyse`, `disrupt`, `report` and
`export` appends one JSON line saying who asked (the OS user, or `--analyst`), when (UTC), the
command, the Cypher and its parameters (the named query's name too), the options, the store
(its data folder or its URI without credentials) and what came back (rows, nodes, files), or
the error. Investigative work is disclosed in court: the trail says what was asked and what the
tool answered.

The log is append-only, one file per UTC day (`<data>/audit/YYYY-MM-DD.jsonl`, or the folder
`GRAPH_AUDIT_DIR`): each line is written whole by one `write` on a file opened in append mode,
then fsynced, so concurrent commands never interleave and a crash loses no line already
reported. It never holds credentials: stores are named by `describe_store`, whose URIs carry no
user or password, and the Neo4j password of the environment is masked wherever it appears."""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.paths import data_dir
from graph.store.errors import StoreError
from graph.store.factory import describe_store

if TYPE_CHECKING:
    from graph.store.base import GraphStore

AUDIT_DIR_ENV = "GRAPH_AUDIT_DIR"
MASK = "***"
# A list parameter of a statement the tool runs itself (ids to fetch) is kept as its length
# past this many items: the question is the statement, not the thousand ids it paged through.
LIST_ITEMS_KEPT = 20


class AuditError(StoreError):
    """The audit log cannot be written: the question was answered but not recorded."""


@dataclass
class Entry:
    """One question as the log keeps it. The command fills in what came back (`rows`, and in
    `detail` what it wrote); the statements a store read for it are gathered by `watch`."""

    command: str
    analyst: str
    store: str
    cypher: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    name: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    rows: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    reads: dict[str, dict[str, Any]] = field(default_factory=dict)

    def watch(self, store: GraphStore) -> GraphStore:
        """Record every statement `store` reads from now on (each text once, with the
        parameters of its first run and how often it ran), and return the store."""
        store.read_observers.append(self.note_read)
        return store

    def note_read(self, cypher: str, params: dict[str, Any]) -> None:
        """One statement read by the store for this question."""
        seen = self.reads.get(cypher)
        if seen:
            seen["times"] += 1
        else:
            self.reads[cypher] = {"cypher": cypher, "params": summarised(params), "times": 1}


@contextmanager
def audited(
    command: str,
    *,
    analyst: str | None,
    store: str | None,
    data: str | Path | None,
    cypher: str | None = None,
    params: dict[str, Any] | None = None,
    name: str | None = None,
    options: dict[str, Any] | None = None,
) -> Iterator[Entry]:
    """Run the body as one audited question and append its line when the body ends, with the
    error where it raised (the exception goes on). `store` and `data` are the command's own
    options; `analyst` its `--analyst` (None: the OS user)."""
    entry = Entry(
        command=command,
        analyst=analyst or os_user(),
        store=describe_store(store, data),
        cypher=cypher,
        params=dict(params or {}),
        name=name,
        options=dict(options or {}),
    )
    try:
        yield entry
    except BaseException as exc:
        append(entry, data, error=error_text(exc))
        raise
    append(entry, data)


def append(entry: Entry, data: str | Path | None, *, error: str | None = None) -> Path:
    """Write `entry` as one whole line of today's log (UTC), then fsync; the file's path."""
    now = datetime.now(UTC)
    record = {
        "time": now.isoformat(timespec="seconds"),
        "analyst": entry.analyst,
        "command": entry.command,
        "name": entry.name,
        "cypher": entry.cypher,
        "params": entry.params,
        "options": entry.options,
        "store": entry.store,
        "rows": entry.rows,
        "detail": entry.detail,
        "reads": list(entry.reads.values()),
        "error": error,
    }
    line = masked(json.dumps(record, ensure_ascii=False, default=str, sort_keys=False)) + "\n"
    folder = audit_dir(data)
    path = folder / f"{now.date().isoformat()}.jsonl"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            raw = line.encode("utf-8")
            while raw:
                raw = raw[os.write(handle, raw) :]
            os.fsync(handle)
        finally:
            os.close(handle)
    except OSError as exc:
        raise AuditError(f"cannot write the audit log {path}: {exc.strerror or exc}") from None
    return path


def read_log(
    data: str | Path | None, *, since: str | None = None, analyst: str | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """The entries of the log from `since` (an ISO date or time, UTC) by `analyst`, oldest
    first, and the lines that could not be read (file and line), for `graph audit`."""
    start = since_value(since)
    entries: list[dict[str, Any]] = []
    problems: list[str] = []
    folder = audit_dir(data)
    files = sorted(folder.glob("????-??-??.jsonl")) if folder.is_dir() else []
    for path in files:
        if start and path.stem < start[:10]:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                problems.append(f"{path}:{number}: not a JSON line")
                continue
            if not isinstance(record, dict):
                problems.append(f"{path}:{number}: not a JSON object")
            elif (not start or str(record.get("time", "")) >= start) and (
                not analyst or record.get("analyst") == analyst
            ):
                entries.append(record)
    return entries, problems


def since_value(since: str | None) -> str | None:
    """`--since` as the ISO text the log's times compare with, or None; ValueError when it is
    no date."""
    if not since:
        return None
    try:
        return date.fromisoformat(since).isoformat() if len(since) == 10 else datetime.fromisoformat(
            since
        ).astimezone(UTC).isoformat(timespec="seconds")
    except ValueError:
        raise ValueError(f"--since takes an ISO date or time (2024-06-01), got {since!r}") from None


def error_text(exc: BaseException) -> str:
    """What went wrong, in one line: the cause a command's exit was raised from, else the
    exception itself."""
    shown = exc.__cause__ or exc
    return f"{type(shown).__name__}: {shown}"


def audit_dir(data: str | Path | None) -> Path:
    """The log's folder: `GRAPH_AUDIT_DIR`, else `audit/` in the data folder."""
    override = os.environ.get(AUDIT_DIR_ENV)
    return Path(override).resolve() if override else data_dir(data) / "audit"


def os_user() -> str:
    """Who runs the command, as the operating system knows them."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return f"uid:{os.getuid()}"


def summarised(params: dict[str, Any]) -> dict[str, Any]:
    """A statement's parameters, a long list kept as its length."""
    return {
        key: {"list_of": len(value)} if isinstance(value, list) and len(value) > LIST_ITEMS_KEPT else value
        for key, value in params.items()
    }


def masked(text: str) -> str:
    """`text` with the Neo4j password of the environment masked, wherever a user's query,
    a parameter or an error message may have carried it."""
    password = os.environ.get("NEO4J_PASSWORD")
    if not password:
        return text
    for form in {password, json.dumps(password, ensure_ascii=False)[1:-1]}:
        text = text.replace(form, MASK)
    return text

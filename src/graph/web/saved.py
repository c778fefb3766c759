"""Saved queries: a YAML file beside the data (`saved_queries.yaml` in the data folder), one
entry per query an investigator kept to ask again: a named query with its parameters, or
read-only Cypher. Written whole to a temporary file and renamed, so a crash never leaves half
a file; the graph itself is never written."""

from __future__ import annotations

import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

FILE_NAME = "saved_queries.yaml"
MAX_TITLE = 120


@dataclass(frozen=True)
class SavedQuery:
    title: str
    name: str | None = None  # a named query of cypher/queries/
    cypher: str | None = None  # or read-only Cypher
    params: dict[str, Any] = field(default_factory=dict)
    saved_by: str = ""
    saved_at: str = ""


def saved_file(data: Path) -> Path:
    return Path(data) / FILE_NAME


def load(data: Path) -> list[SavedQuery]:
    """The saved queries, oldest first ([] where none was saved); a file that is not a list of
    queries is an error naming it."""
    path = saved_file(data)
    if not path.exists():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a list of saved queries")
    known = set(SavedQuery.__dataclass_fields__)
    try:
        return [SavedQuery(**{k: v for k, v in e.items() if k in known}) for e in entries]
    except (TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: an entry is not a saved query ({exc})") from exc


def save(data: Path, query: SavedQuery) -> SavedQuery:
    """Add `query` (replacing one of the same title) and write the file; the query as kept.

    >>> folder = Path(tempfile.mkdtemp())
    >>> kept = save(folder, SavedQuery("arrests", name="events_by_kind", params={"kind": "arrest"}))
    >>> [q.title for q in load(folder)], load(folder)[0].params
    (['arrests'], {'kind': 'arrest'})
    """
    title = " ".join(query.title.split())
    if not title or len(title) > MAX_TITLE:
        raise ValueError(f"a saved query needs a title of 1 to {MAX_TITLE} characters")
    if bool(query.name) == bool(query.cypher):
        raise ValueError("a saved query is a named query or Cypher, not both")
    kept = SavedQuery(
        **{**asdict(query), "title": title, "saved_at": datetime.now(UTC).isoformat(timespec="seconds")}
    )
    entries = [q for q in load(data) if q.title != title] + [kept]
    path = saved_file(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(
        [{k: v for k, v in asdict(q).items() if v not in (None, {})} for q in entries],
        allow_unicode=True,
        sort_keys=False,
    )
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
    ) as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(handle.name, path)
    return kept

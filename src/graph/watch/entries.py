"""Watch list entries: what is watched, normalised as matching compares it, kept in the store as
Watch nodes (so the list travels with the graph, on either store)."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph.model import GraphBatch, NodeRecord
from graph.nlp.normalise import normalise
from graph.nlp.values import account_from_handle, account_from_phone
from graph.paths import etl_dir
from graph.store.base import GraphStore


class WatchError(ValueError):
    """A watch list entry that cannot be: an unknown kind, or a value with nothing to match."""


@dataclass(frozen=True)
class WatchKind:
    """One kind of entry (etl/rules/watch.yaml): the label its nodes have, how it is compared
    (`key` or `name`), and for accounts which kind of account."""

    name: str
    label: str
    match: str
    account_kind: str | None = None


@cache
def watch_kinds() -> dict[str, WatchKind]:
    with open(etl_dir() / "rules" / "watch.yaml", encoding="utf-8") as handle:
        kinds = yaml.safe_load(handle)["kinds"]
    return {name: WatchKind(name, **spec) for name, spec in kinds.items()}


def name_key(name: str) -> str:
    """A name as a watch list entry and a node's name are compared: letter variants folded,
    one space between words.

    >>> name_key("  Karwan   SALEH ")
    'karwan saleh'
    """
    return " ".join(normalise(name).split())


def watch_key(kind: str, value: str) -> str:
    """The value as matching compares it: a handle without its @, a phone number in E.164, a
    name with its letter variants folded.

    >>> watch_key("handle", "@Crossing_UK24"), watch_key("phone", "+٤٤ ٧٧٠٠ ٩٠٠١٢٣")
    ('crossing_uk24', '+447700900123')
    >>> watch_key("person", "أحمد  إبراهيم")
    'احمد ابراهيم'
    """
    if kind not in watch_kinds():
        raise WatchError(f"unknown watch kind {kind!r}; choose one of {', '.join(watch_kinds())}")
    if kind == "handle":
        key = account_from_handle(value.strip(), None).handle or ""
    elif kind == "phone":
        key = account_from_phone(value).handle or ""
    else:
        key = name_key(value)
    if not key.strip("+@ "):
        raise WatchError(f"nothing to watch in {value!r}")
    return key


@dataclass(frozen=True)
class WatchEntry:
    """One entry: its kind, the value as the investigator wrote it, and its matching key."""

    kind: str
    value: str
    key: str

    @property
    def id(self) -> str:
        return f"watch:{self.kind}:{self.key}"

    @classmethod
    def of(cls, kind: str, value: str) -> WatchEntry:
        return cls(kind, value.strip(), watch_key(kind, value))


def add_watch(store: GraphStore, entry: WatchEntry, *, analyst: str | None = None, reason: str = "") -> None:
    """Put `entry` on the store's watch list (adding it again changes nothing but the reason)."""
    props: dict[str, Any] = {"kind": entry.kind, "value": entry.value, "key": entry.key, "reason": reason}
    props["added_by"] = analyst or getpass.getuser()
    props["added_at"] = datetime.now(UTC).isoformat(timespec="seconds")  # set once (rows.CREATE_ONLY)
    store.write_batch(GraphBatch(nodes=[NodeRecord("Watch", entry.id, props)]))


def read_watch_file(path: str | Path) -> list[tuple[WatchEntry, str]]:
    """The entries of a watch list file, with their reasons: YAML, a list under `watch:` of
    `{kind, value, reason}`. An entry that cannot be is a WatchError naming the file and the
    entry; nothing of a bad file is taken.

    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "watch.yaml"
    >>> _ = file.write_text("watch:\n  - {kind: handle, value: '@Crossing_UK', reason: adverts}\n")
    >>> [(e.id, reason) for e, reason in read_watch_file(file)]
    [('watch:handle:crossing_uk', 'adverts')]
    """
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise WatchError(f"{path}: cannot read a watch list: {exc}") from None
    items = data.get("watch") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise WatchError(f"{path}: a watch list is a list under `watch:` of {{kind, value, reason}}")
    out = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("value"), str):
            raise WatchError(f"{path}: entry {number}: give a kind and a value")
        try:
            out.append((WatchEntry.of(str(item.get("kind")), item["value"]), str(item.get("reason") or "")))
        except WatchError as exc:
            raise WatchError(f"{path}: entry {number}: {exc}") from None
    return out


def import_watch_file(store: GraphStore, path: str | Path, *, analyst: str | None = None) -> list[WatchEntry]:
    """Put every entry of a watch list file on the store's watch list; returns them."""
    entries = read_watch_file(path)
    for entry, reason in entries:
        add_watch(store, entry, analyst=analyst, reason=reason)
    return [entry for entry, _ in entries]


WATCHES = (
    "MATCH (w:Watch) WHERE w.id > $after "
    "RETURN w.id AS id, w.kind AS kind, w.value AS value, w.key AS key, w.reason AS reason, "
    "w.added_by AS added_by, w.added_at AS added_at ORDER BY id LIMIT $page"
)


def read_watches(store: GraphStore) -> list[dict[str, Any]]:
    """Every entry of the watch list, by id, read in pages."""
    return store.read_paged(WATCHES)


def remove_watch(store: GraphStore, watch_id: str) -> bool:
    """Take an entry off the list; False when there was none with that id. Its alerts stay."""
    if not any(row["id"] == watch_id for row in read_watches(store)):
        return False
    store.remove_watch(watch_id)
    return True

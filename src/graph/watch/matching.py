"""Whether a node read from a report is a watched entity: the same key for handles and phone
numbers; for names, the comparison resolution makes between two people (letter variants
folded, an Arabic name through its likely Latin spellings, rapidfuzz at the threshold of the
script pair, etl/rules/resolution.yaml)."""

from __future__ import annotations

from typing import Any

from graph.resolve.crossdoc import METHOD, name_score, settings
from graph.watch.entries import WatchEntry, WatchKind, name_key


def match(entry: WatchEntry, kind: WatchKind, node: dict[str, Any]) -> tuple[float, str] | None:
    """(score, method) when `node` (its label, kind, handle, name and aliases) is the watched
    entity, else None. A name shorter than resolution's `min_length` must match exactly.

    >>> from graph.watch.entries import watch_kinds
    >>> person = watch_kinds()["person"]
    >>> match(WatchEntry.of("person", "Karwan Saleh"), person, {"label": "Person", "name": "كاروان صالح"})
    (1.0, 'romanize+rapidfuzz')
    >>> match(WatchEntry.of("person", "Karwan Saleh"), person, {"label": "Person", "name": "Himen Aziz"})
    """
    if node.get("label") != kind.label:
        return None
    if kind.match == "key":
        same = node.get("handle") == entry.key and node.get("kind") == kind.account_kind
        return (1.0, "key") if same else None
    names = [n for n in (node.get("name"), *(node.get("aliases") or [])) if isinstance(n, str) and n]
    if any(name_key(name) == entry.key for name in names):
        return 1.0, "key"
    if len(entry.key) < settings()["min_length"]:
        return None
    best = 0.0
    for name in names:
        score, scripts = name_score(entry.value, name)
        if score >= settings()[f"{scripts}_script_threshold"]:
            best = max(best, score)
    return (round(best, 3), METHOD) if best else None

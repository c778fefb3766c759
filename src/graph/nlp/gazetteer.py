"""The place gazetteer (`etl/lexicons/places_gazetteer.jsonl`, built by
`tools/build_gazetteer.py` from GeoNames and CLDR): tens of thousands of towns, countries and
regions in English and Arabic, read once into lexicon entries and a table of their names.

Unlike the hand lexicons, its names are not entity-ruler patterns: many are also common words
("Reading", "Police", "السلام") or first names, so `graph_places` matches them with the words
around them (`etl/rules/places.yaml`), and a name flagged `cue` is a place only after a cue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from graph.nlp.normalise import normalise

LABELS = {"country": "GPE"}  # the pipeline label of a kind of place; LOC otherwise


class GazetteerName(NamedTuple):
    """One name of a gazetteer place: the entry it names, the pipeline label (GPE for a
    country, LOC otherwise) and whether it needs a place cue (a common word or a first name).
    A tuple of plain values, which the garbage collector stops tracking: there are tens of
    thousands."""

    entry_id: str
    label: str
    cue: bool


@dataclass(frozen=True)
class GazetteerRow:
    """One place as the file states it (`name` defaults to the first English name, `kind` to
    city)."""

    id: str
    name: str
    kind: str
    country: str | None
    names: tuple[str, ...]
    cue: frozenset[str]


def read_rows(path: Path) -> list[GazetteerRow]:
    """The places of a gazetteer file; a line whose object has `_` is a comment (the header).

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
    ...     _ = f.write('{"_": "header"}\\n{"id": "loc:gent", "country": "BE", "en": ["Gent"], '
    ...                 '"ar": ["غنت"], "cue": ["غنت"]}\\n')
    >>> rows = read_rows(Path(f.name)); os.unlink(f.name)
    >>> rows[0].name, rows[0].kind, rows[0].names, sorted(rows[0].cue)
    ('Gent', 'city', ('Gent', 'غنت'), ['غنت'])
    """
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            if "_" in raw:
                continue
            names = (*raw.get("en", ()), *raw.get("ar", ()))
            rows.append(
                GazetteerRow(
                    id=raw["id"],
                    name=raw.get("name") or names[0],
                    kind=raw.get("kind", "city"),
                    country=raw.get("country"),
                    names=tuple(names),
                    cue=frozenset(raw.get("cue", ())),
                )
            )
    return rows


def gazetteer_names(rows: list[GazetteerRow], taken: set[str]) -> dict[str, GazetteerName]:
    """Normalised name -> what it names, for every name no hand lexicon holds (`taken`,
    normalised): the hand lexicons' entries win, and the first place to claim a name keeps
    it."""
    names: dict[str, GazetteerName] = {}
    for row in rows:
        for name in row.names:
            key = normalise(name)
            if key and key not in taken and key not in names:
                names[key] = GazetteerName(row.id, LABELS.get(row.kind, "LOC"), name in row.cue)
    return names

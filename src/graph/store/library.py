"""The investigator query library in `cypher/queries/`: named, commented, parameterised Cypher.
Header comments declare the name, the parameters (with defaults), which ones are names to
normalise like the graph's `search` property, which names are looked up in the full-text
index (`fulltext: name` gives the query `$name_term`, the word of the name to look up), which
take one of the ontology's values (`allowed: kind=Event.kind`) and which are dates
(`dates: from, to`): a value outside them is refused, naming what is allowed, instead of
answering an empty table."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.nlp.normalise import fold, nearest, normalise, words
from graph.ontology import load_ontology
from graph.paths import cypher_dir


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    cypher: str
    params: dict[str, Any]  # name -> default (REQUIRED if none)
    normalised: tuple[str, ...]
    path: Path
    example: dict[str, Any]  # parameters of a worked example (documentation and tests)
    fulltext: tuple[str, ...] = ()  # names looked up in the full-text index: each gives $NAME_term
    empty: str = ""  # what an empty answer means, said instead of nothing (may name parameters)
    allowed: dict[str, str] = field(default_factory=dict)  # parameter -> Label.property (an enum)
    dates: tuple[str, ...] = ()  # parameters that are dates: YYYY, YYYY-MM or YYYY-MM-DD

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Fill defaults, check required parameters, normalise name parameters."""
        unknown = set(given) - set(self.params)
        if unknown:
            raise ValueError(
                f"query '{self.name}' has no parameter(s) {sorted(unknown)}; it takes {sorted(self.params)}"
            )
        bound = {}
        for key, default in self.params.items():
            if key in given:
                bound[key] = given[key]
            elif default is REQUIRED:
                raise ValueError(f"query '{self.name}' needs --param {key}=...")
            else:
                bound[key] = default
        for key, source in self.allowed.items():
            check_allowed(self.name, key, bound[key], source)
        for key in self.dates:
            date = fold(str(bound[key])) if isinstance(bound[key], str | int) else ""  # ٢٠٢٤ is 2024
            if not PARTIAL_DATE.fullmatch(date):
                shapes = "YYYY, YYYY-MM or YYYY-MM-DD"
                raise ValueError(f"query '{self.name}': {key}={bound[key]!r} is not a date; give {shapes}")
            bound[key] = date
        for key in self.normalised:
            if isinstance(bound.get(key), str):
                bound[key] = normalise(bound[key])
        for key in self.fulltext:
            bound[f"{key}_term"] = lookup_term(str(bound[key]))
        return bound

    def empty_message(self, bound: dict[str, Any]) -> str:
        """What an empty answer means for these parameters ('' when the query says nothing)."""
        return self.empty.format_map({k: v for k, v in bound.items()}) if self.empty else ""


def lookup_term(name: str) -> str:
    """The word of a (normalised) name that the full-text index is asked for: the longest
    whole word of it, the last word left aside when there are others since it may be cut
    short. The index holds whole words, so the lookup finds nodes by their words; the
    query then keeps those whose normalised name or alias contains the whole name given.

    >>> lookup_term("national crime agency")
    'national'
    >>> lookup_term("@channel_taxi_uk")
    'channel_taxi_uk'
    """
    found = words(name)
    if not found:
        raise ValueError(f"nothing to look up in {name!r}: give a name with letters or digits")
    whole = found[:-1] or found
    return max(whole, key=len)


REQUIRED = object()
# A date as the queries compare them, at any precision ('0000' and '9999' are open ends).
PARTIAL_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


def allowed_values(source: str) -> list[str]:
    """The values the ontology allows for `Label.property` (its enum).

    >>> allowed_values("Event.kind")[:3]
    ['arrest', 'charge', 'court_hearing']
    """
    label, _, prop = source.partition(".")
    spec = load_ontology().properties(label).get(prop) or {}
    if "enum" not in spec:
        raise ValueError(f"{source} has no list of allowed values in the ontology")
    return list(spec["enum"])


def check_allowed(query: str, key: str, value: Any, source: str) -> None:
    """Refuse a value the ontology does not allow, naming the allowed ones and the nearest."""
    allowed = allowed_values(source)
    if value in allowed:
        return
    near = nearest(str(value), allowed, limit=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    raise ValueError(f"query '{query}': {key}={value!r} is not one of {', '.join(allowed)}{hint}")


def parse_value(text: str) -> Any:
    """A parameter value from the command line: JSON when it parses (numbers, null, lists), else text."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def parse_query_file(path: Path) -> NamedQuery:
    header: dict[str, str] = {}
    description: list[str] = []
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        comment = re.match(r"^\s*//\s?(.*)$", line)
        if comment and not body:
            field = re.match(
                r"^(name|params|normalise|fulltext|empty|example|allowed|dates):\s*(.*)$", comment.group(1)
            )
            if field:
                header[field.group(1)] = field.group(2).strip()
            else:
                description.append(comment.group(1))
        else:
            body.append(line)
    params = _assignments(header.get("params", ""), default=REQUIRED)
    normalised = tuple(p.strip() for p in header.get("normalise", "").split(",") if p.strip())
    return NamedQuery(
        header.get("name", path.stem),
        " ".join(description).strip(),
        "\n".join(body).strip(),
        params,
        normalised,
        path,
        _assignments(header.get("example", ""), default=None),
        tuple(p.strip() for p in header.get("fulltext", "").split(",") if p.strip()),
        header.get("empty", ""),
        {k: str(v) for k, v in _assignments(header.get("allowed", ""), default="").items()},
        tuple(p.strip() for p in header.get("dates", "").split(",") if p.strip()),
    )


def _assignments(text: str, default: Any) -> dict[str, Any]:
    """'a, b=2, c=null' -> {'a': default, 'b': 2, 'c': None}."""
    out: dict[str, Any] = {}
    for item in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = item.partition("=")
        out[key.strip()] = parse_value(value.strip()) if sep else default
    return out


def load_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    folder = folder or cypher_dir() / "queries"
    queries = [parse_query_file(p) for p in sorted(folder.glob("*.cypher"))]
    return {q.name: q for q in queries}

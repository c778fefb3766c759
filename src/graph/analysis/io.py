"""Reads a network from a file (edge list CSV/TSV or GraphML) into the weighted, undirected
nx.Graph that the analysis functions expect, so analysts can work on networks from outside the store."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

GRAPHML_SUFFIXES = {".graphml", ".xml"}
HEADER_NAMES = {
    "source",
    "target",
    "from",
    "to",
    "src",
    "dst",
    "u",
    "v",
    "node1",
    "node2",
    "id1",
    "id2",
    "actor1",
    "actor2",
    "weight",
}
DELIMITERS = "\t,;|"


def read_network(path: str | Path, *, header: bool | None = None) -> nx.Graph:
    """The network in `path`: GraphML by suffix (.graphml, .xml), otherwise a delimited edge list.
    Raises ValueError naming the file (and line) when the content cannot be read as a network."""
    path = Path(path)
    if path.suffix.lower() in GRAPHML_SUFFIXES:
        return read_graphml(path)
    return parse_edge_list(path.read_text(encoding="utf-8-sig"), source=str(path), header=header)


def read_graphml(path: str | Path) -> nx.Graph:
    """A GraphML file as a simple undirected graph with string node ids and float `weight`
    (1.0 where absent; parallel edges summed), matching what the edge-list reader yields."""
    try:
        raw = nx.read_graphml(path)
    except Exception as error:  # ElementTree and NetworkX raise several unrelated types
        raise ValueError(f"{path}: not a readable GraphML file ({error})") from error
    graph = nx.Graph(**raw.graph)
    for node, data in raw.nodes(data=True):
        graph.add_node(str(node), **data)
    for u, v, data in raw.edges(data=True):
        if u == v:
            continue
        weight = _weight(data.get("weight", 1.0), f"{path}: edge {u!r}-{v!r}")
        existing = graph.get_edge_data(str(u), str(v))
        if existing is not None:
            weight += existing["weight"]
        graph.add_edge(str(u), str(v), **{**data, "weight": weight})
    return graph


def parse_edge_list(text: str, *, source: str = "<text>", header: bool | None = None) -> nx.Graph:
    """Edges from delimited text: two columns of node ids and an optional third of positive weights
    (1.0 where absent). The delimiter is sniffed; a header row is detected unless `header` says.
    Repeated pairs add their weights, self-loops are skipped; blank and `#` lines are ignored."""
    rows = [(number, line) for number, line in enumerate(text.splitlines(), 1) if _is_data(line)]
    delimiter = sniff_delimiter(line for _, line in rows[:50])
    parsed = [(number, _split(line, delimiter)) for number, line in rows]
    if parsed and (header if header is not None else looks_like_header(parsed)):
        parsed = parsed[1:]
    graph = nx.Graph()
    for number, fields in parsed:
        where = f"{source}, line {number}"
        if len(fields) < 2 or not fields[0] or not fields[1]:
            raise ValueError(f"{where}: expected 'source{_show(delimiter)}target[{_show(delimiter)}weight]'")
        u, v = fields[0], fields[1]
        weight = _weight(fields[2], where) if len(fields) > 2 and fields[2] else 1.0
        graph.add_nodes_from((u, v))
        if u == v:
            continue
        existing = graph.get_edge_data(u, v)
        graph.add_edge(u, v, weight=weight + (existing["weight"] if existing else 0.0))
    return graph


def sniff_delimiter(lines: Iterable[str]) -> str | None:
    """Tab, comma, semicolon or pipe, whichever splits most sample lines into two or more fields
    (ties go in that order), or None for whitespace; a count rule, as csv.Sniffer guesses letters
    on short rows, and one that a single malformed row does not derail."""
    sample = list(lines)
    best, best_count = None, len(sample) // 2
    for candidate in DELIMITERS:
        count = sum(len(_split(line, candidate)) >= 2 for line in sample)
        if count > best_count:
            best, best_count = candidate, count
    return best


def looks_like_header(parsed: list[tuple[int, list[str]]]) -> bool:
    """Whether the first row names columns: known column names, a non-numeric weight field, or
    non-numeric ids above rows whose ids are all numbers."""
    first = [field.strip().lower() for field in parsed[0][1]]
    if len(first) >= 2 and all(field in HEADER_NAMES for field in first[:2]):
        return True
    if len(first) > 2 and first[2] and not is_number(first[2]):
        return True
    later = [fields for _, fields in parsed[1:6]]
    return (
        bool(later)
        and not any(is_number(field) for field in first[:2])
        and all(is_number(field) for fields in later for field in fields[:2])
    )


def _is_data(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _split(line: str, delimiter: str | None) -> list[str]:
    if delimiter is None:
        return line.split()
    try:
        fields = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
    except csv.Error:  # e.g. an oversized field: reported as a malformed row by the caller
        return [line]
    return [field.strip() for field in fields]


def _show(delimiter: str | None) -> str:
    return {None: " ", "\t": "<TAB>"}.get(delimiter, delimiter or " ")


def is_number(text: str) -> bool:
    """Whether `text` reads as a number (a weight column, a numeric cell)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _weight(value: object, where: str) -> float:
    try:
        weight = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{where}: weight {value!r} is not a number") from None
    if not math.isfinite(weight) or weight <= 0:
        raise ValueError(f"{where}: weight {value!r} must be a positive number (it is a tie strength)")
    return weight

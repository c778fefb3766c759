"""Reads a network from a file into the weighted, undirected nx.Graph that the analysis functions
expect, so analysts can work on networks from outside the store: edge lists (CSV, TSV, other
delimiters or white space; with or without a header; an optional weight column), GraphML, GEXF,
Pajek ``.net`` and UCINET DL (ucinet.py), the formats in which published criminal networks are
shared.

Whatever the format, node ids become text, a weight is a positive tie strength (1.0 where
absent), self-loops are dropped, and a pair of actors tied more than once (a repeated row, a
call each way, parallel edges, an asymmetric matrix) becomes one tie whose weight combines
them by `duplicates`: ``sum`` (the default: the calls of both directions add up), ``max``, or
``last`` (the last one read, which is what NetworkX's ``add_edge`` keeps, and so the weights
that code written that way analysed, Cavallaro et al.'s among them). A symmetric matrix gives
each tie once."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analysis.ucinet import parse_dl

GRAPHML_SUFFIXES = {".graphml", ".xml"}
GEXF_SUFFIXES = {".gexf"}
PAJEK_SUFFIXES = {".net", ".paj", ".pajek"}
DL_SUFFIXES = {".dl"}
DUPLICATES = ("sum", "max", "last")
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


def read_network(path: str | Path, *, header: bool | None = None, duplicates: str = "sum") -> nx.Graph:
    """The network in `path`, its format by suffix: GraphML (.graphml, .xml), GEXF (.gexf),
    Pajek (.net, .paj, .pajek), UCINET DL (.dl), otherwise a delimited edge list (`header`:
    whether its first row names the columns; detected when None). Ties read more than once are
    combined by `duplicates` (see the module). Raises ValueError naming the file (and line) when
    the content cannot be read as a network."""
    path = Path(path)
    combine = _combiner(duplicates)
    suffix = path.suffix.lower()
    if suffix in GRAPHML_SUFFIXES:
        return read_graphml(path, duplicates=duplicates)
    if suffix in GEXF_SUFFIXES | PAJEK_SUFFIXES:
        reader = nx.read_gexf if suffix in GEXF_SUFFIXES else nx.read_pajek
        kind = "GEXF" if suffix in GEXF_SUFFIXES else "Pajek"
        try:
            raw = reader(path)
        except Exception as error:  # the XML and Pajek parsers raise many unrelated types
            raise ValueError(f"{path}: not a readable {kind} file ({error})") from error
        return simple_graph(raw, str(path), combine, label_is_name=suffix in GEXF_SUFFIXES)
    text = path.read_text(encoding="utf-8-sig")
    if suffix in DL_SUFFIXES:
        dl = parse_dl(text, str(path))
        graph = nx.Graph()
        graph.add_nodes_from(dl.actors)
        ties = [
            (u, v, w)
            for u, v, w in dl.ties
            if not dl.symmetric_matrix or dl.actors.index(u) <= dl.actors.index(v)
        ]
        for u, v, w in ties:
            _add_tie(graph, u, v, _weight(w, f"{path}: tie {u!r}-{v!r}"), combine)
        return graph
    return parse_edge_list(text, source=str(path), header=header, duplicates=duplicates)


def read_graphml(path: str | Path, *, duplicates: str = "sum") -> nx.Graph:
    """A GraphML file as a simple undirected graph with string node ids and float `weight`
    (1.0 where absent; parallel edges combined by `duplicates`), matching what the edge-list
    reader yields."""
    try:
        raw = nx.read_graphml(path)
    except Exception as error:  # ElementTree and NetworkX raise several unrelated types
        raise ValueError(f"{path}: not a readable GraphML file ({error})") from error
    return simple_graph(raw, str(path), _combiner(duplicates))


def simple_graph(
    raw: nx.Graph, source: str, combine: Callable[[float, float], float], *, label_is_name: bool = False
) -> nx.Graph:
    """Any NetworkX graph (directed, multi) as a simple undirected one: string ids, attributes
    kept (a GEXF ``label`` becomes the ``name``), positive float weights, self-loops dropped,
    ties between the same pair combined by `combine`."""
    graph = nx.Graph(**{k: v for k, v in raw.graph.items() if isinstance(v, str | int | float)})
    for node, data in raw.nodes(data=True):
        attributes = dict(data)
        if label_is_name and "label" in attributes:
            attributes.setdefault("name", attributes.pop("label"))
        graph.add_node(str(node), **attributes)
    for u, v, data in raw.edges(data=True):
        if u == v:
            continue
        weight = _weight(data.get("weight", 1.0), f"{source}: edge {u!r}-{v!r}")
        _add_tie(graph, str(u), str(v), weight, combine, {k: x for k, x in data.items() if k != "weight"})
    return graph


def parse_edge_list(
    text: str, *, source: str = "<text>", header: bool | None = None, duplicates: str = "sum"
) -> nx.Graph:
    """Edges from delimited text: two columns of node ids and an optional third of positive weights
    (1.0 where absent). The delimiter is sniffed; a header row is detected unless `header` says.
    Repeated pairs are combined by `duplicates` (their weights add by default), self-loops are
    skipped; blank and `#` lines are ignored."""
    combine = _combiner(duplicates)
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
        if u != v:
            _add_tie(graph, u, v, weight, combine)
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


def _combiner(duplicates: str) -> Callable[[float, float], float]:
    """How the weight already held for a pair and a new one combine."""
    rules: dict[str, Callable[[float, float], float]] = {
        "sum": lambda held, new: held + new,
        "max": max,
        "last": lambda held, new: new,
    }
    if duplicates not in rules:
        raise ValueError(f"unknown duplicates rule {duplicates!r}; choose one of {', '.join(DUPLICATES)}")
    return rules[duplicates]


def _add_tie(
    graph: nx.Graph,
    u: str,
    v: str,
    weight: float,
    combine: Callable[[float, float], float],
    attributes: dict[str, Any] | None = None,
) -> None:
    existing = graph.get_edge_data(u, v)
    if existing is not None:
        weight = combine(existing["weight"], weight)
    graph.add_edge(u, v, **{**(attributes or {}), "weight": weight})


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

"""The store's wall against over-long ids and values, which every batch passes on its way to
the write statements: an index truncates a long key (FalkorDB) or refuses it (Neo4j), so a long
id could land on another node. Ids over `store.id_chars` (etl/limits.yaml) become a fixed-length
digest no other id may take (the id kept in `key`); rows with an id, key or indexed value over
`store.value_chars` are refused with their reason, and so are the relationships that end on them."""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache

from graph.limits import Limits
from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.store.dialect import NEO4J_FULLTEXT, NEO4J_INDEX

DIGEST = "#sha256:"  # no id the pipeline makes starts with '#'; one that does is refused
log = logging.getLogger("graph.store")


@dataclass
class Bounded:
    """A batch whose ids and indexed values the indexes can hold, and what was refused."""

    batch: GraphBatch
    refused: list[str] = field(default_factory=list)
    # the refusals by the document they were read from, with where in it: (reason, start offset)
    by_document: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def refuse(self, reason: str, prov: Provenance | None) -> None:
        self.refused.append(reason)
        if prov is not None:
            self.by_document.setdefault(prov.doc_id, []).append((reason, prov.start))


@cache
def indexed_properties(statements: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Label -> the properties an index of `schema.cypher` holds (range and full-text)."""
    out: dict[str, set[str]] = defaultdict(set)
    for statement in statements:
        if match := NEO4J_INDEX.fullmatch(statement.strip()):
            out[match.group(2)].add(match.group(4))
        elif match := NEO4J_FULLTEXT.fullmatch(statement.strip()):
            props = {p.strip().split(".")[-1] for p in match["props"].split(",")}
            for label in match["labels"].split("|"):
                out[label] |= props
    return {label: frozenset(props) for label, props in out.items()}


def stored_id(raw: str, limits: Limits) -> str:
    """The id as stored: itself, or `#sha256:<digest>` when longer than `store.id_chars`.

    >>> from graph.limits import load_limits
    >>> limits = load_limits()
    >>> stored_id("person:karwan_saleh", limits), len(stored_id("person:" + "x" * 500, limits))
    ('person:karwan_saleh', 72)
    """
    if len(raw) <= limits.id_chars:
        return raw
    return DIGEST + hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _too_long(what: str, value: object, limit: int) -> str | None:
    if isinstance(value, str):  # the common case, without building a list per value
        longest = len(value)
    elif isinstance(value, list | tuple):
        longest = max((len(v) for v in value if isinstance(v, str)), default=0)
    else:
        return None
    return f"{what} of {longest:,} characters (at most {limit:,})" if longest > limit else None


def _node_problem(node: NodeRecord, limits: Limits, indexed: frozenset[str]) -> str | None:
    if node.id.startswith(DIGEST):
        return f"an id starting with {DIGEST!r} is the store's own form for long ids"
    problems = [_too_long("id", node.id, limits.value_chars)]
    problems += [_too_long(p, node.props.get(p), limits.value_chars) for p in sorted(indexed)]
    if "aliases" in indexed:
        problems.append(_too_long("alias", node.aliases, limits.value_chars))
    return next((p for p in problems if p), None)


def _short(text: str) -> str:
    return text if len(text) <= 60 else f"{text[:40]}… ({len(text):,} characters)"


def bound_batch(batch: GraphBatch, limits: Limits, indexed: dict[str, frozenset[str]]) -> Bounded:
    """`batch` with long ids digested, less the rows refused (each logged with its reason)."""
    out = Bounded(GraphBatch())
    refused_nodes: set[tuple[str, str]] = set()
    for node in batch.nodes:
        problem = _node_problem(node, limits, indexed.get(node.label, frozenset()))
        if problem:
            out.refuse(f"{node.label} {_short(node.id)} refused: {problem}", node.prov)
            refused_nodes.add((node.label, node.id))
        elif len(node.id) > limits.id_chars:
            digested = stored_id(node.id, limits)
            out.batch.nodes.append(replace(node, id=digested, props={**node.props, "key": node.id}))
        else:
            out.batch.nodes.append(node)
    for edge in batch.edges:
        problem = _edge_problem(edge, limits, refused_nodes)
        if problem:
            out.refuse(
                f"{edge.type} {_short(edge.source_id)} -> {_short(edge.target_id)} refused: {problem}",
                edge.prov,
            )
            continue
        source, target = stored_id(edge.source_id, limits), stored_id(edge.target_id, limits)
        unchanged = source is edge.source_id and target is edge.target_id
        out.batch.edges.append(edge if unchanged else replace(edge, source_id=source, target_id=target))
    for reason in out.refused:
        log.warning("%s", reason)
    return out


def _edge_problem(edge: EdgeRecord, limits: Limits, refused_nodes: set[tuple[str, str]]) -> str | None:
    for label, ident in ((edge.source_label, edge.source_id), (edge.target_label, edge.target_id)):
        if (label, ident) in refused_nodes:
            return f"its {label} end was refused"
        if problem := _too_long(f"the {label} end's id", ident, limits.value_chars):
            return problem
    return _too_long("key", edge.key, limits.value_chars)

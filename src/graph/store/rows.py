"""Turns a GraphBatch into the parameter rows of the write statements, grouped so that each
statement names one label (or one type between two labels) taken from the ontology."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Any

from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.nlp.normalise import normalise, words

# Properties set only when the node is created, so re-running changes nothing: when a report
# was read, when an entry went on the watch list, when an alert was raised, when a person judged.
CREATE_ONLY = {"ingested_at", "added_at", "raised_at", "made_at"}
# An event's or a payment's own date, at any precision (2024, 2024-05, 2024-05-19).
ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _span(prov: Provenance) -> dict[str, Any]:
    """Where in its document a source is: the characters, the sentence, the rule. The sentence
    is named by its number in the Document node's `sentences` (each sentence kept once, not on
    every node and relationship it supports); only a sentence that is no document's (a link
    between two names) is written out."""
    where: dict[str, Any] = {"start": prov.start, "end": prov.end, "extractor": prov.extractor}
    if prov.sentence_no is None:
        where["sentence"] = prov.sentence
    else:
        where["sentence_no"] = prov.sentence_no
    return where


def origin_key(origin: str) -> str:
    """What a relationship keeps of each origin it counts: a short digest (the origin itself,
    a publisher's name or a document's id, is on the Document; the relationship only counts).

    >>> origin_key("source:example wire")
    'ebcb80e36710'
    """
    return hashlib.blake2b(origin.encode("utf-8"), digest_size=6).hexdigest()


def _prov_fields(prov: Provenance | None, dated: Any = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """(fields set on create, fields merged on every write) for one source. `first_seen` and
    `last_seen` span the report's date (`prov.seen`: when it was published, None if unknown)
    and the record's own date (`dated`: when the event happened or the money moved), never
    the time of the run."""
    if prov is None:
        return {}, {
            "sources": [],
            "doc_ids": [],
            "origins": [],
            "confidence": None,
            "first_seen": None,
            "last_seen": None,
        }
    first = {"doc_id": prov.doc_id, **_span(prov)}
    dates = [d for d in (prov.seen, dated) if isinstance(d, str) and ISO_DATE.fullmatch(d)]
    merged = {
        "sources": [f"{prov.doc_id}:{prov.start}-{prov.end}"],
        "doc_ids": [prov.doc_id],
        # independent sources: reports that repeat one text, or come from one publisher, count once
        "origins": [origin_key(prov.origin or f"document:{prov.doc_id}")],
        "confidence": prov.confidence,
        "first_seen": min(dates) if dates else None,
        "last_seen": max(dates) if dates else None,
    }
    return first, merged


# Provenance lists a node does not carry: a node named in many reports would grow them without
# bound, and every MERGE would scan and rewrite them. Each mention is a MENTIONS relationship
# from its document instead (with its own provenance), and a node implied by evidence (the
# country of a nationality, the platform of a link) is supported by the relationship that
# implies it; the node keeps its first source and bounded summaries (confidence, first and
# last seen).
EDGE_ONLY = ("sources", "doc_ids", "origins")


def node_row(node: NodeRecord) -> dict[str, Any]:
    first, merged = _prov_fields(node.prov, node.props.get("date"))
    merged = {k: v for k, v in merged.items() if k not in EDGE_ONLY}
    props = {k: v for k, v in node.props.items() if k not in CREATE_ONLY and v is not None}
    create = {**first, **{k: v for k, v in node.props.items() if k in CREATE_ONLY}}
    names = [n for n in (node.props.get("name"), *node.aliases) if isinstance(n, str)]
    return {
        "id": node.id,
        "props": props,
        "create_props": create,
        "aliases": sorted(set(node.aliases)),
        "search": sorted({normalise(n) for n in names}),
        # the words of the names, for the full-text index (`search_text` joins them)
        "search_words": sorted({w for n in names for w in words(normalise(n))}),
        **merged,
    }


# A MENTIONS relationship is one mention in the document it starts from: its provenance is
# that mention alone, so it keeps no lists, no document id and no dates (its document has them).
MENTIONS = "MENTIONS"


def edge_statement(rel_type: str) -> str:
    """The write statement (`cypher/write/`) that merges relationships of this type."""
    return "merge_mentions" if rel_type == MENTIONS else "merge_relationships"


def edge_row(edge: EdgeRecord) -> dict[str, Any]:
    row = {
        "source": edge.source_id,
        "target": edge.target_id,
        "key": edge.key,
        "props": {k: v for k, v in edge.props.items() if v is not None},
    }
    if edge.type == MENTIONS:
        create = {**_span(edge.prov), "confidence": edge.prov.confidence} if edge.prov else {}
        return {**row, "create_props": create}
    first, merged = _prov_fields(edge.prov)
    return {**row, "create_props": first, **merged}


LISTS = ("aliases", "search", "search_words", *EDGE_ONLY)  # the list fields rows merge


def _merge_rows(rows: list[dict[str, Any]], key: tuple[str, ...]) -> list[dict[str, Any]]:
    """Fold rows that address the same node or edge within a batch (MERGE in one UNWIND
    would otherwise see its own earlier rows only partly)."""
    merged: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        ident = tuple(row[k] for k in key)
        if ident not in merged:
            merged[ident] = {**row, **{field: list(row[field]) for field in LISTS if field in row}}
            continue
        into = merged[ident]
        into["props"] = {**row["props"], **into["props"]}
        for field in LISTS:
            if field in row:
                into[field] = sorted(set(into.get(field, [])) | set(row[field]))
        if "confidence" not in row:  # a mention named twice in one batch: the same one
            continue
        if row["confidence"] is not None and (
            into["confidence"] is None or row["confidence"] > into["confidence"]
        ):
            into["confidence"] = row["confidence"]
        for field, pick in (("first_seen", min), ("last_seen", max)):
            seen = [s for s in (into[field], row[field]) if s]
            into[field] = pick(seen) if seen else None
    return list(merged.values())


def group_nodes(batch: GraphBatch) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in batch.nodes:
        groups[node.label].append(node_row(node))
    return {label: _merge_rows(rows, ("id",)) for label, rows in groups.items()}


def group_edges(batch: GraphBatch) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for edge in batch.edges:
        groups[(edge.type, edge.source_label, edge.target_label)].append(edge_row(edge))
    return {k: _merge_rows(rows, ("source", "target", "key")) for k, rows in groups.items()}

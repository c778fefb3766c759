"""Structured intelligence files (CSV, JSON, JSON lines) mapped onto the ontology by a
declarative mapping in the job file: which column is which property, which rows make which
nodes and relationships. No code per file format; every row keeps its provenance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from graph.model import Document, EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.nlp.lexicon import load_lexicon
from graph.nlp.normalise import normalise
from graph.nlp.values import account_from_handle, account_from_phone
from graph.ontology import load_ontology
from graph.sources.dates import published_date
from graph.sources.readers import SourceError, decode_bytes, document_id
from graph.sources.rows import Row, parse_rows

PLACEHOLDER = re.compile(r"\{(\w+)(?:\|(\w+))?\}")


@cache
def _platform_names() -> dict[str, str]:
    """Normalised name -> id of every platform the lexicons know, made once (the lexicon's
    entries also hold tens of thousands of gazetteer places: no scan of them per row)."""
    names: dict[str, str] = {}
    for entry in load_lexicon().entries.values():
        if entry.node == "Platform":
            for alias in entry.aliases:
                names.setdefault(normalise(alias), entry.id)
    return names


def _platform_id(value: str) -> str:
    key = normalise(value).strip()
    return _platform_names().get(key, f"platform:{key}")


# Transforms a mapping may apply to a column's value: `{handle|handle}`.
FILTERS = {
    "lower": lambda v: v.lower(),
    "slug": lambda v: re.sub(r"[^\w+.:-]+", "_", normalise(v)).strip("_"),
    "handle": lambda v: account_from_handle(v, None).handle,
    "phone": lambda v: account_from_phone(v).handle,
    "platform": _platform_id,
    "platform_key": lambda v: _platform_id(v).split(":", 1)[1],
    "number": lambda v: float(v.replace(",", "")),
    "int": lambda v: int(float(v.replace(",", ""))),
}


@dataclass
class Mapping:
    """How the rows of one file become nodes and relationships."""

    nodes: dict[str, dict[str, Any]]
    relationships: list[dict[str, Any]] = field(default_factory=list)
    required: list[str] = field(default_factory=list)
    confidence: float = 1.0
    seen: str | None = None  # a template of the row's own date ("{date}"), its facts' first/last seen

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> Mapping:
        ontology = load_ontology()
        for node in spec["nodes"].values():
            ontology.check_label(node["label"])
        for rel in spec.get("relationships", []):
            ontology.check_relation(
                rel["type"], spec["nodes"][rel["from"]]["label"], spec["nodes"][rel["to"]]["label"]
            )
        return cls(
            spec["nodes"],
            spec.get("relationships", []),
            spec.get("required", []),
            spec.get("confidence", 1.0),
            spec.get("seen"),
        )

    def columns(self) -> set[str]:
        found = set(self.required)
        for node in self.nodes.values():
            for template in [node["id"], *node.get("props", {}).values()]:
                found |= {m.group(1) for m in PLACEHOLDER.finditer(str(template))}
        return found


def fill(template: Any, row: dict[str, str]) -> Any:
    """Fill `{column|filter}` placeholders; a template that is one placeholder keeps the
    filter's type (a number stays a number). None when a column it needs is empty."""
    if not isinstance(template, str):
        return template
    values = []
    for match in PLACEHOLDER.finditer(template):
        raw = (row.get(match.group(1)) or "").strip()
        if not raw:
            return None
        values.append(FILTERS[match.group(2)](raw) if match.group(2) else raw)
    whole = PLACEHOLDER.fullmatch(template)
    if whole:
        return values[0]
    parts = iter(values)
    return PLACEHOLDER.sub(lambda _m: str(next(parts)), template)


def read_structured(
    path: Path,
    mapping: Mapping,
    fmt: str | None = None,
    extractor: str = "mapping",
    published: str | None = None,
) -> tuple[Document | None, GraphBatch, list[SourceError]]:
    """The file's Document, the graph records of its rows, and the rows refused: a row that
    cannot be parsed, that holds a cell over `structured.cell_chars` (etl/limits.yaml) or a
    NUL, that lacks a required value or cannot be mapped is refused alone, with its line.

    A row's facts are dated by the row's own date (the mapping's `seen` template), else by
    `published` (the file's date a job gives), else not at all: never by the file's time."""
    raw = path.read_bytes()
    text = decode_bytes(raw, path, rows=True)
    if isinstance(text, SourceError):
        return None, GraphBatch(), [text]
    fmt = fmt or {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(path.suffix.lower(), "json")
    parsed = parse_rows(text, fmt, str(path))
    if isinstance(parsed, SourceError):
        return None, GraphBatch(), [parsed]
    header, rows, errors = parsed
    missing = sorted(mapping.columns() - set(header)) if fmt == "csv" else []
    if missing:
        return None, GraphBatch(), [SourceError(str(path), f"wrong columns: missing {missing}", 1)]
    text = text.replace("\x00", "\ufffd")  # one for one, so offsets hold; no store takes a NUL
    doc = Document(
        id=document_id(text),
        text=text,
        lang="und",
        path=str(path),
        title=path.name,
        source="structured intelligence",
        published=published,
        seen=published,
    )
    batch = GraphBatch(
        nodes=[
            NodeRecord(
                "Document",
                doc.id,
                {
                    "path": doc.path,
                    "title": doc.title,
                    "source": doc.source,
                    "lang": doc.lang,
                    "published": published,
                    "text": text,
                    # a row is the "sentence" of the facts read from it, kept once here
                    "sentences": [text[row.start : row.end] for row in rows],
                },
                None,
            )
        ]
    )
    for number, row in enumerate(rows):
        absent = [c for c in mapping.required if not (row.values.get(c) or "").strip()]
        if absent:
            errors.append(SourceError(str(path), f"row lacks required values {absent}", row.number))
            continue
        try:
            _row_records(doc, row, number, mapping, batch, extractor)
        except (ValueError, KeyError) as exc:
            errors.append(SourceError(str(path), f"row cannot be mapped: {exc}", row.number))
    errors.sort(key=lambda e: e.line or 0)
    return doc, batch, errors


def _row_records(
    doc: Document, row: Row, number: int, mapping: Mapping, batch: GraphBatch, extractor: str
) -> None:
    own = published_date(fill(mapping.seen, row.values)) if mapping.seen else None
    text = doc.text[row.start : row.end]
    seen = own or doc.seen
    prov = Provenance(
        doc.id, row.start, row.end, text, extractor, mapping.confidence, seen, number, doc.origin
    )
    made: dict[str, tuple[str, str]] = {}
    for name, spec in mapping.nodes.items():
        if spec.get("when") and not (row.values.get(spec["when"]) or "").strip():
            continue
        node_id = fill(spec["id"], row.values)
        if node_id is None:
            continue
        props = {k: fill(v, row.values) for k, v in spec.get("props", {}).items()}
        name_value = props.get("name")
        batch.nodes.append(
            NodeRecord(
                spec["label"],
                node_id,
                props,
                prov,
                aliases=[name_value] if isinstance(name_value, str) else [],
            )
        )
        batch.edges.append(
            EdgeRecord(
                "MENTIONS",
                "Document",
                doc.id,
                spec["label"],
                node_id,
                f"{row.start}:{name}",
                {"text": doc.text[row.start : row.end]},
                prov,
            )
        )
        made[name] = (spec["label"], node_id)
    for rel in mapping.relationships:
        if rel["from"] in made and rel["to"] in made:
            (source_label, source), (target_label, target) = made[rel["from"]], made[rel["to"]]
            props = {k: fill(v, row.values) for k, v in rel.get("props", {}).items()}
            batch.edges.append(
                EdgeRecord(
                    rel["type"],
                    source_label,
                    source,
                    target_label,
                    target,
                    str(fill(rel.get("key", ""), row.values) or ""),
                    props,
                    prov,
                )
            )

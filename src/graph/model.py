"""The plain values that flow between stages: documents, mentions, extractions, graph records."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from graph.nlp.normalise import fold, normalise


@dataclass
class Document:
    """One report's text and metadata, as read by a source."""

    id: str
    text: str
    lang: str
    path: str
    line: int | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    seen: str | None = None  # ISO date its facts count as seen: the publication date, None if unknown

    @property
    def origin(self) -> str:
        """The key its facts are counted under as a source: its publisher, else itself (the
        ETL gives a reprint the origin of the report it repeats: graph.resolve.reprints).

        >>> Document("d1", "text", "en", "a.txt", source=" BBC  News ").origin
        'source:bbc news'
        >>> Document("d2", "text", "en", "b.txt").origin
        'document:d2'
        """
        name = " ".join(fold(self.source or "").split())
        return f"source:{name}" if name else f"document:{self.id}"


@dataclass
class Mention:
    """A span of the document recognised as something: an entity, a value or a trigger."""

    start: int
    end: int
    text: str
    label: str  # the pipeline's label: ORG, PLATFORM, PERSON, HANDLE, DATE, COUNT, ...
    sentence: int
    extractor: str
    confidence: float
    key: str | None = None  # canonical id from a lexicon, when known
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Sentence:
    start: int
    end: int
    text: str

    @cached_property
    def norm(self) -> str:
        """The sentence's matching form (see `graph.nlp.normalise`)."""
        return normalise(self.text)


@dataclass
class Relation:
    """A relationship read from the text between two mentions of the same Extraction, with the
    span that supports it (`evidence` says which rule read it and how sure it is)."""

    type: str  # an ontology relationship type
    source: Mention
    target: Mention
    evidence: Mention
    key: str = ""  # tells apart relationships of one type between the same two things (a role)
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class Argument:
    """A mention taking part in an event, in a role: subject, agent, court, partner, target,
    or `seized` for what a seizure took."""

    mention: Mention
    role: str


@dataclass
class EventReading:
    """One event read from a sentence: its trigger, kind, the date and count nearest to the
    trigger, and who or what took part in it."""

    kind: str
    trigger: Mention
    sentence: int
    date: Mention | None
    count: Mention | None
    arguments: list[Argument]
    inherited: list[Mention] = field(default_factory=list)  # subjects taken from the event before
    associates: bool = False  # whether its subjects are associated with each other (co-accused)
    props: dict[str, Any] = field(default_factory=dict)  # what else the text says of it (a sentence)


@dataclass
class Extraction:
    """What the NLP stage found in one document: mentions, and the relations and events read
    between them."""

    document: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    relations: list[Relation] = field(default_factory=list)
    events: list[EventReading] = field(default_factory=list)


@dataclass
class Provenance:
    """Where a node or relationship comes from: the document, the characters, the rule, the
    confidence. `sentence_no` is the sentence's place in its document's `sentences` (the store
    keeps each sentence once, on the Document); None where the sentence is no document's."""

    doc_id: str
    start: int
    end: int
    sentence: str
    extractor: str
    confidence: float
    seen: str | None
    sentence_no: int | None = None
    origin: str | None = None  # the key its document's facts are counted under (graph.resolve.reprints)


@dataclass
class NodeRecord:
    label: str
    id: str
    props: dict[str, Any]
    prov: Provenance | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class EdgeRecord:
    type: str
    source_label: str
    source_id: str
    target_label: str
    target_id: str
    key: str
    props: dict[str, Any]
    prov: Provenance | None = None


@dataclass
class GraphBatch:
    """Nodes and relationships ready for the store, for one or more documents."""

    nodes: list[NodeRecord] = field(default_factory=list)
    edges: list[EdgeRecord] = field(default_factory=list)

    def extend(self, other: GraphBatch) -> None:
        self.nodes.extend(other.nodes)
        self.edges.extend(other.edges)

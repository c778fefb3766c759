"""The graph records of one document as they are made: nodes deduplicated by label and id,
relationships by type, endpoints and key, each with the provenance of the span that first
supported it, and which node each mention names."""

from __future__ import annotations

from graph.model import EdgeRecord, Extraction, GraphBatch, Mention, NodeRecord, Provenance
from graph.nlp.lexicon import Lexicon
from graph.ontology import Ontology

NodeKey = tuple[str, str]  # (label, id)


class DocumentGraph:
    """Accumulates the nodes and edges of one document; every label and type is checked
    against the ontology as it is added."""

    def __init__(self, extraction: Extraction, ontology: Ontology, lexicon: Lexicon) -> None:
        self.x = extraction
        self.doc = extraction.document
        self.ontology = ontology
        self.lexicon = lexicon
        self.nodes: dict[NodeKey, NodeRecord] = {}
        self.edges: dict[tuple[str, str, str, str], EdgeRecord] = {}
        self.node_of: dict[int, NodeKey] = {}  # id(mention) -> the node it names
        # the text of each sentence as provenance quotes it; the Document node keeps the list
        self.sentences = [s.text.strip() for s in extraction.sentences]
        self.origin = self.doc.origin  # once: every provenance of the document carries it

    def prov(self, mention: Mention) -> Provenance:
        return Provenance(
            self.doc.id,
            mention.start,
            mention.end,
            self.sentences[mention.sentence],
            mention.extractor,
            mention.confidence,
            self.doc.seen,
            mention.sentence,
            self.origin,
        )

    def node(
        self,
        label: str,
        node_id: str,
        props: dict,
        mention: Mention | None,
        aliases: list[str] | None = None,
        evidence: Mention | None = None,
    ) -> NodeKey:
        """Add a node once; `mention` is a span that names it (and gets a MENTIONS edge),
        `evidence` a span that only implies it (a nationality implies the country)."""
        self.ontology.check_label(label)
        key = (label, node_id)
        if key not in self.nodes:
            clean = {k: v for k, v in props.items() if v is not None}
            self.nodes[key] = NodeRecord(
                label,
                node_id,
                clean,
                self.prov(source) if (source := mention or evidence) else None,
                aliases=list(aliases or []),
            )
        else:  # named again, perhaps otherwise ("KSN" after "Kurdish Smuggling Network (KSN)")
            known = self.nodes[key].aliases
            known.extend(a for a in dict.fromkeys(aliases or []) if a not in known)
        if mention is not None:
            self.node_of[id(mention)] = key
            self.edge(
                "MENTIONS",
                ("Document", self.doc.id),
                key,
                str(mention.start),
                {"text": mention.text, "label": mention.label, **self.stated(mention)},
                mention,
            )
        return key

    def stated(self, mention: Mention) -> dict:
        """What the document states of the thing it names, kept on its own mention (a person's
        age): the MENTIONS properties of the ontology that the mention's attributes hold."""
        known = self.ontology.relations["MENTIONS"].properties
        return {k: v for k, v in mention.attrs.items() if k in known and k not in ("text", "label")}

    def lexicon_node(self, entry_id: str, evidence: Mention) -> NodeKey:
        """The node of a lexicon entry implied (not named) by `evidence`: the country of a
        nationality, the platform of a URL."""
        entry = self.lexicon.entries[entry_id]
        return self.node(
            entry.node,
            entry.id,
            {"name": entry.name, **entry.props},
            None,
            aliases=list(entry.aliases),
            evidence=evidence,
        )

    def edge(
        self,
        rel_type: str,
        source: NodeKey,
        target: NodeKey,
        key: str,
        props: dict,
        mention: Mention,
    ) -> None:
        """Add a relationship once; the first span that supports it is its provenance."""
        self.ontology.check_relation(rel_type, source[0], target[0])
        ident = (rel_type, source[1], target[1], key)
        if ident not in self.edges:
            self.edges[ident] = EdgeRecord(
                rel_type,
                source[0],
                source[1],
                target[0],
                target[1],
                key,
                {k: v for k, v in props.items() if v is not None},
                self.prov(mention),
            )

    def batch(self) -> GraphBatch:
        return GraphBatch(nodes=list(self.nodes.values()), edges=list(self.edges.values()))

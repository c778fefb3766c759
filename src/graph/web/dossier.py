"""An entity's dossier: its SAME_AS cluster read as one entity (every name in both scripts,
every alias once), its properties and the last analysis' community and scores, every fact
grouped by relationship with the sentence, document, date and link behind it, its events in
date order, and who took part in them with it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.analysis.stored import STORED
from graph.nlp.normalise import normalise
from graph.ontology import load_ontology
from graph.report.data import HIDDEN
from graph.report.display import money
from graph.resolve.contradictions import entry
from graph.web.reads import Reads

# Properties the dossier shows in their own places (names, analysis, contradictions), and the
# bookkeeping of provenance and search that says nothing to a reader (the facts' sources do).
OWN_PLACE = {"id", "name", "community", "contradicted", *STORED}
BOOKKEEPING = {
    *(set(load_ontology().provenance) - {"first_seen", "last_seen"}),
    "search_text",
    "search_words",
    "analysed_at",
    "unnamed",
}


@dataclass
class Source:
    sentence: str | None
    document: str | None  # the headline, or the file name
    published: str | None
    url: str | None
    lang: str | None


@dataclass
class Fact:
    """One relationship to one other node, with every report that states it."""

    type: str
    outgoing: bool
    other: str
    other_label: str
    other_name: str
    role: str | None = None
    date: str | None = None
    kind: str | None = None
    shown_value: str | None = None  # an amount, as people write it
    support: int | None = None
    independent: int | None = None
    sources: list[Source] = field(default_factory=list)


@dataclass
class Dossier:
    id: str
    label: str
    name: str
    names: list[dict[str, str]]  # every node of the cluster: id, label, name
    aliases: list[str]
    properties: dict[str, Any]
    analysis: dict[str, Any]
    contradictions: list[dict[str, str]]
    sections: dict[str, list[Fact]]  # relationship type (and direction) -> facts
    timeline: list[Fact]
    co_participants: list[dict[str, Any]]
    ages: list[Source]  # each age a report gives (the value in `sentence`)
    cut: list[str]  # what a bound cut, said on the page


def unique_aliases(names: list[str], values: list[Any]) -> list[str]:
    """Each alias once, whatever its letter variants, names left out.

    >>> unique_aliases(["Himen Aziz"], [["هيمن عزيز", "Himen Aziz"], ["هيمن عزيز"], "Hemin Aziz"])
    ['هيمن عزيز', 'Hemin Aziz']
    """
    seen = {normalise(n) for n in names}
    kept = []
    for value in values:
        for alias in value if isinstance(value, list) else [value]:
            if isinstance(alias, str) and (key := normalise(alias)) not in seen:
                seen.add(key)
                kept.append(alias)
    return kept


def money_lang(lang: str | None) -> str:
    """The language an amount is written in: its report's (Arabic or English)."""
    return "ar" if lang == "ar" else "en"


def section_name(type_: str, outgoing: bool) -> str:
    """A relationship as a heading, read from the entity: `WORKS_FOR`, or `← CONTROLS`.

    >>> section_name("WORKS_FOR", True), section_name("CONTROLS", False)
    ('WORKS_FOR', '← CONTROLS')
    """
    return type_ if outgoing else f"← {type_}"


def build(reads: Reads, label: str, node_id: str) -> Dossier | None:
    """The dossier of `node_id` (a node of `label`), or None where there is no such node."""
    cluster = reads.cluster(label, node_id)
    if not cluster.records:
        return None
    ids = [r["id"] for r in cluster.records]
    props = {r["id"]: r["props"] for r in cluster.records}
    main = props[node_id]
    names = [
        {"id": r["id"], "label": r["label"], "name": str(r["props"].get("name") or r["id"])}
        for r in cluster.records
    ]
    aliases = unique_aliases([n["name"] for n in names], [p.get("aliases") for p in props.values()])
    merged: dict[str, Any] = {}
    analysis: dict[str, Any] = {}
    contradictions = []
    for p in props.values():
        for key, value in p.items():
            if key in STORED and value is not None:
                analysis.setdefault(key, value)
            elif key not in HIDDEN | OWN_PLACE | BOOKKEEPING and value not in (None, "", []):
                merged.setdefault(key, value)
    facts, timeline, titles, cut = gather_facts(reads, ids)
    claims: dict[tuple[str, str], list[str]] = {}  # one row a value, though both twins carry it
    for p in props.values():
        for text in p.get("contradictions") or []:
            fact, value, docs = entry(str(text))
            known = claims.setdefault((fact, value), [])
            known += [doc for doc in docs if doc not in known]
    for (fact, value), docs in claims.items():
        reports = [titles.get(doc) or doc[:12] for doc in docs]
        contradictions.append({"fact": fact, "value": value, "reports": "; ".join(reports)})
    if cluster.cut:
        cut.append(f"names: the first {cluster.cut} nodes linked by SAME_AS")
    co = reads.co_participants(ids)
    if co.cut:
        cut.append(f"co-participants: the first {co.cut} shown")
    ages = reads.ages(ids) if label == "Person" else None
    if ages is not None and ages.cut:
        cut.append(f"ages: the first {ages.cut} shown")
    return Dossier(
        id=node_id,
        label=label,
        name=str(main.get("name") or node_id),
        names=names,
        aliases=aliases,
        properties=merged,
        analysis=analysis,
        contradictions=contradictions,
        sections=facts,
        timeline=timeline,
        co_participants=co.records,
        ages=[Source(str(r["age"]), r["document"], r["published"], r["url"], None) for r in ages.records]
        if ages is not None
        else [],
        cut=cut,
    )


def gather_facts(
    reads: Reads, ids: list[str]
) -> tuple[dict[str, list[Fact]], list[Fact], dict[str, str], list[str]]:
    """The cluster's facts by section (one Fact per relationship and other end, its reports
    gathered), its events in date order, the title of each report they cite, and what a bound
    cut."""
    rows = reads.facts(ids)
    titles = {r["doc_id"]: str(r["document"]) for r in rows.records if r["doc_id"] and r["document"]}
    by_key: dict[tuple[str, bool, str, str | None], Fact] = {}
    for r in rows.records:
        key = (r["type"], r["outgoing"], r["other"], r["role"])
        fact = by_key.get(key)
        if fact is None:
            shown_value = (
                money(r["amount"], r["currency"], money_lang(r["lang"]))
                if r["other_label"] == "Payment"
                else None
            )
            fact = by_key[key] = Fact(
                type=r["type"],
                outgoing=r["outgoing"],
                other=r["other"],
                other_label=r["other_label"],
                other_name=str(r["other_name"]),
                role=r["role"],
                date=r["other_date"],
                kind=r["other_kind"],
                shown_value=shown_value,
                support=r["other_support"] or r["support"],
                independent=r["other_independent"] or r["independent"],
            )
        source = Source(r["sentence"], r["document"], r["published"], r["url"], r["lang"])
        if source not in fact.sources and (source.sentence or source.document):
            fact.sources.append(source)
    sections: dict[str, list[Fact]] = defaultdict(list)
    for fact in by_key.values():
        sections[section_name(fact.type, fact.outgoing)].append(fact)
    timeline = sorted(
        (f for f in by_key.values() if f.type == "PARTICIPATED_IN" and f.date),
        key=lambda f: (str(f.date), f.other),
    )
    cut = [f"facts: the first {rows.cut} rows read"] if rows.cut else []
    return dict(sorted(sections.items())), timeline, titles, cut

"""Resolution across documents and scripts: the same person named in Arabic in one report and
in English in another (`دان باركروفت`, `Dan Barcroft`) is linked by SAME_AS with its score and
method. Links are data — listed, and undone by a split that is remembered."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import yaml
from rapidfuzz import fuzz

from graph.model import EdgeRecord, GraphBatch, Provenance
from graph.nlp.normalise import is_arabic, normalise
from graph.paths import etl_dir
from graph.store.base import GraphStore

METHOD = "romanize+rapidfuzz"


@cache
def settings() -> dict[str, Any]:
    with open(etl_dir() / "rules" / "resolution.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["people"]


@lru_cache(maxsize=50_000)
def latin_forms(name: str) -> tuple[str, ...]:
    """Lower-case Latin spellings to compare: the name itself, or for an Arabic name its most
    likely romanisations (arabic-name-romanizer, offline)."""
    if not is_arabic(name):
        return (normalise(name),)
    from arabic_name_romanizer import transliterate

    candidates = transliterate(name, top_k=settings()["candidates"])
    texts = [c if isinstance(c, str) else getattr(c, "text", str(c)) for c in candidates]
    return tuple(dict.fromkeys(normalise(t) for t in texts if t))


def name_score(a: str, b: str) -> tuple[float, str]:
    """Similarity of two names in [0, 1] and whether they are in the same script."""
    same_script = is_arabic(a) == is_arabic(b)
    if same_script and is_arabic(a):
        return fuzz.token_sort_ratio(normalise(a), normalise(b)) / 100, "same"
    best = max(fuzz.token_sort_ratio(x, y) for x in latin_forms(a) for y in latin_forms(b))
    return best / 100, "same" if same_script else "cross"


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    name_a: str
    name_b: str
    score: float
    method: str


def candidate_links(people: list[dict[str, Any]], vetoed: set[frozenset[str]]) -> list[Link]:
    """Pairs of named people similar enough to be one person, best first."""
    config = settings()
    links = []
    usable = [p for p in people if len(normalise(p["name"]).replace(" ", "")) >= config["min_length"]]
    for x, y in itertools.combinations(sorted(usable, key=lambda p: p["id"]), 2):
        if frozenset((x["id"], y["id"])) in vetoed:
            continue
        score, script = name_score(x["name"], y["name"])
        threshold = config["cross_script_threshold" if script == "cross" else "same_script_threshold"]
        if score >= threshold:
            links.append(
                Link(x["id"], y["id"], x["name"], y["name"], round(score, 3), f"{METHOD}:{script}-script")
            )
    return sorted(links, key=lambda link: (-link.score, link.a, link.b))


def vetoes(store: GraphStore) -> set[frozenset[str]]:
    rows = store.read("MATCH (p:Person) WHERE p.distinct_from IS NOT NULL RETURN p.id, p.distinct_from").rows
    return {frozenset((a, b)) for a, others in rows for b in others}


def resolve_people(store: GraphStore) -> list[Link]:
    """Link named people across documents and scripts; returns the links written."""
    people = store.read(
        "MATCH (p:Person) WHERE p.unnamed = false RETURN p.id AS id, p.name AS name"
    ).records()
    links = candidate_links(people, vetoes(store))
    batch = GraphBatch()
    for link in links:
        prov = Provenance(
            doc_id="",
            start=0,
            end=0,
            sentence=f"{link.name_a} ≈ {link.name_b}",
            extractor=link.method,
            confidence=link.score,
            seen=None,
        )
        batch.edges.append(
            EdgeRecord(
                "SAME_AS",
                "Person",
                link.a,
                "Person",
                link.b,
                "",
                {"score": link.score, "method": link.method},
                prov,
            )
        )
    if batch.edges:
        store.write_batch(batch)
    return links


def list_links(store: GraphStore) -> list[dict[str, Any]]:
    return store.read(
        "MATCH (a)-[s:SAME_AS]->(b) RETURN a.id AS a, a.name AS name_a, b.id AS b, b.name AS name_b, "
        "s.score AS score, s.method AS method ORDER BY score DESC, a, b"
    ).records()


def split(store: GraphStore, node_id: str) -> int:
    """Undo every SAME_AS of `node_id` and remember the veto; the nodes and all their
    provenance were never merged, so nothing else changes."""
    before = len([link for link in list_links(store) if node_id in (link["a"], link["b"])])
    store.split_same_as(node_id)
    return before

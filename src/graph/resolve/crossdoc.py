"""Resolution across documents and scripts: the same person named in Arabic in one report and
in English in another (`دان باركروفت`, `Dan Barcroft`) is linked by SAME_AS with its score and
method. Links are data — listed, and undone by a split that is remembered."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import yaml
from rapidfuzz import fuzz

from graph.model import EdgeRecord, GraphBatch, Provenance
from graph.nlp.normalise import is_arabic, nearest, normalise
from graph.paths import etl_dir
from graph.resolve.judgements import judge, judged_pairs
from graph.store.base import GraphStore, StoreError

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


# Letters of a word's start and of its end that make its blocking keys (measured: 4 compares
# 6x more pairs on generated names for the same links).
KEY_PIECE = 6
# People read per round trip: reads page by id, so no server's row cap can cut them.
PEOPLE_PAGE = 5000

PEOPLE = (
    "MATCH (p:Person) WHERE p.unnamed = false AND p.id > $after "
    "RETURN p.id AS id, p.name AS name ORDER BY id LIMIT $page"
)
VETOES = (
    "MATCH (p:Person) WHERE p.distinct_from IS NOT NULL AND p.id > $after "
    "RETURN p.id AS id, p.distinct_from AS others ORDER BY id LIMIT $page"
)


def _piece_keys(piece: str, tag: str) -> set[str]:
    """`piece` and every form of it with one character deleted, tagged by where it was cut
    from: two pieces one edit apart (a letter changed, added or dropped) share a key."""
    keys = {tag + piece}
    if len(piece) > 2:
        keys.update(tag + piece[:i] + piece[i + 1 :] for i in range(len(piece)))
    return keys


@lru_cache(maxsize=50_000)
def block_keys(name: str) -> frozenset[str]:
    """The blocking keys of a name: for its normalised form and (an Arabic name) its likely
    romanisations, the first and the last `KEY_PIECE` letters of every word of three letters
    or more, each with its one-deletion variants. Two names are compared only when they share
    a key, which spelling variants (saleh/salih, mohammed/muhammad), a word added or dropped,
    and the order of words keep, while names with no word alike are never compared."""
    keys: set[str] = set()
    for form in dict.fromkeys((normalise(name), *latin_forms(name))):
        words = [w for w in form.split() if len(w) >= 3] or ["".join(form.split())]
        for word in words:
            keys |= _piece_keys(word[:KEY_PIECE], "^") | _piece_keys(word[-KEY_PIECE:], "$")
    return frozenset(keys)


def blocked_pairs(people: list[dict[str, Any]]) -> Iterator[tuple[int, int]]:
    """Positions (i < j) of the people that share a blocking key: the only pairs compared,
    each once. Work grows with the number of people times their keys, plus the pairs inside
    each block, instead of with the square of the number of people; memory with the blocks
    only: a pair is given by the block of the first key (in sorted order) the two share, so no
    set of every pair is kept (at 200,000 generated names that set filled 23 GB)."""
    keys = [block_keys(person["name"]) for person in people]
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(keys):
        for key in found:
            blocks[key].append(i)
    for key, members in blocks.items():
        for i, j in itertools.combinations(members, 2):
            if min(keys[i] & keys[j]) == key:
                yield i, j


def candidate_links(
    people: list[dict[str, Any]], vetoed: set[frozenset[str]], *, block: bool = True
) -> list[Link]:
    """Pairs of named people similar enough to be one person, best first. Only pairs that
    share a blocking key are scored (`block=False` scores every pair: the reference the
    tests and benchmarks hold blocking to)."""
    config = settings()
    links = []
    usable = sorted(
        (p for p in people if len(normalise(p["name"]).replace(" ", "")) >= config["min_length"]),
        key=lambda p: p["id"],
    )
    same, cross = config["same_script_threshold"], config["cross_script_threshold"]
    # What name_score computes, prepared once per person: same-script pairs compare the
    # normalised names, cross-script pairs the best of the Latin spellings.
    forms = [(is_arabic(p["name"]), normalise(p["name"]), latin_forms(p["name"])) for p in usable]
    pairs = blocked_pairs(usable) if block else itertools.combinations(range(len(usable)), 2)
    for i, j in pairs:
        (arabic_x, norm_x, latin_x), (arabic_y, norm_y, latin_y) = forms[i], forms[j]
        if arabic_x == arabic_y:
            script, threshold = "same", same
            score = fuzz.token_sort_ratio(norm_x, norm_y, score_cutoff=100 * same - 1e-6)
        else:
            script, threshold = "cross", cross
            score = max(
                fuzz.token_sort_ratio(a, b, score_cutoff=100 * cross - 1e-6) for a in latin_x for b in latin_y
            )
        x, y = usable[i], usable[j]
        if score and score / 100 >= threshold and frozenset((x["id"], y["id"])) not in vetoed:
            links.append(
                Link(
                    x["id"], y["id"], x["name"], y["name"], round(score / 100, 3), f"{METHOD}:{script}-script"
                )
            )
    return sorted(links, key=lambda link: (-link.score, link.a, link.b))


def vetoes(store: GraphStore) -> set[frozenset[str]]:
    """Pairs split before judgements were kept (`distinct_from`, on stores written by an older
    version): never linked again."""
    rows = store.read_paged(VETOES, page=PEOPLE_PAGE)
    return {frozenset((row["id"], other)) for row in rows for other in row["others"]}


def resolve_people(store: GraphStore) -> list[Link]:
    """Link named people across documents and scripts; returns the links written. Every named
    person is read (paged by id), whatever the size of the graph."""
    people = store.read_paged(PEOPLE, page=PEOPLE_PAGE)
    # a pair a person judged is theirs: never linked (not the same) or linked already (the same)
    links = candidate_links(people, vetoes(store) | set(judged_pairs(store)))
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


def nearest_people(store: GraphStore, given: str, limit: int = 3) -> str:
    """' (nearest: id, id)': the named people whose id or name is nearest to `given`, or ''."""
    people = store.read_paged(PEOPLE, page=PEOPLE_PAGE)
    found = nearest(given, {p["id"]: f"{p['id']} {p['name']}" for p in people}, limit)
    return f" (nearest: {', '.join(found)})" if found else ""


def list_links(store: GraphStore) -> list[dict[str, Any]]:
    return store.read(
        "MATCH (a)-[s:SAME_AS]->(b) RETURN a.id AS a, a.name AS name_a, b.id AS b, b.name AS name_b, "
        "s.score AS score, s.method AS method ORDER BY score DESC, a, b"
    ).records()


def split(store: GraphStore, node_id: str, *, analyst: str, reason: str = "") -> int:
    """Undo every SAME_AS of `node_id`, each by a `not_same` judgement (so the resolver does
    not link the two again); the nodes and all their provenance were never merged, so nothing
    else changes. Returns how many links it undid."""
    if not store.read("MATCH (p:Person {id: $id}) RETURN p.id", {"id": node_id}).rows:
        raise StoreError(f"no person with the id {node_id!r}{nearest_people(store, node_id)}")
    linked = [link for link in list_links(store) if node_id in (link["a"], link["b"])]
    for link in linked:
        judge(store, "not_same", link["a"], link["b"], analyst=analyst, reason=reason or f"split {node_id}")
    return len(linked)

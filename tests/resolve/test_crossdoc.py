"""People resolved across documents and scripts: linked by SAME_AS with score and method,
listed, and split again without losing anything."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.analysis.projection import project
from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.resolve.crossdoc import (
    blocked_pairs,
    candidate_links,
    list_links,
    name_score,
    resolve_people,
    split,
)
from graph.store.base import DEFAULT_ROW_LIMIT, StoreError

P = Provenance("d1", 0, 5, "s", "rule:test", 0.9, "2024-01-01")


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("دان باركروفت", "Dan Barcroft"),
        ("كاروان صالح", "Karwan Saleh"),
        ("هيمن عزيز", "Himen Aziz"),
        ("سارة ويتفيلد", "Sarah Whitfield"),
        ("دلشاد كريم", "Dilshad Karim"),
    ],
)
def test_the_same_name_in_two_scripts_scores_high(arabic, latin):
    score, script = name_score(arabic, latin)
    assert script == "cross" and score >= 0.8


@pytest.mark.parametrize(
    ("a", "b"),
    [("كاروان صالح", "Himen Aziz"), ("James Hart", "Sarah Whitfield"), ("دلشاد كريم", "Karwan Saleh")],
)
def test_different_people_score_low(a, b):
    assert name_score(a, b)[0] < 0.5


def people(store):
    nodes = [
        NodeRecord("Person", pid, {"name": name, "unnamed": False}, P)
        for pid, name in [
            ("person:dan_barcroft", "Dan Barcroft"),
            ("person:دان_باركروفت", "دان باركروفت"),
            ("person:karwan_saleh", "Karwan Saleh"),
            ("person:u1", "مواطن عراقي"),
        ]
    ]
    nodes[3].props["unnamed"] = True
    nodes.append(NodeRecord("Event", "event:1", {"kind": "arrest"}, P))
    edges = [
        EdgeRecord("PARTICIPATED_IN", "Person", p, "Event", "event:1", "subject", {"role": "subject"}, P)
        for p in ("person:دان_باركروفت", "person:karwan_saleh")
    ]
    store.write_batch(GraphBatch(nodes, edges))


def test_resolution_links_list_and_split(any_store):
    store = any_store
    people(store)
    links = resolve_people(store)
    assert [(link.a, link.b) for link in links] == [("person:dan_barcroft", "person:دان_باركروفت")]
    listed = list_links(store)
    assert listed[0]["method"] == "romanize+rapidfuzz:cross-script" and listed[0]["score"] >= 0.8
    # the two names are one actor in the analysis, with the Arabic report's event
    graph = project(store, "actors")
    assert "person:دان_باركروفت" not in graph
    assert graph.nodes["person:dan_barcroft"]["merged"] == ["person:dan_barcroft", "person:دان_باركروفت"]
    assert graph.has_edge("person:dan_barcroft", "person:karwan_saleh")
    # split: the link goes, both nodes and their provenance stay, and the next run respects it
    before = store.query("MATCH (p:Person) RETURN p.id, p.sources ORDER BY p.id").rows
    assert split(store, "person:دان_باركروفت", analyst="test") == 1
    assert list_links(store) == []
    assert store.query("MATCH (p:Person) RETURN p.id, p.sources ORDER BY p.id").rows == before
    assert resolve_people(store) == []


def test_resolving_twice_changes_nothing(any_store):
    store = any_store
    people(store)
    resolve_people(store)
    counts = store.counts()
    resolve_people(store)
    assert store.counts() == counts


# -- every person is read, whatever the size of the graph --------------------------------------
def write_people(store, names: dict[str, str]) -> None:
    nodes = [NodeRecord("Person", pid, {"name": name, "unnamed": False}, P) for pid, name in names.items()]
    store.write_batch(GraphBatch(nodes, []))


def far_apart_pair(fillers: int) -> dict[str, str]:
    """Two people who are one, first and last by id, with `fillers` people between them
    whose names are too short to link (so only the read is tested, not the comparisons)."""
    names = {f"person:m{i:06d}": f"p{i:04d}"[:5] for i in range(fillers)}
    names["person:a_karwan"] = "Karwan Saleh"
    names["person:z_karwan"] = "كاروان صالح"
    return names


@pytest.mark.slow
def test_every_person_is_read_past_the_default_row_limit(any_store):
    write_people(any_store, far_apart_pair(DEFAULT_ROW_LIMIT + 50))
    links = resolve_people(any_store)
    assert [(link.a, link.b) for link in links] == [("person:a_karwan", "person:z_karwan")]


def test_a_server_cap_on_results_cuts_nothing_silently(store):
    """FalkorDB cuts any result at RESULTSET_SIZE without a word: the resolver's paged read
    passes under it, the exports page under it, and a plain read that reaches it fails."""
    store.db.connection.execute_command("GRAPH.CONFIG", "SET", "RESULTSET_SIZE", 100)
    assert store.result_cap() == 100
    write_people(store, far_apart_pair(250))
    links = resolve_people(store)
    assert [(link.a, link.b) for link in links] == [("person:a_karwan", "person:z_karwan")]
    with pytest.raises(StoreError, match="RESULTSET_SIZE"):
        store.read("MATCH (p:Person) RETURN p.id")
    from graph.report.exports.common import read_snapshot

    assert len([n for n in read_snapshot(store, labels=["Person"]).nodes]) == 252


# -- blocking compares fewer pairs and misses none the full comparison links --------------------
GIVEN = [
    "Karwan",
    "Himen",
    "Dilshad",
    "Mohammed",
    "Ahmad",
    "Hussein",
    "Abdulrahman",
    "Youssef",
    "Sarah",
    "James",
    "Daniel",
    "Omar",
    "Rebwar",
    "Hawre",
    "Aram",
    "Kamal",
    "Jamal",
    "Ali",
]
FAMILY = [
    "Saleh",
    "Aziz",
    "Karim",
    "Barcroft",
    "Whitfield",
    "Hassan",
    "Mahmoud",
    "Ibrahim",
    "Rashid",
    "Qadir",
    "Osman",
    "Hart",
    "Abdullah",
    "Hamid",
    "Nouri",
    "Taha",
    "Salih",
]
ARABIC_GIVEN = ["كاروان", "هيمن", "دلشاد", "محمد", "أحمد", "حسين", "عبد الرحمن", "يوسف", "عمر", "ريبوار"]
ARABIC_FAMILY = ["صالح", "عزيز", "كريم", "حسن", "محمود", "إبراهيم", "رشيد", "قادر", "عثمان", "عبدالله"]
VOWELS = {"a": "e", "e": "i", "i": "e", "o": "u", "u": "o"}


def spelling_variant(rng: random.Random, word: str) -> str:
    """One of the changes spellings of a name go through: a vowel, a doubled or dropped
    letter, an 'h' added or dropped, an article."""
    i = rng.randrange(len(word))
    change = rng.choice(["vowel", "double", "drop", "h", "article", "same"])
    if change == "vowel" and word[i].lower() in VOWELS:
        return word[:i] + VOWELS[word[i].lower()] + word[i + 1 :]
    if change == "double":
        return word[: i + 1] + word[i] + word[i + 1 :]
    if change == "drop" and len(word) > 3:
        return word[:i] + word[i + 1 :]
    if change == "h":
        return word.replace("h", "", 1) if "h" in word else word + "h"
    if change == "article":
        return rng.choice(["al-", "Al ", "El-", "ال"]) + word
    return word


def generated_names(seed: int, count: int) -> list[str]:
    """Names of people as reports spell them: given and family names in either script,
    spelling variants, words in either order, a middle name added."""
    rng = random.Random(seed)
    names = []
    for _ in range(count):
        arabic = rng.random() < 0.35
        words = [
            rng.choice(ARABIC_GIVEN if arabic else GIVEN),
            rng.choice(ARABIC_FAMILY if arabic else FAMILY),
        ]
        if rng.random() < 0.25:
            words.insert(1, rng.choice(ARABIC_GIVEN if arabic else GIVEN))
        for _ in range(rng.choice([0, 1, 1, 2])):
            words = [spelling_variant(rng, w) if rng.random() < 0.5 else w for w in words]
        if rng.random() < 0.2:
            words.reverse()
        names.append(" ".join(words))
    return names


def as_people(names: list[str]) -> list[dict[str, str]]:
    return [{"id": f"person:{i:04d}", "name": name} for i, name in enumerate(names)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), count=st.integers(2, 40))
def test_blocking_never_misses_a_pair_the_full_comparison_links(seed, count):
    people_ = as_people(generated_names(seed, count))
    assert candidate_links(people_, set()) == candidate_links(people_, set(), block=False)


def test_blocking_compares_a_fraction_of_the_pairs():
    people_ = as_people(generated_names(7, 600))
    full = candidate_links(people_, set(), block=False)
    assert full and candidate_links(people_, set()) == full
    pairs = list(blocked_pairs(people_))
    assert len(pairs) < 0.25 * (600 * 599 / 2)
    assert len(set(pairs)) == len(pairs)  # each pair once, though it shares several keys
    assert all(i < j for i, j in pairs)

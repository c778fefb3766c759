"""A person's judgements: kept with who, when and why, acted on at once, never overridden by the
automatic resolver or lost by re-ingesting, listed, exported, replaced and undone; on both
stores, with Arabic and English records, and through `graph resolve`."""

import json

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.model import GraphBatch, NodeRecord, Provenance
from graph.resolve.crossdoc import list_links, resolve_people, split
from graph.resolve.judgements import judge, judged_pairs, judgements, undo
from graph.store.base import GraphStore, StoreError
from graph.store.embedded import EmbeddedStore

P = Provenance("d1", 0, 5, "s", "rule:test", 0.9, "2024-01-01")
PEOPLE = {
    "person:karwan_saleh": "Karwan Saleh",
    "person:كاروان_صالح": "كاروان صالح",
    "person:abu_karwan": "Abu Hawre",
    "person:himen_aziz": "Himen Aziz",
}


def write_people(store: GraphStore) -> None:
    nodes = [NodeRecord("Person", pid, {"name": name, "unnamed": False}, P) for pid, name in PEOPLE.items()]
    store.write_batch(GraphBatch(nodes, []))


def linked(store: GraphStore) -> set[tuple[str, str, str]]:
    return {(link["a"], link["b"], link["method"].split(":")[0]) for link in list_links(store)}


def test_not_the_same_unlinks_and_lasts(any_store: GraphStore):
    write_people(any_store)
    resolve_people(any_store)
    assert ("person:karwan_saleh", "person:كاروان_صالح", "romanize+rapidfuzz") in linked(any_store)
    made = judge(
        any_store, "not_same", "person:كاروان_صالح", "person:karwan_saleh", analyst="Rana", reason="two men"
    )
    assert (made.a, made.b, made.kind) == ("person:karwan_saleh", "person:كاروان_صالح", "not_same")
    assert linked(any_store) == set()
    write_people(any_store)  # re-ingesting and re-resolving keep the decision
    assert resolve_people(any_store) == [] and linked(any_store) == set()
    (listed,) = judgements(any_store)
    assert (listed.analyst, listed.reason, listed.holds) == ("Rana", "two men", True)


def test_the_same_links_what_the_resolver_would_not_and_wins(any_store: GraphStore):
    write_people(any_store)
    judge(any_store, "same", "person:abu_karwan", "person:karwan_saleh", analyst="Rana", reason="kunya")
    assert ("person:abu_karwan", "person:karwan_saleh", "analyst") in linked(any_store)
    resolve_people(any_store)
    methods = {(a, b): m for a, b, m in linked(any_store)}
    assert methods[("person:abu_karwan", "person:karwan_saleh")] == "analyst"  # not overwritten
    assert judged_pairs(any_store) == {frozenset(("person:abu_karwan", "person:karwan_saleh")): "same"}


def test_a_new_decision_replaces_the_one_before_and_undoing_keeps_the_record(any_store: GraphStore):
    write_people(any_store)
    first = judge(any_store, "same", "person:himen_aziz", "person:abu_karwan", analyst="Rana")
    second = judge(any_store, "not_same", "person:abu_karwan", "person:himen_aziz", analyst="Omar")
    assert [j.id for j in judgements(any_store)] == [second.id]
    history = {j.id: j for j in judgements(any_store, undone=True)}
    assert history[first.id].undone_by == "Omar" and history[first.id].undone_at
    assert linked(any_store) == set()
    undone = undo(any_store, second.id, analyst="Rana")
    assert undone.undone_by == "Rana" and judgements(any_store) == []
    assert len(judgements(any_store, undone=True)) == 2
    with pytest.raises(StoreError, match="no judgement"):
        undo(any_store, second.id, analyst="Rana")


def test_undoing_the_same_removes_only_the_analysts_link(any_store: GraphStore):
    write_people(any_store)
    made = judge(any_store, "same", "person:karwan_saleh", "person:كاروان_صالح", analyst="Rana")
    undo(any_store, made.id, analyst="Rana")
    assert linked(any_store) == set()
    resolve_people(any_store)  # no longer judged: the resolver may link them itself
    assert linked(any_store) == {("person:karwan_saleh", "person:كاروان_صالح", "romanize+rapidfuzz")}


def test_a_split_is_a_not_the_same_judgement_per_link(any_store: GraphStore):
    write_people(any_store)
    resolve_people(any_store)
    assert split(any_store, "person:karwan_saleh", analyst="Rana", reason="checked") == 1
    (made,) = judgements(any_store)
    assert (made.kind, made.reason) == ("not_same", "checked")


def test_judgements_of_nobody_or_of_one_record_are_refused(any_store: GraphStore):
    write_people(any_store)
    with pytest.raises(StoreError, match="no person with the id 'person:nobody'"):
        judge(any_store, "same", "person:karwan_saleh", "person:nobody", analyst="Rana")
    with pytest.raises(StoreError, match="two different people"):
        judge(any_store, "same", "person:karwan_saleh", "person:karwan_saleh", analyst="Rana")
    with pytest.raises(StoreError, match="one of same, not_same"):
        judge(any_store, "maybe", "person:karwan_saleh", "person:himen_aziz", analyst="Rana")


def test_graph_resolve_judges_lists_exports_and_undoes(tmp_path):
    with EmbeddedStore(tmp_path / "data", write=True) as store:
        write_people(store)
    data = str(tmp_path / "data")
    runner = CliRunner()
    made = runner.invoke(
        app,
        ["resolve", "--same", "person:abu_karwan", "person:karwan_saleh", "--analyst", "Rana", "--reason",
         "kunya", "--data", data],
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert "judged the same person: person:abu_karwan and person:karwan_saleh" in made.output
    exported = runner.invoke(app, ["resolve", "--judgements", "--json", "--data", data])
    (row,) = [json.loads(line) for line in exported.stdout.splitlines()]
    assert (row["kind"], row["analyst"], row["reason"]) == ("same", "Rana", "kunya")
    undone = runner.invoke(app, ["resolve", "--undo", row["id"], "--data", data])
    assert undone.exit_code == 0 and "undone:" in undone.output
    listed = runner.invoke(app, ["resolve", "--judgements", "--all", "--data", data])
    assert "Judgements (1)" in listed.output
    refused = runner.invoke(app, ["resolve", "--undo", row["id"], "--data", data])
    assert refused.exit_code != 0 and "no judgement" in refused.output


def test_a_split_of_nobody_is_refused_with_the_nearest_people(any_store: GraphStore):
    write_people(any_store)
    nearest = r"no person with the id 'person:karwan_salih' \(nearest: person:karwan_saleh"
    with pytest.raises(StoreError, match=nearest):
        split(any_store, "person:karwan_salih", analyst="Rana")


def test_graph_resolve_merge_joins_two_people_by_hand_as_a_judgement(tmp_path):
    with EmbeddedStore(tmp_path / "data", write=True) as store:
        write_people(store)
    data = str(tmp_path / "data")
    runner = CliRunner()
    pair = ["person:abu_karwan", "person:karwan_saleh"]
    made = runner.invoke(app, ["resolve", "--merge", *pair, "--analyst", "Rana", "--data", data])
    assert made.exit_code == 0, made.output
    exported = runner.invoke(app, ["resolve", "--judgements", "--json", "--data", data])
    (row,) = [json.loads(line) for line in exported.stdout.splitlines()]
    assert (row["kind"], row["analyst"]) == ("same", "Rana")

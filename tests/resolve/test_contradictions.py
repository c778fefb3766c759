"""Contradictions: where reports disagree on a fact that should have one value, both values
stay, each with its reports, and the node is flagged; reports that agree flag nothing; on both
stores, in both scripts, from the real pipeline."""

import json

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.etl.settle import settle
from graph.ingest import ingest
from graph.model import GraphBatch, NodeRecord
from graph.ontology import OntologyError, load_ontology
from graph.resolve.contradictions import (
    AskedPrice,
    SingleValued,
    StatedValue,
    check,
    entry,
    flag_statements,
    recheck_all_linked,
    single_valued,
)
from graph.resolve.crossdoc import split
from graph.store.base import GraphStore
from graph.store.library import load_queries

from .reports import write_reports

WIRE = (
    "Police arrested Baran Qadir, 41, an Iraqi national, in Luton on 2 May 2024 on suspicion of "
    "people smuggling. Baran Qadir was later jailed for nine years at Luton Crown Court."
)
HERALD = (
    "Baran Qadir, 41, an Iranian national, was sentenced to eight years in prison at Luton Crown "
    "Court for organising Channel crossings, the court heard on 4 June 2024."
)
AGREES = "Baran Qadir, 41, an Iraqi national, ran adverts for Channel crossings, police said on 9 May 2024."
WAKALA = (
    "اعتقلت الشرطة باران قادر (41 عاماً)، وهو مواطن عراقي يقيم في لوتون، في 2 مايو 2024 "
    "للاشتباه في تهريب المهاجرين."
)
SAHIFA = (
    "مثل باران قادر (41 عاماً)، وهو مواطن إيراني يقيم في لوتون، أمام محكمة لوتون في 4 يونيو 2024 "
    "بتهمة تهريب المهاجرين."
)
FLAGS = "MATCH (p:Person) WHERE p.contradicted = true RETURN p.id, p.contradictions ORDER BY p.id"


def write(folder, name: str, reports: list[tuple[str, str, str]]) -> None:
    """Reports, each (text, source, published)."""
    write_reports(folder, name, [{"text": t, "source": s, "published": p} for t, s, p in reports])


def contradictions(store: GraphStore, fact: str = "") -> set[tuple[str, str, str, int]]:
    query = load_queries()["contradictions"]
    rows = store.query(query.cypher, query.bind({"fact": fact})).records()
    return {(r["id"], r["fact"], r["value"], r["reports"]) for r in rows}


def test_reports_that_disagree_flag_the_person_with_both_values(any_store: GraphStore, tmp_path):
    reports = tmp_path / "reports"
    write(reports, "one.jsonl", [(WIRE, "Wire A", "2024-06-05"), (AGREES, "Wire C", "2024-05-09")])
    ingest([reports], any_store)
    assert contradictions(any_store) == set()  # nine years and Iraqi, twice: nothing to flag
    write(reports, "two.jsonl", [(HERALD, "Herald B", "2024-06-06")])
    ingest([reports], any_store)
    assert contradictions(any_store) == {
        ("person:baran_qadir", "nationality", "Iraq", 2),
        ("person:baran_qadir", "nationality", "Iran", 1),
        ("person:baran_qadir", "prison_sentence", "P9Y", 1),
        ("person:baran_qadir", "prison_sentence", "P8Y", 1),
    }
    assert contradictions(any_store, "prison_sentence") == {
        ("person:baran_qadir", "prison_sentence", "P9Y", 1),
        ("person:baran_qadir", "prison_sentence", "P8Y", 1),
    }
    before = any_store.read(FLAGS).rows
    person = GraphBatch([NodeRecord("Person", "person:baran_qadir", {})])
    for _ in range(2):  # checking again changes nothing
        any_store.write_batch(GraphBatch(), then=flag_statements(person))
        assert any_store.read(FLAGS).rows == before


def test_arabic_reports_that_disagree_flag_the_person(any_store: GraphStore, tmp_path):
    write(tmp_path / "r", "ar.jsonl", [(WAKALA, "وكالة أ", "2024-05-03"), (SAHIFA, "صحيفة ب", "2024-06-05")])
    ingest([tmp_path / "r"], any_store)
    flagged = any_store.read(FLAGS).rows
    assert [row[0] for row in flagged] == ["person:باران_قادر"]
    values = {entry(e)[1] for e in flagged[0][1]}
    assert values == {"Iraq", "Iran"}
    query = load_queries()["contradictions"]
    rows = any_store.query(query.cypher, query.bind({"fact": "nationality"})).records()
    assert sorted(r["sources"][0] for r in rows) == ["صحيفة ب", "وكالة أ"]


AGES = [
    ("Police arrested Baran Qadir, 41, in Luton on 2 May 2024.", "Wire A", "2024-05-03"),
    ("Baran Qadir, 42, appeared at Luton Crown Court on 4 March 2025.", "Herald B", "2025-03-05"),
]
AGE_WRONG = (
    "Baran Qadir, 45, ran adverts for Channel crossings, police said on 9 May 2024.",
    "Post C",
    "2024-05-10",
)
AGES_AR = [
    ("اعتقلت الشرطة باران قادر (41 عاماً) في لوتون في 2 مايو 2024.", "وكالة أ", "2024-05-03"),
    ("مثل باران قادر (47 عاماً) أمام محكمة لوتون في 4 يونيو 2024.", "صحيفة ب", "2024-06-05"),
]
SENTENCED = [
    (
        "Baran Qadir was sentenced to nine years at Luton Crown Court on 27 September 2024.",
        "Wire A",
        "2024-09-27",
    ),
    (
        "Baran Qadir was jailed for nine years at Luton Crown Court on 30 September 2024.",
        "Herald B",
        "2024-10-01",
    ),
]
SENTENCED_MONTH = ("Baran Qadir was jailed for nine years in September 2024.", "Post C", "2024-10-02")


def test_ages_that_imply_two_birth_years_are_a_contradiction_and_a_year_older_is_not(any_store, tmp_path):
    write(tmp_path / "r", "ages.jsonl", AGES)
    ingest([tmp_path / "r"], any_store)
    assert contradictions(any_store, "age") == set()  # 41 in 2024 and 42 in 2025: one man
    write(tmp_path / "r", "wrong.jsonl", [AGE_WRONG])
    ingest([tmp_path / "r"], any_store)
    assert contradictions(any_store, "age") == {
        ("person:baran_qadir", "age", "41 in 2024", 1),
        ("person:baran_qadir", "age", "42 in 2025", 1),
        ("person:baran_qadir", "age", "45 in 2024", 1),
    }


def test_arabic_ages_that_disagree_flag_the_person(any_store, tmp_path):
    write(tmp_path / "r", "ar.jsonl", AGES_AR)
    ingest([tmp_path / "r"], any_store)
    assert contradictions(any_store, "age") == {
        ("person:باران_قادر", "age", "41 in 2024", 1),
        ("person:باران_قادر", "age", "47 in 2024", 1),
    }


def test_two_sentencing_dates_disagree_and_a_month_alone_does_not(any_store, tmp_path):
    write(tmp_path / "r", "month.jsonl", [SENTENCED[0], SENTENCED_MONTH])
    ingest([tmp_path / "r"], any_store)
    assert contradictions(any_store, "sentencing_date") == set()  # September agrees with the 27th
    write(tmp_path / "r", "day.jsonl", [SENTENCED[1]])
    ingest([tmp_path / "r"], any_store)
    assert contradictions(any_store, "sentencing_date") == {
        ("person:baran_qadir", "sentencing_date", "2024-09-27", 1),
        ("person:baran_qadir", "sentencing_date", "2024-09-30", 1),
    }


def test_the_facts_are_checked_against_the_ontology():
    ontology = load_ontology()
    assert {fact.name for fact in single_valued()} >= {
        "nationality",
        "prison_sentence",
        "sentencing_date",
        "age",
        "price_per_person",
    }
    with pytest.raises(OntologyError, match="MENTIONS has no property 'height'"):
        check(StatedValue("height", "Person", "height"), ontology)
    with pytest.raises(OntologyError, match="no property 'age'"):
        check(SingleValued("age", "Person", "NATIONAL_OF", "Location", "age"), ontology)
    with pytest.raises(OntologyError, match="not allowed"):
        check(SingleValued("x", "Location", "NATIONAL_OF", "Person", "id"), ontology)
    with pytest.raises(OntologyError, match="not allowed"):
        check(AskedPrice("x", ("Location",), "per_person"), ontology)
    with pytest.raises(OntologyError, match="Payment has no property 'fare'"):
        check(AskedPrice("x", ("Person",), "fare"), ontology)


PRICES = [
    ("Police said Baran Qadir charged migrants £3,000 each for a place on a dinghy.", "Wire A", "2024-05-03"),
    ("Baran Qadir charged between £2,800 and £3,200 per person, the court heard.", "Herald B", "2024-06-05"),
    # five years before: prices change, so no contradiction with 2024
    ("Baran Qadir charged migrants £1,000 each in 2019, police said.", "Post D", "2019-07-01"),
    # one report, two prices (a seat, a "guaranteed" crossing), and euros: none contradicts
    ("Baran Qadir asked for €2,500 a head, or €5,000 a head for a sure crossing.", "Post E", "2024-08-01"),
]
PRICE_WRONG = ("Baran Qadir demanded £6,000 per person from each family.", "Post C", "2024-09-10")
PRICES_AR = [
    ("وقالت الشرطة إن المدعو باران قادر كان يتقاضى 3000 يورو عن كل شخص.", "وكالة أ", "2024-05-03"),
    ("ويتقاضى المدعو باران قادر 7000 يورو للشخص الواحد مقابل العبور.", "صحيفة ب", "2024-06-05"),
]


def test_prices_asked_for_each_person_that_cannot_both_hold_flag_the_asker(any_store, tmp_path):
    write(tmp_path / "r", "prices.jsonl", PRICES)
    ingest([tmp_path / "r"], any_store)
    assert contradictions(any_store, "price_per_person") == set()  # £3,000 within £2,800–3,200
    write(tmp_path / "r", "wrong.jsonl", [PRICE_WRONG])
    ingest([tmp_path / "r"], any_store)
    assert contradictions(any_store, "price_per_person") == {
        ("person:baran_qadir", "price_per_person", "GBP 3000 in 2024", 1),
        ("person:baran_qadir", "price_per_person", "GBP 2800–3200 in 2024", 1),
        ("person:baran_qadir", "price_per_person", "GBP 6000 in 2024", 1),
    }


def test_arabic_prices_that_disagree_flag_the_asker(any_store, tmp_path):
    write(tmp_path / "r", "ar.jsonl", PRICES_AR)
    ingest([tmp_path / "r"], any_store)
    assert contradictions(any_store, "price_per_person") == {
        ("person:باران_قادر", "price_per_person", "EUR 3000 in 2024", 1),
        ("person:باران_قادر", "price_per_person", "EUR 7000 in 2024", 1),
    }


def test_an_arabic_and_an_english_report_disagree_once_the_person_is_linked(any_store, tmp_path):
    write(tmp_path / "r", "both.jsonl", [(AGREES, "Wire C", "2024-05-09"), (SAHIFA, "صحيفة ب", "2024-06-05")])
    report = ingest([tmp_path / "r"], any_store)
    assert contradictions(any_store, "nationality") == set()  # two people until they are linked
    settle(any_store, [d.id for d in report.new])
    both = {row[0] for row in any_store.read(FLAGS).rows}
    assert both == {"person:baran_qadir", "person:باران_قادر"}  # each node carries the contradiction
    query = load_queries()["contradictions"]
    rows = any_store.query(query.cypher, query.bind({"fact": "nationality"})).records()
    assert {(r["name"], r["value"], r["reports"]) for r in rows} == {  # one person: one row a value
        ("Baran Qadir · باران قادر", "Iraq", 1),
        ("Baran Qadir · باران قادر", "Iran", 1),
    }
    split(any_store, "person:باران_قادر", analyst="test", reason="two men")
    recheck_all_linked(any_store)  # what `graph resolve --split` runs: the contradiction goes with the link
    assert contradictions(any_store, "nationality") == set()


def test_graph_ingest_and_graph_resolve_split_make_and_unmake_a_contradiction_across_scripts(tmp_path):
    write(tmp_path / "r", "both.jsonl", [(AGREES, "Wire C", "2024-05-09"), (SAHIFA, "صحيفة ب", "2024-06-05")])
    data = str(tmp_path / "data")
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(tmp_path / "r"), "--data", data])  # links, then compares
    assert ingested.exit_code == 0, ingested.output

    def values() -> set[str]:
        asked = runner.invoke(app, ["query", "--name", "contradictions", "--json", "--data", data])
        return {json.loads(line)["value"] for line in asked.stdout.splitlines()}

    assert values() == {"Iraq", "Iran"}
    done = runner.invoke(app, ["resolve", "--split", "person:باران_قادر", "--data", data])
    assert done.exit_code == 0, done.output
    assert values() == set()

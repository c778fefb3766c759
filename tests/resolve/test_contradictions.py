"""Contradictions: where reports disagree on a fact that should have one value, both values
stay, each with its reports, and the node is flagged; reports that agree flag nothing; on both
stores, in both scripts, from the real pipeline."""

import pytest

from graph.ingest import ingest
from graph.model import GraphBatch, NodeRecord
from graph.ontology import OntologyError, load_ontology
from graph.resolve.contradictions import (
    SingleValued,
    StatedValue,
    check,
    entry,
    flag_statements,
    single_valued,
)
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
    }
    with pytest.raises(OntologyError, match="MENTIONS has no property 'height'"):
        check(StatedValue("height", "Person", "height"), ontology)
    with pytest.raises(OntologyError, match="no property 'age'"):
        check(SingleValued("age", "Person", "NATIONAL_OF", "Location", "age"), ontology)
    with pytest.raises(OntologyError, match="not allowed"):
        check(SingleValued("x", "Location", "NATIONAL_OF", "Person", "id"), ontology)

"""The article the project started from (../shared/seeds) must still come out right."""

import pytest

from graph.ingest import ingest


@pytest.fixture
def seeded(store, seed_path):
    report = ingest([seed_path], store)
    assert report.ok and len(report.new) == 1
    return store


def one(store, query, **params):
    return store.query(query, params).rows


def test_one_nca_node_holding_its_arabic_aliases(seeded):
    rows = one(seeded, "MATCH (o:Organisation) WHERE 'NCA' IN o.aliases RETURN o.id, o.name, o.aliases")
    assert len(rows) == 1
    node_id, name, aliases = rows[0]
    assert (node_id, name) == ("org:nca", "National Crime Agency")
    assert {"NCA", "الوكالة الوطنية لمكافحة الجريمة", "وكالة مكافحة الجريمة الوطنية"} <= set(aliases)
    assert one(seeded, "MATCH (o:Organisation) RETURN count(o)") == [[1]]


def test_the_four_platforms(seeded):
    rows = one(seeded, "MATCH (p:Platform) RETURN p.name ORDER BY p.name")
    assert [r[0] for r in rows] == ["Meta", "TikTok", "X", "YouTube"]


def test_dan_barcroft_works_for_the_nca(seeded):
    rows = one(
        seeded,
        "MATCH (p:Person)-[w:WORKS_FOR]->(o:Organisation) "
        "RETURN p.name, p.unnamed, o.id, w.role, w.sentence, w.doc_id",
    )
    assert len(rows) == 1
    name, unnamed, org, role, sentence, doc_id = rows[0]
    assert (name, unnamed, org) == ("دان باركروفت", False, "org:nca")
    assert role.startswith("كبير مسؤولي التهديدات")
    assert "دان باركروفت" in sentence and len(doc_id) == 64


def test_the_united_kingdom_and_the_uk_based_three(seeded):
    assert one(seeded, "MATCH (l:Location {id: 'loc:GB'}) RETURN l.name") == [["United Kingdom"]]
    rows = one(
        seeded, "MATCH (p:Person {unnamed: true})-[:LOCATED_IN]->(:Location {id: 'loc:GB'}) RETURN p.count"
    )
    assert rows == [[3]]


def test_an_iraqi_nationality_on_an_unnamed_person(seeded):
    rows = one(
        seeded,
        "MATCH (p:Person {unnamed: true, nationality: 'IQ'})-[:NATIONAL_OF]->(l:Location) "
        "RETURN p.name, l.name",
    )
    assert rows == [["مواطن عراقي", "Iraq"]]


def test_court_dates_take_the_year_from_context(seeded):
    rows = one(
        seeded, "MATCH (e:Event {kind: 'court_hearing'}) RETURN e.date, e.date_precision ORDER BY e.date"
    )
    assert rows == [["2024-08-02", "day"], ["2024-09-09", "day"]]


def test_every_relationship_leads_back_to_its_sentence(seeded):
    rows = one(
        seeded,
        "MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONS' "
        "MATCH (d:Document {id: r.doc_id}) RETURN r.start, r.end, r.sentence, d.text",
    )
    assert rows
    for start, end, sentence, text in rows:
        assert sentence and sentence in text and 0 <= start < end <= len(text)


def test_ingesting_the_seed_again_changes_nothing(seeded, seed_path):
    before = seeded.counts()
    snapshot = seeded.query("MATCH (n) RETURN n ORDER BY n.id").rows
    report = ingest([seed_path], seeded)
    assert report.counts["unchanged"] == 1 and not report.new
    assert seeded.counts() == before
    assert seeded.query("MATCH (n) RETURN n ORDER BY n.id").rows == snapshot


def test_rewriting_the_seeds_extraction_changes_no_value(seeded, seed_path):
    from graph.nlp.extract import extract
    from graph.resolve.builder import build_batch
    from graph.sources import iter_documents

    snapshot = seeded.query("MATCH (n) RETURN n ORDER BY n.id").rows
    rels = seeded.query("MATCH (a)-[r]->(b) RETURN a.id, r, b.id ORDER BY a.id, b.id, r.key").rows
    (document,) = iter_documents([seed_path])
    stats = seeded.write_batch(build_batch(extract(document)))
    assert stats.nodes_created == 0 and stats.relationships_created == 0
    assert seeded.query("MATCH (n) RETURN n ORDER BY n.id").rows == snapshot
    assert seeded.query("MATCH (a)-[r]->(b) RETURN a.id, r, b.id ORDER BY a.id, b.id, r.key").rows == rels

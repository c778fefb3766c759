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
        "MATCH (p:Person)-[w:WORKS_FOR]->(o:Organisation), (d:Document {id: w.doc_id}) "
        "RETURN p.name, p.unnamed, o.id, w.role, d.sentences[w.sentence_no], w.doc_id",
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
        "MATCH (d:Document {id: r.doc_id}) RETURN r.start, r.end, d.sentences[r.sentence_no], d.text",
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
    from graph.resolve.records import build_batch
    from graph.sources import iter_documents

    snapshot = seeded.query("MATCH (n) RETURN n ORDER BY n.id").rows
    rels = seeded.query("MATCH (a)-[r]->(b) RETURN a.id, r, b.id ORDER BY a.id, b.id, r.key").rows
    (document,) = iter_documents([seed_path])
    stats = seeded.write_batch(build_batch(extract(document)))
    assert stats.nodes_created == 0 and stats.relationships_created == 0
    assert seeded.query("MATCH (n) RETURN n ORDER BY n.id").rows == snapshot
    assert seeded.query("MATCH (a)-[r]->(b) RETURN a.id, r, b.id ORDER BY a.id, b.id, r.key").rows == rels


def test_the_seeds_events_as_design_md_holds_them(seeded):
    def events(kind):
        return one(
            seeded,
            "MATCH (e:Event {kind: $kind}) RETURN e.id, e.date, e.count, e.count_qualifier "
            "ORDER BY e.date, e.id",
            kind=kind,
        )

    def participants(event_id):
        return sorted(
            one(seeded, "MATCH (x)-[r:PARTICIPATED_IN]->(e:Event {id: $id}) RETURN x.id, r.role", id=event_id)
        )

    (partnership, *_) = [e for e in events("partnership") if e[1] == "2021-12"]
    assert participants(partnership[0]) == [
        ["org:nca", "agent"],
        ["platform:meta", "partner"],
        ["platform:tiktok", "partner"],
        ["platform:x", "partner"],
        ["platform:youtube", "partner"],
    ]
    takedowns = {(e[1], e[2], e[3]) for e in events("takedown") if e[2]}
    assert {("2024-06", 12000, "about"), ("2023-04", 3300, "about"), (None, 9000, "about")} <= takedowns
    arrests = events("arrest")
    assert [e[1] for e in arrests] == ["2024-04", "2024-05"]
    three, iraqi = (participants(e[0]) for e in arrests)
    uk_three = next(x for x, role in three if x.startswith("person:unnamed") and role == "subject")
    assert ["org:nca", "agent"] in three
    assert one(seeded, "MATCH (p:Person {id: $id})-[:LOCATED_IN]->(l) RETURN p.count, l.id", id=uk_three) == [
        [3, "loc:GB"]
    ]
    iraqi_person = next(x for x, role in iraqi if x.startswith("person:unnamed"))
    assert one(seeded, "MATCH (p:Person {id: $id}) RETURN p.nationality", id=iraqi_person) == [["IQ"]]
    # each arrest is followed by a charge and a court hearing of the same person
    for person, hearing in ((uk_three, "2024-08-02"), (iraqi_person, "2024-09-09")):
        kinds = one(
            seeded,
            "MATCH (p:Person {id: $id})-[:PARTICIPATED_IN]->(e:Event) RETURN e.kind, e.date ORDER BY e.kind",
            id=person,
        )
        assert {k for k, _ in kinds} >= {"arrest", "charge", "court_hearing"}
        assert ["court_hearing", hearing] in kinds
    seizures = events("seizure")
    assert [(e[2], e[3]) for e in seizures] == [(350, "at_least")]
    seized = one(
        seeded, "MATCH (e:Event {kind: 'seizure'})-[:SEIZED]->(x) RETURN labels(x)[0] ORDER BY labels(x)[0]"
    )
    assert seized == [["Equipment"], ["Vessel"]]
    assert "الشركاء في الخارج" in one(seeded, "MATCH (e:Event {kind: 'seizure'}) RETURN e.summary")[0][0]

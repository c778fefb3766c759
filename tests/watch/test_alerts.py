"""Alerts on both stores: a watched handle, phone number or person named in a new report raises
one Alert (linked to the entry, the entity and the report, with the sentence), across scripts
and letter variants; nothing else does, and reading the same reports again raises nothing new."""

import pytest

from graph.model import Document, EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.nlp.extract import extract
from graph.resolve.records import build_batch
from graph.store.base import GraphStore
from graph.watch.alerts import list_alerts, raise_alerts
from graph.watch.entries import WatchEntry, add_watch, remove_watch

REPORTS = {
    "en": "Police said the TikTok account @Crossing_UK24 advertised crossings. "
    "Karwan Saleh, who ran it, was arrested in Dover on 3 May 2024.",
    "ar": "اعتقلت الشرطة البريطانية كاروان صالح في دوفر. وكان يدير حساب @crossing_uk24 على تيك توك "
    "ويستخدم الرقم ٠٠٤٤ ٧٧٠٠ ٩٠٠١٢٣.",
}


def write(store: GraphStore, lang: str) -> str:
    document = Document(
        id=lang * 32, text=REPORTS[lang], lang=lang, path=f"{lang}.txt", published="2024-05-04"
    )
    store.write_batch(build_batch(extract(document)))
    return document.id


def watch(store: GraphStore) -> None:
    add_watch(store, WatchEntry.of("handle", "@CROSSING_UK24"), analyst="ops")
    add_watch(store, WatchEntry.of("person", "Karwan Saleh"), analyst="ops")  # Latin, read in Arabic too
    add_watch(store, WatchEntry.of("phone", "+44 7700 900123"), analyst="ops")
    add_watch(store, WatchEntry.of("person", "Himen Aziz"), analyst="ops")  # in neither report


def test_watched_entities_raise_one_alert_each_with_their_sentence(any_store: GraphStore):
    watch(any_store)
    ids = [write(any_store, "en"), write(any_store, "ar")]
    alerts = raise_alerts(any_store, ids, "run:test")
    found = sorted((a.doc_id[:2], a.watch_kind, a.entity_name, a.method) for a in alerts)
    assert found == [
        ("ar", "handle", "crossing_uk24", "key"),
        ("ar", "person", "كاروان صالح", "romanize+rapidfuzz"),
        ("ar", "phone", "+447700900123", "key"),
        ("en", "handle", "crossing_uk24", "key"),
        ("en", "person", "Karwan Saleh", "key"),
    ]
    for alert in alerts:
        assert alert.sentence and alert.sentence in REPORTS[alert.doc_id[:2]]
    assert all(a.entity_name not in ("Himen Aziz",) for a in alerts)
    links = any_store.query(
        "MATCH (w:Watch)-[:ALERTED]->(a:Alert)-[:MATCHED]->(n), (a)-[:FOUND_IN]->(d:Document) "
        "RETURN w.kind, n.id, d.id, a.run_id ORDER BY w.kind, d.id"
    ).rows
    assert len(links) == 5 and {row[3] for row in links} == {"run:test"}


def test_the_same_reports_raise_nothing_twice(any_store: GraphStore):
    watch(any_store)
    ids = [write(any_store, "en")]
    first = raise_alerts(any_store, ids, "run:1")
    raised_at = {a.id: a.raised_at for a in list_alerts(any_store)}
    again = raise_alerts(any_store, ids, "run:2")
    assert {a.id for a in again} == {a.id for a in first}
    assert any_store.query("MATCH (a:Alert) RETURN count(a)").rows == [[len(first)]]
    assert {a.id: a.raised_at for a in list_alerts(any_store)} == raised_at  # raised once


def test_alerts_are_listed_since_a_date_and_outlive_their_entry(any_store: GraphStore):
    watch(any_store)
    raise_alerts(any_store, [write(any_store, "en")])
    assert len(list_alerts(any_store)) == 2
    assert list_alerts(any_store, "2999-01-01") == []
    remove_watch(any_store, "watch:handle:crossing_uk24")
    kept = list_alerts(any_store, "2000-01-01")
    assert sorted(a.watch_value for a in kept) == ["@CROSSING_UK24", "Karwan Saleh"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_without_a_watch_list_nothing_is_read_or_raised(any_store: GraphStore, lang):
    assert raise_alerts(any_store, [write(any_store, lang)]) == []
    assert any_store.query("MATCH (a:Alert) RETURN count(a)").rows == [[0]]


def test_a_store_written_before_sentences_were_numbered_still_quotes_the_sentence(any_store: GraphStore):
    """An older store's mention carries its sentence as text (no `sentence_no`): its alert
    keeps that sentence, and `graph watch alerts` shows it."""
    sentence = "حساب @crossing_uk24 على تيك توك"
    old = Provenance("d" * 64, 5, 19, sentence, "rule:handle", 0.9, "2024-05-04")  # no sentence_no
    account = NodeRecord(
        "Account", "account:tiktok:crossing_uk24", {"handle": "crossing_uk24", "kind": "account"}, old
    )
    document = NodeRecord("Document", "d" * 64, {"title": "old report", "text": sentence}, None)
    mention = EdgeRecord("MENTIONS", "Document", "d" * 64, "Account", account.id, "5", {}, old)
    any_store.write_batch(GraphBatch([document, account], [mention]))
    add_watch(any_store, WatchEntry.of("handle", "@crossing_uk24"))
    (raised,) = raise_alerts(any_store, ["d" * 64])
    (listed,) = list_alerts(any_store)
    assert raised.sentence == listed.sentence == sentence

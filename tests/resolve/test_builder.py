"""Graph records from extractions: canonical ids, relations from sentences, provenance on all."""

from graph.model import Document
from graph.nlp.extract import extract
from graph.resolve.builder import build_batch


def batch(text: str, lang: str, doc_id: str = "d" * 64):
    return build_batch(extract(Document(id=doc_id, text=text, lang=lang, path="t", seen="2024-01-01")))


def edges(b, rel_type):
    return {(e.source_id, e.target_id, e.key) for e in b.edges if e.type == rel_type}


def test_apposition_gives_works_for_with_role_in_english():
    b = batch('"We act," said Sarah Whitfield, branch commander at the NCA.', "en")
    assert edges(b, "WORKS_FOR") == {("person:sarah_whitfield", "org:nca", "branch commander")}


def test_apposition_gives_works_for_with_role_in_arabic():
    b = batch("وقال جان ديبوا، المتحدث باسم الشرطة الفرنسية: نعمل مع الشركاء.", "ar")
    assert edges(b, "WORKS_FOR") == {("person:جان_ديبوا", "org:french_police", "المتحدث باسم")}


def test_accounts_are_hosted_on_the_platform_their_form_names():
    b = batch("The group used t.me/hawler_boats and @cross_now on TikTok and wa.me/447700900123.", "en")
    assert edges(b, "HOSTED_ON") == {
        ("account:telegram:hawler_boats", "platform:telegram", ""),
        ("account:tiktok:cross_now", "platform:tiktok", ""),
    }
    phones = [n for n in b.nodes if n.id == "phone:+447700900123"]
    assert phones and phones[0].props["kind"] == "phone"


def test_unnamed_people_are_never_merged_across_documents():
    text = "Police arrested an Iraqi national in Dover."
    a = {n.id for n in batch(text, "en", "a" * 64).nodes if n.label == "Person"}
    b = {n.id for n in batch(text, "en", "b" * 64).nodes if n.label == "Person"}
    assert a and b and not a & b


def test_every_record_carries_provenance():
    b = batch("في مايو 2024 ألقت الشرطة الفرنسية القبض على مواطن عراقي في كاليه.", "ar")
    for record in [*b.nodes, *b.edges]:
        if getattr(record, "label", None) == "Document":
            continue
        assert record.prov is not None
        assert record.prov.doc_id == "d" * 64 and record.prov.sentence and record.prov.extractor


def test_events_get_dates_counts_and_participants():
    b = batch(
        "In April 2024 the NCA arrested three UK-based individuals. "
        "They were charged and will appear in court on 2 August.",
        "en",
    )
    events = {n.props["kind"]: n.props for n in b.nodes if n.label == "Event"}
    assert events["arrest"]["date"] == "2024-04"
    assert events["court_hearing"]["date"] == "2024-08-02"
    subjects = {(s, t) for s, t, role in edges(b, "PARTICIPATED_IN") if role == "subject"}
    person = next(n.id for n in b.nodes if n.label == "Person")
    assert {t.split(":")[2] for s, t in subjects if s == person} == {"arrest", "charge", "court_hearing"}

"""Graph records from extractions: canonical ids, one node per entity, provenance on all.
How the text is read (relations, events) is tested beside the readers, in tests/nlp/reading/."""

from tests.nlp.reading.records import batch, edges


def test_an_acronym_and_its_expansion_are_one_organisation():
    b = batch(
        "Police dismantled the Kurdish Smuggling Network (KSN) in Calais. Officers said KSN ran boats.", "en"
    )
    orgs = [n for n in b.nodes if n.label == "Organisation"]
    assert [n.id for n in orgs] == ["org:kurdish_smuggling_network"]
    assert {"Kurdish Smuggling Network", "KSN"} <= set(orgs[0].aliases)
    mentions = [e for e in b.edges if e.type == "MENTIONS" and e.target_id == orgs[0].id]
    assert len(mentions) == 3  # the full name and both uses of the acronym


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

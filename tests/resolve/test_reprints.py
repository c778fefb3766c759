"""Reprints and corroboration: a report that repeats another's text counts under the other's
origin, so a fact read in a story and in its reprint has two reports but one independent
source; a second publisher's own story is a second source; on both stores, in both scripts."""

from hypothesis import given
from hypothesis import strategies as st

from graph.ingest import ingest
from graph.model import Document
from graph.resolve.reprints import Fingerprint, Known, ReprintIndex, settings, shingles
from graph.store.base import GraphStore
from graph.store.library import load_queries

from .reports import write_reports

STORY_EN = (
    "The National Crime Agency said on 3 May 2024 that TikTok removed the account @dover_runs_uk, "
    "which advertised small boat crossings from Gravelines for 2,000 euros a seat. Officers arrested "
    "Baran Qadir, 41, in Luton on 2 May 2024 on suspicion of facilitating illegal entry, and said the "
    "account had posted more than 60 videos since January."
)
STORY_AR = (
    "قالت الوكالة الوطنية لمكافحة الجريمة في 3 مايو 2024 إن تيك توك حذف الحساب @dover_runs_uk الذي "
    "روج لرحلات القوارب الصغيرة من غرافلين مقابل 2000 يورو للمقعد، وإن الضباط اعتقلوا باران قادر، 41 "
    "عاماً، في لوتون يوم 2 مايو 2024 للاشتباه في تسهيل الدخول غير الشرعي، وإن الحساب نشر أكثر من 60 "
    "مقطعاً منذ يناير."
)


def report(text: str, source: str, published: str, title: str) -> dict[str, str]:
    return {
        "text": text,
        "source": source,
        "published": published,
        "title": title,
        "url": f"https://{title}.example",
    }


def test_a_reprint_shares_a_band_and_most_of_its_shingles():
    original = Fingerprint.of(STORY_EN)
    reprint = Fingerprint.of("LUTON — " + STORY_EN.replace(" since January", "") + " Comment was sought.")
    other = Fingerprint.of(STORY_AR)
    assert reprint.containment(original) >= settings()["min_containment"]
    assert set(original.bands()) & set(reprint.bands())
    assert original.containment(other) < 0.2
    index = ReprintIndex([Known("wire", "source:example wire", original), Known("ar", "source:x", other)])
    assert index.reprinted(Document("herald", "", "en", "h.txt"), reprint).id == "wire"


def test_a_cut_down_reprint_is_still_one():
    """A site that runs only the first half of a story repeats it: containment is measured
    against the shorter text."""
    long_story = STORY_EN + " " + STORY_EN.replace("Baran Qadir", "his brother").replace("60", "90")
    half = Fingerprint.of(STORY_EN)
    assert half.containment(Fingerprint.of(long_story)) >= settings()["min_containment"]


@given(st.text(min_size=0, max_size=300))
def test_fingerprints_are_stable_and_sized(text):
    fingerprint = Fingerprint.of(text)
    assert Fingerprint.of(text) == fingerprint and fingerprint.size == len(shingles(text))
    assert len(fingerprint.bands()) == settings()["bands"]
    assert len(fingerprint.signature) == settings()["bands"] * settings()["rows"]
    assert fingerprint.containment(fingerprint) == (1.0 if fingerprint.size else 0.0)


def test_the_index_names_each_candidate_once_in_id_order():
    a, b = Fingerprint.of(STORY_EN), Fingerprint.of(STORY_EN + " More.")
    index = ReprintIndex([Known("b", "source:x", b), Known("a", "source:y", a)])
    assert [k.id for k in index.candidates(a, besides="z")] == ["a", "b"]
    assert [k.id for k in index.candidates(a, besides="a")] == ["b"]


def test_a_report_with_no_publisher_is_its_own_origin():
    assert Document("d9", "x", "ar", "f.txt", source="  ").origin == "document:d9"
    assert Document("d9", "x", "ar", "f.txt", source="وكالة الأنباء").origin == "source:وكاله الانباء"


def facts(store: GraphStore, name: str) -> dict[tuple[str, str], tuple[int, int]]:
    query = load_queries()["corroboration"]
    rows = store.query(query.cypher, query.bind({"name": name})).records()
    return {(r["relation"], r["other"]): (r["reports"], r["independent"]) for r in rows}


def test_a_reprint_adds_a_report_but_not_a_source(any_store: GraphStore, tmp_path):
    reports = tmp_path / "reports"
    write_reports(reports, "wire.jsonl", [report(STORY_EN, "Example Wire", "2024-05-03", "wire")])
    ingest([reports], any_store)
    assert facts(any_store, "dover_runs_uk")[("HOSTED_ON", "TikTok")] == (1, 1)
    # next run: the same story reprinted by a second site (new first and last lines), then the
    # wire's own second story and an Arabic report by another publisher
    reprint = "LUTON — " + STORY_EN.replace(" since January", "") + " The Herald asked TikTok for comment."
    write_reports(reports, "more.jsonl", [report(reprint, "Luton Herald", "2024-05-04", "herald")])
    ingest([reports], any_store)
    assert facts(any_store, "dover_runs_uk")[("HOSTED_ON", "TikTok")] == (2, 1)
    rows = any_store.read("MATCH (d:Document) WHERE d.reprint_of IS NOT NULL RETURN d.title, d.origin").rows
    assert rows == [["herald", "source:example wire"]]
    write_reports(reports, "arabic.jsonl", [report(STORY_AR, "وكالة الأنباء", "2024-05-03", "ar")])
    ingest([reports], any_store)
    assert facts(any_store, "dover_runs_uk")[("HOSTED_ON", "TikTok")] == (3, 2)
    ingest([reports], any_store)  # re-running changes nothing
    assert facts(any_store, "dover_runs_uk")[("HOSTED_ON", "TikTok")] == (3, 2)


def test_reports_of_one_batch_are_compared_with_each_other(any_store: GraphStore, tmp_path):
    reprint = STORY_AR.replace("منذ يناير.", "منذ يناير، بحسب الوكالة.")
    write_reports(
        tmp_path / "r",
        "both.jsonl",
        [
            report(STORY_AR, "وكالة الأنباء", "2024-05-03", "a"),
            report(reprint, "صحيفة المثال", "2024-05-04", "b"),
        ],
    )
    ingest([tmp_path / "r"], any_store)
    hosted = facts(any_store, "dover_runs_uk")[("HOSTED_ON", "TikTok")]
    assert hosted == (2, 1)
    # the arrest of 2 May 2024 is told by both: two reports, one source; the account's
    # advertisements (no date) are each report's own
    query = "MATCH (e:Event) RETURN e.kind, e.date, e.support, e.independent_support ORDER BY e.id"
    events = any_store.read(query).rows
    assert [row[2:] for row in events if row[0] == "arrest"] == [[2, 1], [2, 1]]
    assert all(row[2:] == [1, 1] for row in events if row[1] is None)

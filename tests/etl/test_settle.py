"""Settling: what follows a batch (linking across scripts, recounting, comparing, the watch
list) covers every report written whole, including those a stopped run wrote and never settled,
and settling again changes nothing; on both stores, with reports in both scripts."""

from tests.resolve.reports import write_reports

from graph.etl.settle import settle
from graph.ingest import ingest
from graph.store.base import GraphStore

REPORTS = [
    {"text": "Police arrested Baran Qadir, an Iraqi national, in Luton on 2 May 2024.", "source": "Wire A",
     "published": "2024-05-03"},
    {"text": "اعتقلت الشرطة باران قادر، وهو مواطن إيراني، في لوتون في 2 مايو 2024.", "source": "صحيفة ب",
     "published": "2024-05-04"},
]  # fmt: skip
UNSETTLED = "MATCH (d:Document) WHERE d.settled IS NULL RETURN count(d)"
LINKS = "MATCH (:Person)-[s:SAME_AS]->(:Person) RETURN count(s)"
FLAGGED = "MATCH (p:Person) WHERE p.contradicted = true RETURN p.id ORDER BY p.id"


def test_a_run_settles_what_an_earlier_run_wrote_and_left_unsettled(any_store: GraphStore, tmp_path):
    write_reports(tmp_path / "r", "both.jsonl", REPORTS)
    ingest([tmp_path / "r"], any_store)  # written whole, as by a run killed before it settled
    assert any_store.read(UNSETTLED).rows == [[2]] and any_store.read(LINKS).rows == [[0]]
    settled = settle(any_store, [])  # the next run, with nothing new of its own
    assert (settled.left_before, settled.problems) == (2, [])
    assert any_store.read(UNSETTLED).rows == [[0]] and any_store.read(LINKS).rows == [[1]]
    # the Arabic and the English report disagree once the two are one person
    assert [row[0] for row in any_store.read(FLAGGED).rows] == ["person:baran_qadir", "person:باران_قادر"]
    before = any_store.counts()
    again = settle(any_store, [])
    assert (again.left_before, again.same_as) == (0, None) and any_store.counts() == before

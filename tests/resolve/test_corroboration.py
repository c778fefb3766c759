"""Events told by several reports: one kind, the same day, the same named subject or target
(in either script, once people are linked) make one event whose every node counts the reports
and the independent sources that tell it; a different day, an unnamed subject or a month alone
do not; on both stores."""

from graph.ingest import ingest
from graph.resolve.corroboration import recount_support
from graph.resolve.crossdoc import resolve_people
from graph.store.base import GraphStore

from .reports import write_reports

WIRE = "Police arrested Baran Qadir in Luton on 2 May 2024 on suspicion of people smuggling."
HERALD = "Baran Qadir, a taxi driver, was arrested on 2 May 2024 in Luton, the Luton Herald understands."
REPRINT = "LUTON: " + WIRE + " He was released on bail."
ARABIC = "اعتقلت الشرطة باران قادر في مدينة لوتون يوم 2 مايو 2024 للاشتباه في تهريب المهاجرين."
OTHER_DAY = "Police arrested Baran Qadir again in Luton on 9 May 2024."
UNNAMED = "Police arrested a 27-year-old Syrian man in Luton on 2 May 2024."


def write(folder, name: str, reports: list[tuple[str, str]]) -> None:
    """Reports of one day, each (text, source)."""
    write_reports(folder, name, [{"text": t, "source": s, "published": "2024-05-03"} for t, s in reports])


def arrests(store: GraphStore) -> list[tuple[str, int, int]]:
    query = "MATCH (e:Event {kind: 'arrest'}) RETURN e.date, e.support, e.independent_support ORDER BY e.id"
    rows = store.read(query).rows
    return [tuple(row) for row in rows]


def test_one_arrest_told_by_several_reports_counts_them_all(any_store: GraphStore, tmp_path):
    reports = tmp_path / "reports"
    write(
        reports,
        "all.jsonl",
        [(WIRE, "Wire"), (HERALD, "Luton Herald"), (REPRINT, "Bedford Today"), (ARABIC, "وكالة أ"),
         (OTHER_DAY, "Wire"), (UNNAMED, "Wire")],
    )  # fmt: skip
    report = ingest([reports], any_store)
    # before people are linked across scripts: the three English reports of 2 May (one a reprint)
    assert sorted(arrests(any_store)) == sorted(
        [("2024-05-02", 3, 2)] * 3 + [("2024-05-02", 1, 1)] * 2 + [("2024-05-09", 1, 1)]
    )
    resolve_people(any_store)
    recount_support(any_store, [d.id for d in report.new])
    # the Arabic report of the same arrest joins them; another day and an unnamed man do not
    assert sorted(arrests(any_store)) == sorted(
        [("2024-05-02", 4, 3)] * 4 + [("2024-05-02", 1, 1), ("2024-05-09", 1, 1)]
    )
    recount_support(any_store, [d.id for d in report.new])  # counting again changes nothing
    assert sorted(arrests(any_store)) == sorted(
        [("2024-05-02", 4, 3)] * 4 + [("2024-05-02", 1, 1), ("2024-05-09", 1, 1)]
    )

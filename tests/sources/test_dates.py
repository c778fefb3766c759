"""Dates that mean the event, not the run: a document's date is what its source says (a date
line, a JSON line's date, a page's metadata, a job), never the file's time; a node or
relationship read from a document with no date has no first_seen/last_seen, not today."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from graph.etl.jobs import JobError, load_job
from graph.etl.runner import run_job
from graph.etl.state import EtlState
from graph.sources.dates import date_line, published_date
from graph.sources.readers import read_file

ARABIC_BODY = (
    "ألقت الشرطة الفرنسية القبض على المدعو كاروان صالح في مدينة كاليه بتهمة تهريب المهاجرين عبر "
    "القنال الإنجليزي، وقالت الوكالة الوطنية لمكافحة الجريمة إن الشبكة كانت تروج لرحلاتها على تيك توك.\n"
)
ARABIC_DATED = "المرصد العربي في لندن\nالتاريخ: 15 تموز 2024\n" + ARABIC_BODY
ENGLISH_UNDATED = (
    "Kent Courier\n"
    "Border Force intercepted a small boat carrying 40 migrants off Dover. The pilot, Ardit Hoxha, "
    "was arrested and charged with facilitating illegal entry. The National Crime Agency said the "
    "crossing had been advertised on the Instagram account @dover_rides_uk.\n"
)


def test_dates_in_both_languages_and_both_arabic_month_series():
    assert published_date("15 تموز 2024") == published_date("15 يوليو 2024") == "2024-07-15"
    assert published_date("١٥ أيار ٢٠٢٤") == "2024-05-15"  # Arabic-Indic digits, hamza on the month
    assert published_date("3 June 2024") == published_date("June 3, 2024") == "2024-06-03"
    assert published_date("2024-09-12T08:00:00Z") == "2024-09-12"
    assert published_date("Wed, 09 Oct 2024 10:00:00 GMT") == "2024-10-09"
    # no year, no date: today or this year is never assumed
    assert published_date("3 June") is None and published_date("") is None and published_date(None) is None
    assert date_line("NCA press office\nA man was charged.\nPublished 3 June 2024.") == "2024-06-03"
    assert date_line("نشر في 3 حزيران 2024\nنص التقرير") == "2024-06-03"
    assert date_line("Karwan Saleh was arrested on 14 March 2024.") is None  # an event, not the report


def test_reading_a_file_never_dates_it_by_its_time(tmp_path):
    (tmp_path / "ar.txt").write_text(ARABIC_DATED, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH_UNDATED, encoding="utf-8")
    (arabic,) = read_file(tmp_path / "ar.txt")
    (english,) = read_file(tmp_path / "en.txt")
    assert (arabic.lang, arabic.published, arabic.seen) == ("ar", "2024-07-15", "2024-07-15")
    assert (english.lang, english.published, english.seen) == ("en", None, None)
    lines = tmp_path / "wire.jsonl"
    records = [{"text": ENGLISH_UNDATED, "date": "2024-06-22"}, {"text": ARABIC_BODY}]
    lines.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    dated, undated = read_file(lines)
    assert dated.published == "2024-06-22" and undated.published is None


def write_job(folder: Path, **source_options) -> Path:
    reports = folder / "reports"
    reports.mkdir()
    (reports / "ar_dated.txt").write_text(ARABIC_DATED, encoding="utf-8")
    (reports / "en_undated.txt").write_text(ENGLISH_UNDATED, encoding="utf-8")
    job = folder / "dates.yaml"
    source = {"kind": "folder", "path": "reports", **source_options}
    spec = {"name": "dates", "sources": [source]}
    job.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return job


def seen_by_document(store) -> dict[str, set[tuple]]:
    """(first_seen, last_seen) of every node and relationship read from one document only, by the
    language of that document."""
    found: dict[str, set[tuple]] = {}
    for lang, first, last in store.query(
        "MATCH (d:Document)-[:MENTIONS]->(n) WITH n, collect(DISTINCT d) AS docs WHERE size(docs) = 1 "
        "WITH n, docs[0] AS d RETURN d.lang AS lang, n.first_seen AS first, n.last_seen AS last "
        "UNION ALL MATCH (d:Document) MATCH ()-[r]->() WHERE r.doc_ids = [d.id] "
        "RETURN d.lang AS lang, r.first_seen AS first, r.last_seen AS last"
    ).rows:
        found.setdefault(lang, set()).add((first, last))
    return found


def test_nodes_of_an_undated_report_have_no_dates_and_of_a_dated_one_its_date(store, tmp_path):
    report = run_job(load_job(str(write_job(tmp_path))), store, EtlState(tmp_path / "state"))
    assert report.status == "ok", report.errors
    published = dict(store.query("MATCH (d:Document) RETURN d.lang, d.published").rows)
    assert published == {"ar": "2024-07-15", "en": None}
    seen = seen_by_document(store)
    assert seen["ar"] == {("2024-07-15", "2024-07-15")}
    assert seen["en"] == {(None, None)}
    today = datetime.now(UTC).date().isoformat()
    assert store.query(
        "MATCH (n) WHERE n.first_seen >= $today OR n.last_seen >= $today RETURN count(n)", {"today": today}
    ).rows == [[0]]


def test_a_job_dates_a_file_that_says_nothing_of_its_date(store, tmp_path):
    job = load_job(str(write_job(tmp_path, dates={"en_undated.txt": "2024-05-02"}, date="1 March 2024")))
    assert run_job(job, store, EtlState(tmp_path / "state")).status == "ok"
    published = dict(store.query("MATCH (d:Document) RETURN d.lang, d.published").rows)
    assert published == {"ar": "2024-07-15", "en": "2024-05-02"}  # the report's own date comes first
    assert seen_by_document(store)["en"] == {("2024-05-02", "2024-05-02")}


def test_a_job_date_must_be_a_date(tmp_path):
    with pytest.raises(JobError, match="'dates' has no date with a year"):
        load_job(str(write_job(tmp_path, dates={"en_undated.txt": "sometime in May"})))


def test_an_events_own_date_dates_it_where_the_report_is_undated(store, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "arrest.txt").write_text(
        "Kent Courier\nKarwan Saleh was arrested by NCA officers in Birmingham on 14 March 2024 and "
        "charged with facilitating illegal entry into the United Kingdom.\n",
        encoding="utf-8",
    )
    job = tmp_path / "events.yaml"
    job.write_text(yaml.safe_dump({"name": "events", "sources": [{"kind": "folder", "path": "reports"}]}))
    assert run_job(load_job(str(job)), store, EtlState(tmp_path / "state")).status == "ok"
    events = store.query("MATCH (e:Event) RETURN e.kind, e.date, e.first_seen, e.last_seen").rows
    assert any(date == "2024-03-14" for _, date, _, _ in events)
    assert all(first == last == date for _, date, first, last in events)  # or all three empty
    people = store.query("MATCH (p:Person {name: 'Karwan Saleh'}) RETURN p.first_seen").rows
    assert people == [[None]]

"""Job files, structured intelligence mappings and feeds: the sources of the periodic ETL."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.etl.jobs import JobError, load_job
from graph.etl.runner import run_job
from graph.etl.state import EtlState
from graph.ontology import OntologyError
from graph.sources.feeds import read_feed
from graph.sources.readers import SourceError
from graph.sources.structured import Mapping, fill, read_structured

from .conftest import ACCOUNTS_MAPPING, REPO, write_job

SAMPLES = REPO / "etl" / "samples"


def test_the_shipped_job_reads_every_kind_of_source():
    job = load_job("samples")
    assert [s.kind for s in job.sources] == ["folder", "jsonl", "feed", "structured", "structured"]
    assert all(Path(s.location).exists() for s in job.sources)


def test_bad_job_files_are_clear_errors(tmp_path):
    with pytest.raises(JobError, match="no job 'nope'"):
        load_job("nope")
    bad = write_job(tmp_path, "bad", [{"kind": "ftp", "path": "x"}])
    with pytest.raises(JobError, match="kind 'ftp'"):
        load_job(str(bad))
    wrong_label = write_job(
        tmp_path,
        "wrong",
        [
            {
                "kind": "structured",
                "path": "x.csv",
                "mapping": {"nodes": {"a": {"label": "Suspect", "id": "{x}"}}},
            }
        ],
    )
    with pytest.raises(JobError, match="Suspect"):
        load_job(str(wrong_label))
    unknown_model = write_job(tmp_path, "model", [{"kind": "folder", "path": "x"}], ner="huge")
    with pytest.raises(JobError, match="'ner' must be one of fast, accurate, got 'huge'"):
        load_job(str(unknown_model))


def test_a_job_chooses_its_ner_model(tmp_path):
    assert load_job(str(write_job(tmp_path, "plain", [{"kind": "folder", "path": "x"}]))).ner == "fast"
    accurate = write_job(tmp_path, "careful", [{"kind": "folder", "path": "x"}], ner="accurate")
    assert load_job(str(accurate)).ner == "accurate"


def test_a_mapping_cannot_make_a_relationship_the_ontology_forbids():
    with pytest.raises(OntologyError):
        Mapping.from_spec(
            {
                "nodes": {"a": {"label": "Platform", "id": "{p}"}, "b": {"label": "Account", "id": "{h}"}},
                "relationships": [{"type": "HOSTED_ON", "from": "a", "to": "b"}],
            }
        )


def test_accounts_csv_maps_onto_the_ontology_with_row_provenance():
    document, batch, errors = read_structured(
        SAMPLES / "intel" / "accounts.csv", Mapping.from_spec(ACCOUNTS_MAPPING)
    )
    assert not errors
    ids = {n.id for n in batch.nodes}
    assert {
        "account:tiktok:channel_taxi_uk",
        "account:telegram:hawler_boats",
        "phone:+447700900461",
        "person:karwan_saleh",
        "platform:tiktok",
    } <= ids
    controls = [e for e in batch.edges if e.type == "CONTROLS" and e.source_id == "person:karwan_saleh"]
    assert {e.target_id for e in controls} == {
        "account:tiktok:channel_taxi_uk",
        "account:instagram:safe_boat_eu",
        "phone:+447700900461",
    }
    row = controls[0].prov
    assert document.text[row.start : row.end] == row.sentence and row.sentence.startswith(
        "TikTok,@channel_taxi_uk"
    )


def test_rows_missing_required_values_are_refused_alone(tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text(
        "platform,handle,status,owner,owner_nationality,phone,first_reported\n"
        "TikTok,,active,Someone,IQ,,2024-01-01\nTelegram,good_one,active,,,,2024-01-02\n",
        encoding="utf-8",
    )
    _, batch, errors = read_structured(path, Mapping.from_spec(ACCOUNTS_MAPPING))
    assert [(e.line, e.reason) for e in errors] == [(2, "row lacks required values ['handle']")]
    assert "account:telegram:good_one" in {n.id for n in batch.nodes}


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="{}"), max_size=30))
def test_fill_keeps_values_as_plain_text(value):
    """Whatever a cell holds (quotes, Cypher, Arabic) goes through as a value, never as syntax."""
    assert fill("{owner}", {"owner": value}) == (value.strip() or None)
    ident = fill("person:{owner|slug}", {"owner": value})
    assert ident is None if not value.strip() else ident.startswith("person:")


def test_fill_types_and_filters():
    row = {"amount": "90,000", "platform": "تيك توك", "handle": "@Some_One", "phone": "+44 7700 900-461"}
    assert fill("{amount|number}", row) == 90000.0
    assert fill("{platform|platform}", row) == "platform:tiktok"
    assert fill("account:{platform|platform_key}:{handle|handle}", row) == "account:tiktok:some_one"
    assert fill("phone:{phone|phone}", row) == "phone:+447700900461"
    assert fill("{missing}", row) is None


def test_feed_entries_become_documents_in_both_languages():
    items = list(read_feed(str(SAMPLES / "feeds" / "press.xml")))
    docs = [i for i in items if not isinstance(i, SourceError)]
    assert [d.lang for d in docs] == ["en", "ar"]
    assert docs[0].published == "2024-10-08" and docs[0].url.endswith("boulogne-engines")
    assert "18 outboard engines" in docs[0].text


def test_dry_run_writes_nothing_and_says_what_would_change(store, tmp_path):
    state = EtlState(tmp_path / "state")
    job = load_job("samples")
    report = run_job(job, store, state, dry_run=True)
    assert report.counts["new"] == 13 and store.totals() == (0, 0) and state.runs() == []
    real = run_job(job, store, state)
    assert real.counts["new"] == 13 and real.status == "ok"
    again = run_job(job, store, state, dry_run=True)
    assert again.counts["new"] == 0 and again.counts["unchanged"] == 13
    run = store.query(
        "MATCH (r:Run) RETURN r.job, r.status, r.documents_new, r.pipeline_version, r.finished"
    ).rows
    assert run[0][:3] == ["samples", "ok", 13] and run[0][3].startswith("graph-") and run[0][4]
    linked = store.query(
        "MATCH (d:Document) WHERE d.run_id = $run RETURN count(d)", {"run": real.run_id}
    ).rows
    assert linked == [[13]]
    state.close()

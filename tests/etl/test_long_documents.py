"""Documents too long for one spaCy Doc, and documents that make a stage fail (issue 15, case 4).

A document over `extraction.chunk_chars` (etl/limits.yaml) is extracted in pieces cut at
paragraph breaks, with every offset shifted back to the whole text; a document whose
extraction raises is refused alone, with its file, line and reason, and its batch is written.

The failing document is real: a count of 400 digits (`overflow_count.jsonl`, line 2) overflows
`int(float(...))` in graph/nlp/values.py. Should that parser learn to refuse such counts, put
another input that makes a stage raise in its place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.etl.jobs import load_job
from graph.etl.runner import run_job
from graph.etl.state import EtlState
from graph.limits import load_limits
from graph.model import Document, GraphBatch
from graph.nlp.chunks import chunk_spans
from graph.nlp.extract import extract
from graph.sources.readers import SourceError, read_file
from graph.stages import document_results, process
from graph.store import open_store

from .conftest import dump, write_job
from .hostile_corpus import HOSTILE, long_text, paragraphs, repeated_paragraphs, write_good_reports

OVERFLOW = HOSTILE / "overflow_count.jsonl"


def stored_spans_are_true(store, document_id: str, text: str) -> int:
    """Check every span the store holds for the document against its text; return how many."""
    stored = store.query("MATCH (d:Document {id: $id}) RETURN d.text", {"id": document_id}).rows
    assert stored == [[text]]
    mentions = store.query(
        "MATCH (:Document {id: $id})-[m:MENTIONS]->() RETURN m.start, m.end, m.text, m.sentence",
        {"id": document_id},
        limit=10**6,
    ).rows
    assert mentions
    for start, end, span, sentence in mentions:
        assert text[start:end] == span
        at = text.find(sentence, max(0, end - len(sentence)), start + len(sentence))
        assert 0 <= at <= start and end <= at + len(sentence), (start, end, sentence)
    sources = store.query(
        "MATCH (n) WHERE $id IN n.doc_ids UNWIND n.sources AS s RETURN s "
        "UNION ALL MATCH ()-[r]->() WHERE $id IN r.doc_ids UNWIND r.sources AS s RETURN s",
        {"id": document_id},
        limit=10**7,
    ).rows
    for (source,) in sources:
        doc, span = source.rsplit(":", 1)
        start, end = map(int, span.split("-"))
        if doc == document_id:
            assert 0 <= start < end <= len(text)
    return len(mentions)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_chunked_document_finds_what_its_paragraphs_find_and_stores_true_spans(store, tmp_path, lang):
    """Over the bound, in both languages: the entities found in each paragraph of the long
    document are those found in the paragraph alone, and every stored span is the text."""
    limit = load_limits().chunk_chars
    sequence = repeated_paragraphs(lang, int(limit * 1.2))
    path = tmp_path / f"long_{lang}.md"
    path.write_text("\n\n".join(sequence), encoding="utf-8")
    (document,) = read_file(path)
    assert len(chunk_spans(document.text, limit)) >= 2
    [(extraction, batch)] = process([document])
    alone = {p: extract(Document(id="p" * 64, text=p, lang=lang, path="p")).mentions for p in set(sequence)}
    offset = 0
    for paragraph in sequence:
        found = [
            (m.start - offset, m.end - offset, m.label, m.text)
            for m in extraction.mentions
            if offset <= m.start < offset + len(paragraph)
        ]
        assert found == [(m.start, m.end, m.label, m.text) for m in alone[paragraph]], offset
        offset += len(paragraph) + 2
    assert all(document.text[s.start : s.end] == s.text for s in extraction.sentences)
    store.write_batch(batch)
    assert stored_spans_are_true(store, document.id, document.text) >= len(sequence)


def test_a_document_that_fails_is_refused_alone():
    good = [d for d in read_file(HOSTILE / "overflow_count.jsonl") if isinstance(d, Document)]
    english = Document(id="e" * 64, text=paragraphs("en")[0], lang="en", path="good.md")
    results = document_results([good[0], good[1], english])
    assert isinstance(results[0], GraphBatch) and isinstance(results[2], GraphBatch)
    refusal = results[1]
    assert isinstance(refusal, SourceError)
    assert (refusal.path, refusal.line) == (str(OVERFLOW), 2)
    assert refusal.reason.startswith("processing failed in graph/nlp/values.py:")
    assert "OverflowError: cannot convert float infinity to integer" in refusal.reason


def reports_folder(tmp_path: Path, *, long_document: bool) -> Path:
    """Twelve good reports, the JSON lines with a failing document, and perhaps a 1.2 M one."""
    folder = tmp_path / "reports"
    write_good_reports(folder)
    shutil.copy(OVERFLOW, folder / OVERFLOW.name)
    if long_document:
        (folder / "long_en.md").write_text(long_text("en", 1_200_000), encoding="utf-8")
    return folder


def test_graph_ingest_writes_every_good_document_beside_a_long_one_and_a_failing_one(tmp_path, monkeypatch):
    """One process: a 1.2 M-character report (spaCy's E088 aborted the whole ingest) is written
    in pieces, the failing document is refused with its file, line and reason, exit status 1
    (some input was refused), and a second run changes nothing."""
    folder, data = reports_folder(tmp_path, long_document=True), tmp_path / "data"
    long_report = (folder / "long_en.md").read_text(encoding="utf-8")
    assert len(long_report) > 1_200_000
    monkeypatch.chdir(tmp_path)  # short paths, so the table of refusals shows them whole
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", "reports", "--data", "data"])
    assert first.exit_code == 1, first.output
    refused = "│ reports/overflow_count.jsonl │    2 │ processing failed in graph/nlp/values.py:"
    assert refused in first.output and "OverflowError" in first.output
    with open_store(None, data) as store:
        paths = [r[0] for r in store.query("MATCH (d:Document {complete: true}) RETURN d.path").rows]
        assert sorted(Path(p).name for p in paths) == sorted(
            [*(p.name for p in folder.glob("good_*.md")), "long_en.md", "overflow_count.jsonl"]
        )  # the twelve, the long one, and the good line of the JSON lines
        (long_id,) = store.query("MATCH (d:Document) WHERE d.path ENDS WITH 'long_en.md' RETURN d.id").rows[0]
        assert stored_spans_are_true(store, long_id, long_report) > 100
        before = dump(store)
    again = runner.invoke(app, ["ingest", "reports", "--data", "data"])
    assert again.exit_code == 1 and refused in again.output
    with open_store(None, data) as store:
        assert dump(store) == before


def test_an_etl_run_on_two_processes_quarantines_the_failing_document_and_writes_the_rest(tmp_path):
    folder, data = reports_folder(tmp_path, long_document=False), tmp_path / "data"
    source = {"kind": "folder", "path": str(folder)}
    job = load_job(str(write_job(tmp_path, "failing", [source], batch_size=4)))
    state = EtlState(data / "state")
    with open_store(None, data, write=True) as store:
        report = run_job(job, store, state, processes=2)
        written = store.query("MATCH (d:Document {complete: true}) RETURN count(d)").rows
    assert report.status == "ok_with_quarantine" and report.counts["new"] == 13 and written == [[13]]
    (item,) = state.quarantined("failing")
    assert (Path(item.path).name, item.line) == ("overflow_count.jsonl", 2)
    assert item.reason.startswith("processing failed in graph/nlp/values.py:")
    assert "OverflowError" in item.reason
    state.close()

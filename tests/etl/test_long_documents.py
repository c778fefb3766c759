"""Documents too long for one spaCy Doc, and documents that make a stage fail (issue 15, case 4).

A document over `extraction.chunk_chars` (etl/limits.yaml) is extracted in pieces cut at
paragraph breaks, with every offset shifted back to the whole text; a document whose
extraction raises is refused alone, with its file, line and reason, and its batch is written.

The failing document is made to fail the way a real one would: a mistaken rule
(`broken_rule.yaml`, appended to a copy of etl/rules/patterns.yaml that the real `graph` command
reads through GRAPH_ETL_DIR) makes extraction raise on line 2 of `failing_rule.jsonl`, and on
nothing else. Line 3 holds a 400-digit count, which once made extraction raise itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.etl.state import EtlState
from graph.limits import load_limits
from graph.model import Document, GraphBatch
from graph.nlp.chunks import chunk_spans
from graph.nlp.extract import extract
from graph.sources.readers import SourceError, read_file
from graph.stages import document_results, process
from graph.store import open_store

from .conftest import dump, write_job
from .hostile_corpus import HOSTILE, long_text, repeated_paragraphs, write_good_reports

FAILING = HOSTILE / "failing_rule.jsonl"
GRAPH = Path(sys.executable).with_name("graph")


def broken_rules(tmp_path: Path) -> dict[str, str]:
    """The environment of a `graph` command that reads a copy of etl/ with the broken rule."""
    from graph.paths import etl_dir

    etl = tmp_path / "etl"
    shutil.copytree(etl_dir(), etl)
    with (etl / "rules" / "patterns.yaml").open("a", encoding="utf-8") as patterns:
        patterns.write((HOSTILE / "broken_rule.yaml").read_text(encoding="utf-8"))
    return {**os.environ, "GRAPH_ETL_DIR": str(etl)}


def stored_spans_are_true(store, document_id: str, text: str) -> int:
    """Check every span the store holds for the document against its text; return how many."""
    stored = store.query("MATCH (d:Document {id: $id}) RETURN d.text", {"id": document_id}).rows
    assert stored == [[text]]
    mentions = store.query(
        "MATCH (d:Document {id: $id})-[m:MENTIONS]->() "
        "RETURN m.start, m.end, m.text, d.sentences[m.sentence_no]",
        {"id": document_id},
        limit=10**6,
    ).rows
    assert mentions
    for start, end, span, sentence in mentions:
        assert text[start:end] == span
        at = text.find(sentence, max(0, end - len(sentence)), start + len(sentence))
        assert 0 <= at <= start and end <= at + len(sentence), (start, end, sentence)
    sources = store.query(
        "MATCH ()-[r]->() WHERE $id IN r.doc_ids UNWIND r.sources AS s RETURN s",
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
def test_a_chunked_document_finds_what_its_pieces_find_and_stores_true_spans(store, tmp_path, lang):
    """Over the bound, in both languages: the entities found in each piece of the long document
    are those found in the piece's text alone, at offsets shifted back to the whole text (a
    piece is a document to the rules that look across it, such as "Saleh" after "Karwan
    Saleh"), and every stored span is the text."""
    limit = load_limits().chunk_chars
    sequence = repeated_paragraphs(lang, int(limit * 1.2))
    path = tmp_path / f"long_{lang}.md"
    path.write_text("\n\n".join(sequence), encoding="utf-8")
    (document,) = read_file(path)
    pieces = chunk_spans(document.text, limit)
    assert len(pieces) >= 2
    [(extraction, batch)] = process([document])
    for start, end in pieces:
        alone = extract(Document(id="p" * 64, text=document.text[start:end], lang=lang, path="p")).mentions
        found = [
            (m.start - start, m.end - start, m.label, m.text)
            for m in extraction.mentions
            if start <= m.start < end
        ]
        assert found == [(m.start, m.end, m.label, m.text) for m in alone], start
    assert all(document.text[s.start : s.end] == s.text for s in extraction.sentences)
    store.write_batch(batch)
    assert stored_spans_are_true(store, document.id, document.text) >= len(sequence)


def test_a_document_that_fails_is_refused_alone():
    """One document of three makes a stage raise (here the pipeline, which has no language for
    it): it is refused with the line of the package that raised, and the two others are made."""
    good = [d for d in read_file(FAILING) if isinstance(d, Document)]
    french = Document(id="f" * 64, text="La police a arrêté deux passeurs.", lang="fr", path="fr.jsonl")
    results = document_results([good[0], french, good[2]])
    assert isinstance(results[0], GraphBatch) and isinstance(results[2], GraphBatch)
    refusal = results[1]
    assert isinstance(refusal, SourceError) and refusal.path == "fr.jsonl"
    assert refusal.reason.startswith("processing failed in graph/nlp/pipeline.py:")
    assert "ValueError: unsupported language 'fr'" in refusal.reason


def test_a_count_of_400_digits_is_read_as_no_count():
    """Once an OverflowError that refused its document: now the document is made, without it."""
    (batch,) = document_results([[d for d in read_file(FAILING) if isinstance(d, Document)][2]])
    assert isinstance(batch, GraphBatch)
    counts = [n.props.get("count") for n in batch.nodes if n.label == "Event"]
    assert 2 in counts and all(count in (None, 2) for count in counts)  # the two boats, and no other
    assert "person:rebin_qadir" in {n.id for n in batch.nodes}


def reports_folder(tmp_path: Path, *, long_document: bool) -> Path:
    """Twelve good reports, the JSON lines with a failing document, and perhaps a 1.2 M one."""
    folder = tmp_path / "reports"
    write_good_reports(folder)
    shutil.copy(FAILING, folder / FAILING.name)
    if long_document:
        (folder / "long_en.md").write_text(long_text("en", 1_200_000), encoding="utf-8")
    return folder


def test_graph_ingest_writes_every_good_document_beside_a_long_one_and_a_failing_one(tmp_path):
    """One process: a 1.2 M-character report (spaCy's E088 aborted the whole ingest) is written
    in pieces, the failing document is refused with its file, line and reason, exit status 1
    (some input was refused), and a second run changes nothing."""
    folder, data = reports_folder(tmp_path, long_document=True), tmp_path / "data"
    long_report = (folder / "long_en.md").read_text(encoding="utf-8")
    assert len(long_report) > 1_200_000
    env = broken_rules(tmp_path)

    def ingest() -> subprocess.CompletedProcess:
        # the real command, in its own process, so that it reads the broken rules; run in
        # tmp_path with short paths and a wide terminal, so the table shows them whole
        return subprocess.run(
            [str(GRAPH), "ingest", "reports", "--data", "data"],
            cwd=tmp_path, env={**env, "COLUMNS": "200"}, capture_output=True, text=True, check=False,
        )  # fmt: skip

    first = ingest()
    assert first.returncode == 1, first.stdout + first.stderr
    refused = "│ reports/failing_rule.jsonl │    2 │ processing failed in graph/nlp/values.py:"
    assert refused in first.stdout and "ValueError" in first.stdout
    with open_store(None, data) as store:
        paths = [r[0] for r in store.query("MATCH (d:Document {complete: true}) RETURN d.path").rows]
        assert sorted(Path(p).name for p in paths) == sorted(
            [*(p.name for p in folder.glob("good_*.md")), "long_en.md", *["failing_rule.jsonl"] * 2]
        )  # the twelve, the long one, and the two good lines of the JSON lines
        (long_id,) = store.query("MATCH (d:Document) WHERE d.path ENDS WITH 'long_en.md' RETURN d.id").rows[0]
        assert stored_spans_are_true(store, long_id, long_report) > 100
        before = dump(store)
    again = ingest()
    assert again.returncode == 1 and refused in again.stdout
    with open_store(None, data) as store:
        assert dump(store) == before


def test_an_etl_run_on_two_processes_quarantines_the_failing_document_and_writes_the_rest(tmp_path):
    folder, data = reports_folder(tmp_path, long_document=False), tmp_path / "data"
    source = {"kind": "folder", "path": str(folder)}
    job = write_job(tmp_path, "failing", [source], batch_size=4)
    run = subprocess.run(
        [str(GRAPH), "etl", "run", str(job), "--data", str(data), "--processes", "2"],
        env=broken_rules(tmp_path), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 1, run.stdout + run.stderr
    with open_store(None, data) as store:
        written = store.query("MATCH (d:Document {complete: true}) RETURN count(d)").rows
    assert written == [[14]]  # the twelve and the two good lines of the JSON lines
    state = EtlState(data)  # where `graph etl` keeps its run log and quarantine
    (item,) = state.quarantined("failing")
    assert (Path(item.path).name, item.line) == ("failing_rule.jsonl", 2)
    assert item.reason.startswith("processing failed in graph/nlp/values.py:")
    assert "ValueError" in item.reason
    state.close()

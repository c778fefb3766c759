"""The hostile corpus: each bad item is quarantined with its reason, the good items of the same
batches are ingested, nothing crashes, and Cypher-looking text is stored as text."""

from pathlib import Path

import pytest

from graph.etl.jobs import load_job
from graph.etl.runner import run_job
from graph.etl.state import EtlState

EXPECTED_REASONS = {
    ("empty.txt", None): "empty file",
    ("binary.txt", None): "binary file",
    ("invalid_utf8.txt", 1): "invalid UTF-8",
    ("mixed_encodings.txt", 1): "invalid UTF-8",
    ("huge_single_line.txt", None): "file too large",
    ("self.txt", None): "cannot read",
    ("broken_lines.jsonl", 2): "malformed JSON",
    ("broken_lines.jsonl", 3): "malformed JSON",
    ("broken_lines.jsonl", 4): "JSON line has no 'text' string",
    ("broken_lines.jsonl", 5): "JSON line has no 'text' string",
    ("broken_feed.xml", 2): "feed entry 2 has no text",
    ("broken_feed.xml", 3): "feed entry 3 has no text",
    ("wrong_columns.csv", 1): "wrong columns",
}


def check_hostile_run(store, bad_job: Path, data: Path) -> None:
    state = EtlState(data)
    report = run_job(load_job(str(bad_job)), store, state)
    quarantined = {(Path(q.path).name, q.line): q.reason for q in state.quarantined()}
    for key, reason in EXPECTED_REASONS.items():
        assert key in quarantined, f"{key} was not quarantined; got {sorted(quarantined)}"
        assert quarantined[key].startswith(reason), (key, quarantined[key])
    assert report.status == "ok_with_quarantine"
    # the good items of the same batches went in
    titles = {row[0] for row in store.query("MATCH (d:Document) RETURN d.path").rows}
    for good in (
        "scripts.html",
        "bidi_controls.txt",
        "broken_lines.jsonl",
        "cypher_names.csv",
        "broken_feed.xml",
    ):
        assert any(t.endswith(good) for t in titles), f"{good} was not ingested"
    assert report.counts["new"] == 6  # html, bidi, two JSONL lines, one feed entry, the names CSV
    # scripts were not read as text
    texts = " ".join(r[0] for r in store.query("MATCH (d:Document) RETURN d.text").rows)
    assert "tracker.example" not in texts and "@evil_handle" not in texts and "@fake_from_script" not in texts
    # invisible controls do not leak into identifiers
    assert store.query("MATCH (a:Account {id: 'account:tiktok:bidi_account'}) RETURN count(a)").rows == [[1]]
    # Cypher-looking names are plain text, and nothing was deleted or changed by them
    names = {r[0] for r in store.query("MATCH (p:Person) RETURN p.name").rows}
    assert "Robert'); MATCH (n) DETACH DELETE n; //" in names
    assert "}) RETURN 1 UNION MATCH (m) SET m.pwned = true //" in names
    assert "O'Brien \"the boss\" {id: 'x'}" in names
    assert store.query("MATCH (n) WHERE n.pwned IS NOT NULL RETURN count(n)").rows == [[0]]
    state.close()


def test_hostile_corpus_on_the_embedded_store(store, bad_job, tmp_path):
    check_hostile_run(store, bad_job, tmp_path / "state")


@pytest.mark.neo4j
def test_hostile_corpus_on_neo4j(neo4j_store, bad_job, tmp_path):
    check_hostile_run(neo4j_store, bad_job, tmp_path / "state")


def test_quarantine_is_shown_and_a_retry_resolves_what_was_fixed(bad_job, tmp_path):
    from typer.testing import CliRunner

    from graph.cli import app

    runner = CliRunner()
    data = tmp_path / "data"
    first = runner.invoke(app, ["etl", "run", str(bad_job), "--data", str(data)])
    assert first.exit_code == 1 and "quarantined" in first.output
    shown = runner.invoke(app, ["etl", "quarantine", "--data", str(data)])
    assert "empty.txt" in shown.output and "invalid UTF-8" in shown.output
    # someone fixes two files, then retries the quarantine
    (tmp_path / "bad" / "empty.txt").write_text(
        "Border Force intercepted a boat carrying 40 people off Dover on 1 July 2024; two men were arrested.",
        encoding="utf-8",
    )
    (tmp_path / "bad" / "invalid_utf8.txt").write_text(
        "The NCA arrested two men in Dover on 3 May 2024.", encoding="utf-8"
    )
    retried = runner.invoke(app, ["etl", "quarantine", str(bad_job), "--retry", "--data", str(data)])
    assert retried.exit_code == 0, retried.output
    assert "retried: 2 new" in retried.output
    left = runner.invoke(app, ["etl", "quarantine", "--data", str(data)]).output
    assert "empty.txt" not in left and "invalid_utf8.txt" not in left and "binary.txt" in left
    status = runner.invoke(app, ["etl", "status", "--data", str(data)])
    assert status.output.count("run:hostile:") == 2

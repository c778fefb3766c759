"""The `graph` command as a user runs it: ingest, query (table, JSON, named), analyse, refusals."""

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.nlp.models import accurate_unavailable

DATA = Path(__file__).resolve().parent / "data"
runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "graphdata"


def graph(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def good_reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("ar_arrest.txt", "en_charge.md"):
        shutil.copy(DATA / name, folder / name)
    return folder


def test_ingest_then_query_in_both_scripts(tmp_path, data_dir):
    result = graph("ingest", good_reports(tmp_path), "--data", data_dir)
    assert result.exit_code == 0, result.output
    assert "documents new" in result.output
    out = graph(
        "query",
        "--data",
        data_dir,
        "--json",
        "MATCH (a:Account)-[:HOSTED_ON]->(p:Platform) RETURN a.id AS account, p.name AS platform "
        "ORDER BY account",
    )
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert {"account": "account:telegram:hawler_boats", "platform": "Telegram"} in rows
    assert {"account": "account:tiktok:crossing_uk24", "platform": "TikTok"} in rows
    # the same account named in an Arabic and an English report is one node with two documents
    docs = graph(
        "query",
        "--data",
        data_dir,
        "--json",
        "MATCH (d:Document)-[:MENTIONS]->(a:Account {id: 'account:tiktok:crossing_uk24'}) "
        "RETURN count(DISTINCT d) AS n",
    )
    assert json.loads(docs.stdout) == {"n": 2}


def test_named_queries_with_parameters(tmp_path, data_dir):
    graph("ingest", good_reports(tmp_path), "--data", data_dir)
    listed = graph("query", "--list")
    for name in ("entity", "accounts_per_platform", "events_by_kind"):
        assert name in listed.stdout
    by_arabic = graph(
        "query", "--data", data_dir, "--json", "--name", "entity", "--param", "name=الشرطه الفرنسيه"
    )
    by_english = graph(
        "query", "--data", data_dir, "--json", "--name", "entity", "--param", "name=French police"
    )
    ids = {json.loads(line)["id"] for line in by_arabic.stdout.splitlines()}
    assert ids == {json.loads(line)["id"] for line in by_english.stdout.splitlines()} == {"org:french_police"}
    events = graph(
        "query",
        "--data",
        data_dir,
        "--json",
        "--name",
        "events_by_kind",
        "--param",
        "kind=seizure",
        "--param",
        "from=2024-01",
        "--param",
        "to=2024-12",
    )
    dates = [json.loads(line)["date"] for line in events.stdout.splitlines()]
    assert "2024-04" in dates
    accounts = graph(
        "query",
        "--data",
        data_dir,
        "--json",
        "--name",
        "accounts_per_platform",
        "--param",
        "platform=telegram",
    )
    assert [json.loads(line)["handle"] for line in accounts.stdout.splitlines()] == ["hawler_boats"]
    missing = graph("query", "--data", data_dir, "--name", "events_by_kind")
    assert missing.exit_code == 2 and "needs --param kind" in missing.output


def test_a_writing_query_is_refused(data_dir):
    result = graph("query", "--data", data_dir, "MATCH (n) SET n.x = 1 RETURN n")
    assert result.exit_code == 2
    assert "refused: investigator queries are read-only; the plan" in result.output
    assert "'Update'" in result.output  # FalkorDB's name for SET


def test_a_misspelt_name_warns_and_a_syntax_error_points_at_its_place(tmp_path, data_dir):
    assert graph("ingest", good_reports(tmp_path), "--data", data_dir).exit_code == 0
    typo = graph("query", "--data", data_dir, "MATCH (p:Persn) RETURN p.nme")
    assert typo.exit_code == 0
    assert "warning: the graph holds no label 'Persn' (did you mean 'Person'?)" in typo.output
    assert "the graph holds no property 'nme' (did you mean 'name'?)" in typo.output
    broken = graph("query", "--data", data_dir, "MATCH (p:Person) RETRN p.name")
    assert broken.exit_code == 2
    lines = broken.output.strip().splitlines()[-3:]
    assert lines[0].startswith("error: Cypher syntax error at line 1, column ")
    assert lines[1] == "  MATCH (p:Person) RETRN p.name" and lines[2].strip() == "^"


def test_bad_inputs_are_reported_and_the_rest_is_ingested(tmp_path, data_dir):
    folder = good_reports(tmp_path)
    for name in ("bad_empty.txt", "bad_binary.txt", "bad_latin1.txt", "bad_french.txt", "mixed.jsonl"):
        shutil.copy(DATA / name, folder / name)
    result = graph("ingest", folder, "--data", data_dir)
    assert result.exit_code == 1
    for reason in ("empty file", "binary file", "invalid UTF-8", "language is French", "malformed JSON"):
        assert reason in result.output
    count = graph("query", "--data", data_dir, "--json", "MATCH (d:Document) RETURN count(d) AS n")
    assert json.loads(count.stdout) == {"n": 4}  # two files and two good JSONL lines


def test_analyse_writes_communities_back(tmp_path, data_dir):
    graph("ingest", good_reports(tmp_path), "--data", data_dir)
    result = graph("analyse", "--data", data_dir)
    assert result.exit_code == 0, result.output
    assert "Communities" in result.output
    out = graph(
        "query",
        "--data",
        data_dir,
        "--json",
        "MATCH (n) WHERE n.community IS NOT NULL RETURN labels(n)[0] AS label, n.community AS c, "
        "n.analysis_params AS params",
    )
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and {r["label"] for r in rows} <= {"Person", "Organisation", "Account", "Vessel"}
    assert json.loads(rows[0]["params"])["method"] == "louvain"


SAMPLES = Path(__file__).resolve().parents[1] / "etl" / "samples"


def test_the_main_job_runs_on_the_bundled_samples(data_dir):
    result = graph("run", SAMPLES, "--data", data_dir)  # the folder's watch.yaml is its watch list
    assert result.exit_code == 0, result.output
    assert "Communities" in result.output and "Next:" in result.output
    assert re.search(r"watch list: \S*watch\.yaml \(3 entries\)", result.output)
    # what to look at first: a watched handle, the planted contradiction, corroboration
    assert "Watched entities in the new reports" in result.output and "@channel_taxi_uk" in result.output
    assert "Reports that disagree (2)" in result.output and "Iran" in result.output
    assert re.search(r"channel_taxi_uk\s*│\s*HOSTED_ON\s*│\s*TikTok\s*│\s*6\s*│\s*5", result.output)
    langs = graph(
        "query",
        "--data",
        data_dir,
        "--json",
        "MATCH (d:Document) RETURN d.lang AS lang, count(d) AS n ORDER BY lang",
    )
    assert [json.loads(line) for line in langs.stdout.splitlines()] == [
        {"lang": "ar", "n": 4},
        {"lang": "en", "n": 5},
    ]
    shared = graph(
        "query",
        "--data",
        data_dir,
        "--json",
        "MATCH (d:Document)-[:MENTIONS]->(a:Account) WITH a, count(DISTINCT d) AS docs "
        "WHERE docs >= 3 RETURN a.id AS id ORDER BY id",
    )
    assert [json.loads(line)["id"] for line in shared.stdout.splitlines()] == [
        "account:telegram:hawler_boats",
        "account:tiktok:channel_taxi_uk",
        "phone:+447700900461",
    ]
    again = graph("ingest", SAMPLES, "--data", data_dir)
    assert again.exit_code == 0 and re.search(r"documents unchanged\s*│\s*9\s*│", again.output)


def test_ingest_links_both_scripts_and_quarantines_what_it_refuses(tmp_path, data_dir):
    reports = tmp_path / "reports"
    shutil.copytree(SAMPLES, reports)
    (reports / "broken.jsonl").write_text('{"text": "Karwan Saleh was\n', encoding="utf-8")
    result = graph("ingest", reports, "--data", data_dir)
    assert result.exit_code == 1  # one refusal; the rest is in
    linked = graph(
        "query", "--data", data_dir, "--json", "MATCH (:Person)-[s:SAME_AS]->(:Person) RETURN count(s) AS n"
    )
    assert json.loads(linked.stdout)["n"] > 0  # no `graph resolve` needed, as after `graph etl run`
    listed = graph("etl", "quarantine", "--data", data_dir)
    assert "broken.jsonl" in listed.output and "ingest" in listed.output and "malformed JSON" in listed.output
    refused = graph("etl", "quarantine", "ingest", "--retry", "--data", data_dir)
    assert refused.exit_code == 2 and "graph ingest" in refused.output
    (reports / "broken.jsonl").write_text(
        '{"text": "Karwan Saleh was arrested in Dover on 14 March 2024."}\n'
    )
    assert graph("ingest", reports, "--data", data_dir).exit_code == 0
    assert "broken.jsonl" not in graph("etl", "quarantine", "--data", data_dir).output  # read whole now


def test_graph_data_environment_variable_chooses_the_folder(tmp_path, monkeypatch):
    folder = tmp_path / "from_env"
    monkeypatch.setenv("GRAPH_DATA", str(folder))
    result = graph("ingest", DATA / "en_charge.md")
    assert result.exit_code == 0, result.output
    assert (folder / "appendonlydir").is_dir()


# The read-only commands, run in a fresh interpreter: what they import is all they load.
READ_ONLY_RUN = """
import sys
from typer.testing import CliRunner
from graph.cli import app
for args in (["query", "--help"], ["query", "--list"], ["status", "--data", sys.argv[1]],
             ["query", "--name", "entity", "--param", "name=Karwan", "--data", sys.argv[1]],
             ["query", "MATCH (n) RETURN count(n)", "--data", sys.argv[1]]):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (args, result.output)
print(" ".join(sorted(sys.modules)))
"""


def test_the_read_only_commands_import_no_nlp(store):
    """`graph query` and `graph status` start without spaCy (about a second of imports), the
    NLP pipeline, numpy or the analysis: none of it is needed to read the graph."""
    import subprocess
    import sys

    from graph.model import GraphBatch, NodeRecord

    store.write_batch(GraphBatch([NodeRecord("Person", "person:k", {"name": "Karwan Saleh"}, None)]))
    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run(
        [sys.executable, "-c", READ_ONLY_RUN, str(store.folder)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = set(done.stdout.split())
    assert "spacy" not in loaded and "thinc" not in loaded
    heavy = {"numpy", "networkx", "rapidfuzz", "graph.nlp.pipeline", "graph.nlp.extract", "graph.analysis"}
    assert not heavy & loaded, heavy & loaded


def test_an_unknown_ner_mode_is_refused_before_anything_is_read(tmp_path, data_dir):
    result = graph("ingest", good_reports(tmp_path), "--data", data_dir, "--ner", "huge")
    assert result.exit_code == 2
    assert "'huge' is no NER mode; use one of fast, accurate" in re.sub(r"[\s│]+", " ", result.output)
    assert not data_dir.exists()


@pytest.mark.skipif(accurate_unavailable() is not None, reason=str(accurate_unavailable()))
def test_ingest_with_the_accurate_model_records_its_probabilities(tmp_path, data_dir):
    result = graph("ingest", good_reports(tmp_path), "--data", data_dir, "--ner", "accurate")
    assert result.exit_code == 0, result.output
    out = graph(
        "query",
        "--data",
        data_dir,
        "--json",
        "MATCH (p:Person) WHERE p.extractor = 'model:accurate_ner' "
        "RETURN p.name AS name, p.confidence AS confidence ORDER BY name",
    )
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows, out.output
    assert all(0.5 <= row["confidence"] <= 1.0 for row in rows)


def test_reingesting_with_the_other_ner_model_keeps_the_documents_and_says_so(tmp_path, data_dir):
    reports = good_reports(tmp_path)
    assert graph("ingest", reports, "--data", data_dir).exit_code == 0
    again = graph("ingest", reports, "--data", data_dir, "--ner", "accurate")
    assert again.exit_code == 0, again.output
    assert re.search(r"of which extracted with the other NER model \(kept\)\s*│\s*2", again.output)
    same = graph("ingest", reports, "--data", data_dir)
    assert "other NER model" not in same.output

"""No node overwritten by another through a long id, on both stores: an id longer than the
index can hold (FalkorDB truncates at 65,535 characters) never reaches it; a long id is stored
as a fixed-length digest with the id kept as `key`; over-long ids and indexed values are refused
for their row, with the reason; a 70,000-character @handle in a report makes no node."""

import shutil
from pathlib import Path

from typer.testing import CliRunner

from graph.cli import app
from graph.model import EdgeRecord, GraphBatch, NodeRecord
from graph.store.base import GraphStore
from graph.store.bounds import DIGEST

DATA = Path(__file__).resolve().parents[1] / "data"
KARWAN = NodeRecord("Person", "person:karwan_saleh", {"name": "Karwan Saleh"}, None, ["كاروان صالح"])


def node(store: GraphStore, label: str, node_id: str) -> list:
    return store.read(f"MATCH (n:{label} {{id: $id}}) RETURN n", {"id": node_id}).rows


def test_an_id_the_index_would_truncate_leaves_the_node_it_starts_with_unchanged(any_store: GraphStore):
    any_store.write_batch(GraphBatch([KARWAN]))
    before = node(any_store, "Person", KARWAN.id)
    hostile = NodeRecord("Person", KARWAN.id + "x" * 65_536, {"name": "Mallory"}, None, ["Mallory"])
    stats = any_store.write_batch(GraphBatch([hostile]))
    assert node(any_store, "Person", KARWAN.id) == before
    assert any_store.totals() == (1, 0)
    assert len(stats.refused) == 1 and "id of 65,555 characters (at most 2,000)" in stats.refused[0]


def test_a_long_id_is_stored_as_a_digest_with_the_id_kept(any_store: GraphStore):
    long_id = "url:example.org/" + "a" * 500
    account = NodeRecord("Account", long_id, {"name": "a post"}, None)
    edge = EdgeRecord("CONTROLS", "Person", KARWAN.id, "Account", long_id, "", {}, None)
    for _ in range(2):  # idempotent: the same digest both times
        any_store.write_batch(GraphBatch([KARWAN, account], [edge]))
    rows = any_store.read("MATCH (:Person)-[:CONTROLS]->(a:Account) RETURN a.id, a.key").rows
    assert len(rows) == 1
    stored, key = rows[0]
    assert stored.startswith(DIGEST) and len(stored) == len(DIGEST) + 64
    assert key == long_id
    assert any_store.totals() == (2, 1)


def test_an_id_in_the_stores_own_digest_form_is_refused(any_store: GraphStore):
    forged = NodeRecord("Person", DIGEST + "0" * 64, {"name": "Forged"}, None)
    stats = any_store.write_batch(GraphBatch([forged]))
    assert any_store.totals() == (0, 0)
    assert "the store's own form for long ids" in stats.refused[0]


def test_over_long_indexed_values_are_refused_with_their_row_and_its_edges(any_store: GraphStore):
    long_name = NodeRecord("Person", "person:long", {"name": "n" * 5000}, None)
    long_alias = NodeRecord("Organisation", "org:x", {"name": "X"}, None, ["a" * 3000])
    edge = EdgeRecord("ASSOCIATED_WITH", "Person", "person:long", "Person", KARWAN.id, "", {}, None)
    document = NodeRecord("Document", "d" * 64, {"text": "word " * 30_000}, None)  # not indexed
    stats = any_store.write_batch(GraphBatch([KARWAN, long_name, long_alias, document], [edge]))
    assert any_store.totals() == (2, 0)
    assert [r.split(" refused: ")[1] for r in stats.refused] == [
        "name of 5,000 characters (at most 2,000)",
        "alias of 3,000 characters (at most 2,000)",
        "its Person end was refused",
    ]


def report(folder: Path, name: str, handle: str) -> Path:
    text = (DATA / "en_charge.md").read_text(encoding="utf-8")
    path = folder / name
    advert = f"The smugglers also advertised on TikTok as @{handle} last month."
    path.write_text(f"{text}\n{advert}\n", encoding="utf-8")
    return path


def test_a_70000_character_handle_in_a_report_makes_no_node(tmp_path, caplog):
    handle = "karwan_boats_uk_crossings_2024"  # 30 characters, as long as a handle gets
    reports = tmp_path / "reports"
    reports.mkdir()
    data = tmp_path / "data"
    first = CliRunner().invoke(app, ["ingest", str(report(reports, "a.txt", handle)), "--data", str(data)])
    assert first.exit_code == 0, first.output
    from graph.store.embedded import EmbeddedStore

    account_id = f"account:tiktok:{handle}"
    with EmbeddedStore(data) as store:
        before = node(store, "Account", account_id)
        accounts = store.read("MATCH (a:Account) RETURN count(a)").rows
    assert before, "the first report's account is in the graph"
    shutil.rmtree(reports)
    reports.mkdir()
    second = CliRunner().invoke(
        app, ["ingest", str(report(reports, "b.txt", handle + "x" * 70_000)), "--data", str(data)]
    )
    assert second.exit_code == 0, second.output[-2000:]
    warnings = [r.getMessage() for r in caplog.records if r.name == "graph.resolve"]
    assert any("HANDLE of 70,045 characters" in w and "no node made" in w for w in warnings), warnings
    with EmbeddedStore(data) as store:
        assert node(store, "Account", account_id) == before
        assert store.read("MATCH (a:Account) RETURN count(a)").rows == accounts
        assert store.read("MATCH (n) WHERE size(n.id) > 300 RETURN count(n)").rows == [[0]]

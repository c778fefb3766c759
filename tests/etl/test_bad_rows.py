"""One bad row of a structured file (issue 15, case 9): a cell over `structured.cell_chars`
(etl/limits.yaml), a NUL, a line that is not JSON refuse that row alone, with its line and
reason; the rows before and after it are in the graph, and a second run changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from graph.etl.jobs import load_job
from graph.etl.runner import run_job
from graph.etl.state import EtlState
from graph.limits import load_limits

from .conftest import ACCOUNTS_MAPPING, dump, write_job
from .hostile_corpus import HOSTILE

HUGE = "x" * 1023 + "\n"  # a cell of 1 MB written over 1,025 lines


def accounts(store) -> set[str]:
    return {r[0] for r in store.query("MATCH (a:Account) RETURN a.handle").rows}


def run_twice(store, tmp_path: Path, source: dict) -> tuple[dict, list, list]:
    """Run a job over `source` twice; the quarantine after the first run, the graph after each."""
    job = load_job(str(write_job(tmp_path, "rows", [source])))
    state = EtlState(tmp_path / "state")
    first = run_job(job, store, state)
    assert first.status == "ok_with_quarantine" and first.counts["new"] == 1
    quarantined = {q.line: q.reason for q in state.quarantined("rows")}
    assert {Path(q.path).name for q in state.quarantined("rows")} == {Path(source["path"]).name}
    before = dump(store)
    second = run_job(job, store, state)
    assert second.counts["new"] == 0 and second.counts["unchanged"] == 1
    assert [q.attempts for q in state.quarantined("rows")] == [2] * len(quarantined)
    state.close()
    return quarantined, before, dump(store)


def test_a_huge_cell_and_a_nul_refuse_their_rows_and_the_rest_of_the_csv_is_read(store, tmp_path):
    header, before, nul, after, last = (HOSTILE / "bad_rows.csv").read_text(encoding="utf-8").splitlines()
    huge = f'Telegram,@huge_cell,active,"{HUGE * 1025}",IQ,,2024-01-05'
    path = tmp_path / "accounts.csv"
    path.write_text("\n".join([header, before, nul, huge, after, last]) + "\n", encoding="utf-8")
    source = {"kind": "structured", "path": str(path), "mapping": ACCOUNTS_MAPPING}
    quarantined, first, second = run_twice(store, tmp_path, source)
    limit = load_limits().cell_chars
    assert quarantined == {
        3: "row refused: cell 'owner' holds a NUL character",
        4: f"row refused: cell 'owner' holds {len(HUGE) * 1025:,} characters, over the {limit:,} a cell "
        "may hold (structured.cell_chars in etl/limits.yaml)",
    }
    assert accounts(store) == {"before_nul", "after_nul", "last_row"}
    after_line = 4 + 1025  # the huge row spans lines 4 to 1029
    (prov,) = store.query(
        "MATCH (a:Account {handle: 'after_nul'}), (d:Document {id: a.doc_id}) "
        "RETURN d.sentences[a.sentence_no], a.start, a.end, a.sources"
    ).rows
    text = path.read_text(encoding="utf-8").replace("\x00", "\ufffd")
    assert prov[0] == after == text[prov[1] : prov[2]] == text.split("\n")[after_line]
    people = {r[0] for r in store.query("MATCH (p:Person) RETURN p.name").rows}
    assert people == {"Karwan Saleh", "هيمن عزيز"}
    assert first == second


def test_bad_json_lines_refuse_their_rows_and_the_rest_is_read(store, tmp_path):
    path = tmp_path / "accounts.jsonl"
    huge = json.dumps({"platform": "X", "handle": "@jl_huge", "owner": "y" * 1_048_576})
    path.write_text((HOSTILE / "bad_rows.jsonl").read_text(encoding="utf-8") + huge + "\n", encoding="utf-8")
    source = {"kind": "structured", "path": str(path), "mapping": ACCOUNTS_MAPPING}
    quarantined, first, second = run_twice(store, tmp_path, source)
    assert quarantined == {
        2: "line holds a NUL byte",
        3: "row refused: cell 'owner' holds a NUL character",
        4: "malformed JSON (Expecting value at column 52)",
        5: "row refused: a record is a list, not an object",
        7: f"row refused: cell 'owner' holds 1,048,576 characters, over the {load_limits().cell_chars:,} a "
        "cell may hold (structured.cell_chars in etl/limits.yaml)",
    }
    assert accounts(store) == {"jl_before", "jl_after"}
    assert first == second


def test_a_binary_file_is_still_refused_whole(store, tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_bytes(bytes(range(256)) * 64)
    job = load_job(str(write_job(tmp_path, "binary", [{"kind": "structured", "path": str(path),
                                                        "mapping": ACCOUNTS_MAPPING}])))  # fmt: skip
    state = EtlState(tmp_path / "state")
    report = run_job(job, store, state)
    (item,) = state.quarantined("binary")
    assert report.counts["new"] == 0 and item.line is None
    assert item.reason.startswith("binary file (NUL bytes on ")
    state.close()


def test_a_row_whose_name_the_store_cannot_index_is_refused_with_its_line_and_the_rest_is_read(
    store, tmp_path
):
    """Under the cell bound but over the store's (store.value_chars in etl/limits.yaml): the
    store refuses the row's person, and the run says so for that row instead of dropping it."""
    header, before, _nul, after, last = (HOSTILE / "bad_rows.csv").read_text(encoding="utf-8").splitlines()
    name = "Karwan " * 500  # 3,500 characters: a cell the reader takes, a name no index holds
    row = f"Telegram,@long_owner,active,{name},IQ,,2024-01-02"
    path = tmp_path / "accounts.csv"
    path.write_text("\n".join([header, before, row, after, last]) + "\n", encoding="utf-8")
    source = {"kind": "structured", "path": str(path), "mapping": ACCOUNTS_MAPPING}
    job = load_job(str(write_job(tmp_path, "rows", [source])))
    state = EtlState(tmp_path / "state")
    first = run_job(job, store, state)
    assert first.status == "ok_with_quarantine" and first.counts["records_refused"] >= 1
    ((line, reason),) = [(q.line, q.reason) for q in state.quarantined("rows")]
    assert line == 3 and reason.startswith("not stored: Person ") and "(at most 2,000)" in reason
    assert accounts(store) == {"before_nul", "long_owner", "after_nul", "last_row"}  # the account stays
    assert {r[0] for r in store.query("MATCH (p:Person) RETURN p.name").rows} == {"Karwan Saleh", "هيمن عزيز"}
    before = dump(store)
    assert run_job(job, store, state).counts["unchanged"] == 1 and dump(store) == before
    state.close()

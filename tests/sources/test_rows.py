"""Rows of structured files read one at a time (issue 15, case 9): whatever the cells hold, each
row comes back with the line it starts on and its span in the file, or is refused alone."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from graph.limits import load_limits
from graph.sources.rows import csv_rows, jsonl_rows, record_spans

# Cells as a spreadsheet may hold them: quotes, separators, line breaks, Arabic, and NULs.
CELLS = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(',"\n\r\x00 ;،كاروان')),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=12,
)
COLUMNS = ["platform", "handle", "owner"]
NUL = "\x00"


def nul_refusal(record: list[str]) -> str | None:
    """The refusal a row with these cells gets for a NUL, or None."""
    column = next((name for name, cell in zip(COLUMNS, record, strict=True) if NUL in cell), None)
    return f"row refused: cell {column!r} holds a NUL character" if column else None


@given(st.lists(st.lists(CELLS, min_size=3, max_size=3), max_size=8))
def test_csv_rows_keep_their_lines_and_spans_and_a_nul_refuses_its_row_alone(records):
    out = io.StringIO()
    writer = csv.writer(out)  # lines end in \r\n, so a cell holding either is quoted
    writer.writerow(COLUMNS)
    written, line = [], 2  # (first line, the record as written) of each record
    for record in records:
        before = out.tell()
        writer.writerow(record)
        written.append((line, out.getvalue()[before:].removesuffix("\r\n")))
        line += written[-1][1].count("\n") + 1
    text = out.getvalue()
    header, rows, errors = csv_rows(text, "accounts.csv")
    assert header == COLUMNS
    kept = [(w, r) for w, r in zip(written, records, strict=True) if not nul_refusal(r)]
    assert [(row.number, list(row.values.values())) for row in rows] == [(w[0], r) for w, r in kept]
    assert [text[row.start : row.end] for row in rows] == [w[1] for w, _ in kept]
    assert [(e.line, e.reason) for e in errors] == [
        (w[0], nul_refusal(r)) for w, r in zip(written, records, strict=True) if nul_refusal(r)
    ]


@given(
    st.lists(
        st.one_of(
            st.dictionaries(st.sampled_from(["platform", "handle", "owner"]), CELLS, min_size=1),
            st.sampled_from(['{"handle": ', "[1, 2]", "not json", '"a string"']),
        ),
        max_size=8,
    )
)
def test_json_lines_rows_are_read_or_refused_one_by_one(records):
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    text = "".join(line + "\n" for line in lines)
    _, rows, errors = jsonl_rows(text, "accounts.jsonl")
    good = [
        i + 1
        for i, r in enumerate(records)
        if isinstance(r, dict) and not any("\x00" in v for v in r.values())
    ]
    assert [row.number for row in rows] == good
    assert sorted([row.number for row in rows] + [e.line for e in errors]) == list(range(1, len(records) + 1))
    for row in rows:
        assert row.values == {k: v for k, v in records[row.number - 1].items()}
        assert text[row.start : row.end] == lines[row.number - 1]


def test_a_cell_just_over_the_bound_refuses_its_row_and_one_at_the_bound_does_not():
    limit = load_limits().cell_chars
    text = f"platform,handle,owner\nX,@at_bound,{'a' * limit}\nX,@over,{'ب' * (limit + 1)}\nX,@after,ok\n"
    _, rows, errors = csv_rows(text, "accounts.csv")
    assert [r.values["handle"] for r in rows] == ["@at_bound", "@after"]
    assert [e.line for e in errors] == [3]
    assert errors[0].reason.startswith(f"row refused: cell 'owner' holds {limit + 1:,} characters, over")


@given(
    st.lists(
        st.dictionaries(
            st.text(max_size=5), st.one_of(st.text(max_size=8), st.integers(), st.none()), max_size=3
        ),
        max_size=4,
    ),
    st.sampled_from([None, 1, 2]),
    st.booleans(),
)
def test_each_json_record_is_found_where_it_is_written(records, indent, wrapped):
    text = json.dumps(
        {"source": "x", "records": records} if wrapped else records, indent=indent, ensure_ascii=False
    )
    spans = record_spans(text)
    assert spans is not None and [json.loads(text[start:end]) for start, end in spans] == records

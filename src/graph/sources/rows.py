"""The rows of a structured file (CSV, JSON lines, JSON), each with the line it starts on and
its characters in the file, so that provenance points at the row. Rows are read one at a
time: a row that cannot be parsed, or that holds a cell over `structured.cell_chars`
(etl/limits.yaml), a NUL or half a surrogate pair, is refused alone with its line and reason,
and the rows before and after it are read as usual."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from graph.limits import load_limits
from graph.sources.readers import SourceError, unstorable


@dataclass
class Row:
    number: int  # the line the row starts on (1 = header for CSV; the record's place in JSON)
    start: int
    end: int
    values: dict[str, str]


Parsed = tuple[list[str], list[Row], list[SourceError]]  # columns (CSV), rows, rows refused


def parse_rows(text: str, fmt: str, path: str) -> Parsed | SourceError:
    """The columns (a CSV's header; none for JSON), the rows read and the rows refused of
    `text` in format `fmt` ('csv', 'jsonl' or 'json'), or why the whole file is refused: a
    CSV header or a JSON document that cannot be read."""
    if fmt == "csv":
        return csv_rows(text, path)
    if fmt == "jsonl":
        return jsonl_rows(text, path)
    return json_rows(text, path)


def physical_lines(text: str) -> tuple[list[str], list[int]]:
    """The lines of `text` as csv and a JSON-lines reader see them (split at "\\n" alone, ends
    kept), and where each starts."""
    lines = list(io.StringIO(text, newline="\n"))
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return lines, offsets


def cell_refusal(cells: list[tuple[str, str]]) -> str | None:
    """Why a row with these `(column, value)` cells is refused (a value too long, or a column
    or value no store can hold), or None."""
    limit = load_limits().cell_chars
    for column, value in cells:
        if len(value) > limit:
            return (
                f"cell {column[:40]!r} holds {len(value):,} characters, over the {limit:,} a cell may"
                " hold (structured.cell_chars in etl/limits.yaml)"
            )
        why = unstorable(value) or unstorable(column)
        if why:
            return f"cell {column[:40]!r} {why}"
    return None


def csv_rows(text: str, path: str) -> Parsed | SourceError:
    """The header and rows of a CSV file. Python's csv refuses a field over its
    `field_size_limit` in the middle of a record, which loses the reader's place; the limit is
    lifted for the parse (no field is longer than the file) and cells are bounded here."""
    lines, offsets = physical_lines(text)
    previous = csv.field_size_limit(max(len(text) + 1, csv.field_size_limit()))
    try:
        reader = csv.reader(io.StringIO(text, newline="\n"))
        try:
            header = next(reader, [])
        except csv.Error as exc:
            return SourceError(path, f"cannot parse the CSV header: {exc}", 1)
        why = cell_refusal([(f"column {i + 1}", name) for i, name in enumerate(header)])
        if why:
            return SourceError(path, f"the CSV header cannot be read: {why}", 1)
        rows, errors = [], []
        while True:
            first = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                errors.append(SourceError(path, f"row cannot be parsed as CSV: {exc}", first))
                continue
            if not record:
                continue  # a blank line
            names = [*header, *(f"column {i + 1}" for i in range(len(header), len(record)))]
            why = cell_refusal(list(zip(names, record, strict=False)))
            if why:
                errors.append(SourceError(path, f"row refused: {why}", first))
                continue
            last = reader.line_num
            values = {name: record[i] if i < len(record) else "" for i, name in enumerate(header)}
            end = offsets[last - 1] + len(lines[last - 1].rstrip("\r\n"))
            rows.append(Row(first, offsets[first - 1], end, values))
    finally:
        csv.field_size_limit(previous)
    return header, rows, errors


def jsonl_rows(text: str, path: str) -> Parsed:
    """The rows of a JSON-lines file, one object a line."""
    lines, offsets = physical_lines(text)
    rows, errors = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            values = record_cells(json_line(line))
        except RowError as exc:
            errors.append(SourceError(path, str(exc), number))
            continue
        rows.append(Row(number, offsets[number - 1], offsets[number - 1] + len(line.rstrip()), values))
    return [], rows, errors


class RowError(ValueError):
    """Why one row is refused; the rows around it are read as usual."""


def json_line(line: str) -> Any:
    """The value of one JSON line; RowError when it cannot be read."""
    if "\x00" in line:
        raise RowError("line holds a NUL byte")
    try:
        return json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        raise RowError(f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise RowError("malformed JSON (nested too deeply)") from None


def json_rows(text: str, path: str) -> Parsed | SourceError:
    """The records of a JSON file: a list of objects, or an object with a `records` list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return SourceError(path, f"cannot parse JSON: {exc.msg} at column {exc.colno}", exc.lineno)
    except RecursionError:
        return SourceError(path, "cannot parse JSON: nested too deeply")
    records = data if isinstance(data, list) else data.get("records") if isinstance(data, dict) else None
    if not isinstance(records, list):
        return SourceError(path, "cannot parse JSON: neither a list of records nor an object with 'records'")
    spans = record_spans(text)
    if spans is None or len(spans) != len(records):
        spans = [(0, len(text))] * len(records)
    rows, errors = [], []
    for number, (record, (start, end)) in enumerate(zip(records, spans, strict=True), start=1):
        try:
            values = record_cells(record)
        except RowError as exc:
            errors.append(SourceError(path, f"record {number}: {exc}", number))
            continue
        rows.append(Row(number, start, end, values))
    return [], rows, errors


def record_spans(text: str) -> list[tuple[int, int]] | None:
    r"""Where each record of a JSON file's list (top level, or under the top object's
    `records`) starts and ends in `text`, so that a record's facts quote the record, not the
    whole file; None where the list cannot be found.

    >>> text = '{"source": "x", "records": [ {"a": 1},\n {"b": [2, 3]} ]}'
    >>> [text[s:e] for s, e in record_spans(text)]
    ['{"a": 1}', '{"b": [2, 3]}']
    """
    decoder = json.JSONDecoder()

    def skip(at: int, mark: str = "") -> int:
        """The first place after spaces (and after `mark`, where it is next)."""
        while at < len(text) and text[at] in " \t\r\n":
            at += 1
        if mark and text.startswith(mark, at):
            return skip(at + 1)
        return at

    try:
        at = skip(0)
        if text.startswith("{", at):
            at = skip(at + 1)
            while True:
                key, at = decoder.raw_decode(text, at)
                at = skip(at, ":")
                if key == "records":
                    break
                _, at = decoder.raw_decode(text, at)
                at = skip(at, ",")
        if not text.startswith("[", at):
            return None
        spans = []
        at = skip(at + 1)
        while not text.startswith("]", at):
            _, end = decoder.raw_decode(text, at)
            spans.append((at, end))
            at = skip(end, ",")
        return spans
    except ValueError:  # JSONDecodeError is one
        return None


def record_cells(record: Any) -> dict[str, str]:
    """A record's values as text cells; RowError when it is not an object or one of its cells
    is refused (`cell_refusal`)."""
    if not isinstance(record, dict):
        raise RowError(f"row refused: a record is a {type(record).__name__}, not an object")
    values = {str(k): "" if v is None else str(v) for k, v in record.items()}
    why = cell_refusal(list(values.items()))
    if why:
        raise RowError(f"row refused: {why}")
    return values

"""Report files and JSON-lines dumps holding what no store can hold (a NUL, half a surrogate
pair, an object for a title): each bad line or file is refused alone with its line and reason,
instead of failing the write of the whole batch it would have joined."""

from __future__ import annotations

from pathlib import Path

from graph.ingest import ingest

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "sources"


def test_bad_lines_of_a_report_dump_are_refused_alone_and_the_rest_is_written(store):
    report = ingest([HOSTILE / "bad_lines.jsonl"], store)
    refused = [(e.line, e.reason) for e in report.errors]
    assert refused[0][0] == 2 and refused[0][1].startswith("malformed JSON (Invalid control character")
    assert refused[1:] == [
        (3, "text holds a NUL character"),
        (4, "'title' is a dict ({'nested': 'object'}), not text"),
        (5, "text holds an unpaired surrogate (\\ud800)"),
    ]
    assert report.status == "ok" and report.counts["new"] == 2
    langs = sorted(r[0] for r in store.query("MATCH (d:Document {complete: true}) RETURN d.lang").rows)
    assert langs == ["ar", "en"]


def test_a_nul_past_the_first_8_kb_of_a_report_refuses_it_with_its_line(store, tmp_path):
    lines = ((HOSTILE / "paragraphs_en.txt").read_text(encoding="utf-8") * 10).split("\n")
    lines[100] = "A NUL \x00 far into the file."  # past the first 8 KB
    (tmp_path / "late_nul.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "ar.txt").write_text(
        "ألقت الشرطة الفرنسية القبض على المدعو هوكر رسول في كاليه.", encoding="utf-8"
    )
    report = ingest([tmp_path], store)
    assert [(Path(e.path).name, e.line, e.reason) for e in report.errors] == [
        ("late_nul.txt", 101, "text holds a NUL character")
    ]
    assert report.counts["new"] == 1

"""Readers turn files into Documents and refuse bad input with the file, the line and the reason."""

import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from graph.model import Document
from graph.sources import SourceError, iter_documents
from graph.sources.readers import document_id

DATA = Path(__file__).resolve().parents[1] / "data"


def read(*paths) -> tuple[list[Document], list[SourceError]]:
    items = list(iter_documents(paths))
    return ([i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, SourceError)])


def test_text_and_markdown_in_both_languages():
    docs, errors = read(DATA / "ar_arrest.txt", DATA / "en_charge.md")
    assert not errors
    assert [d.lang for d in docs] == ["ar", "en"]
    assert docs[0].source == "الشرق الأوسط"  # a press .txt starts with its publisher
    assert docs[1].title == "NCA charges two over small-boat adverts"
    assert all(len(d.id) == 64 for d in docs)


def test_html_main_text_without_navigation_or_scripts(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Boats seized in Calais</title><script>var tracker = 'ignore me';</script></head>"
        "<body><nav>Home | News | Contact</nav><article><h1>Boats seized in Calais</h1>"
        "<p>French police seized 12 inflatable boats and 20 outboard engines near Calais on 5 May 2024.</p>"
        "<p>Two men were arrested and the Telegram channel t.me/calais_cross was reported.</p>"
        "</article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    docs, errors = read(page)
    assert not errors
    assert "seized 12 inflatable boats" in docs[0].text
    assert "tracker" not in docs[0].text and "Home | News" not in docs[0].text
    assert docs[0].lang == "en"


def test_jsonl_lines_become_documents_and_bad_lines_are_reported():
    docs, errors = read(DATA / "mixed.jsonl")
    assert [d.lang for d in docs] == ["en", "ar"]
    assert docs[0].published == "2024-06-04" and docs[0].url == "https://example.org/dover"
    assert docs[0].line == 1 and docs[1].line == 4
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [
        (2, "malformed JSON"),
        (3, "JSON line has no 'text' string"),
    ]
    assert all(e.path.endswith("mixed.jsonl") for e in errors)


def test_bad_files_are_refused_with_a_reason():
    _, errors = read(
        DATA / "bad_empty.txt",
        DATA / "bad_binary.txt",
        DATA / "bad_latin1.txt",
        DATA / "bad_french.txt",
        DATA / "missing.txt",
    )
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert reasons["bad_empty.txt"] == "empty file"
    assert reasons["bad_binary.txt"].startswith("binary file")
    assert reasons["bad_latin1.txt"].startswith("invalid UTF-8 at byte")
    assert reasons["bad_french.txt"] == "language is French; only Arabic and English are supported"
    assert reasons["missing.txt"] == "no such file or folder"


def test_same_report_under_two_names_is_one_document(tmp_path):
    shutil.copy(DATA / "en_charge.md", tmp_path / "a.md")
    (tmp_path / "b.txt").write_text(
        (DATA / "en_charge.md").read_text().replace("\n", "\r\n  "), encoding="utf-8"
    )
    docs, _ = read(tmp_path / "a.md", tmp_path / "b.txt")
    assert docs[0].id == docs[1].id


def test_folder_is_read_recursively_in_order(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(DATA / "en_charge.md", tmp_path / "sub" / "b.md")
    shutil.copy(DATA / "ar_arrest.txt", tmp_path / "a.txt")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    docs, errors = read(tmp_path)
    assert [Path(d.path).name for d in docs] == ["a.txt", "b.md"] and not errors


@given(st.text(max_size=200))
def test_document_id_ignores_whitespace_layout(text):
    assert document_id(text) == document_id("  " + text.replace(" ", "\n ") + "\n")


def test_jsonl_with_arabic_title_roundtrips(tmp_path):
    path = tmp_path / "x.jsonl"
    record = {
        "text": "ألقت الشرطة القبض على ثلاثة مهربين في أربيل بعد نشرهم إعلانات على تيك توك.",
        "title": "اعتقالات في أربيل",
        "published": "3 يونيو 2024",
    }
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    docs, errors = read(path)
    assert not errors and docs[0].title == "اعتقالات في أربيل" and docs[0].published == "2024-06-03"


def test_markdown_furniture_is_left_out_of_the_text_in_both_languages(tmp_path):
    (tmp_path / "note.md").write_text(
        "## Key people\n\n- **Dilan Rashid**, a hawala broker in Erbil\n* **Date:** 14 May 2024\n",
        encoding="utf-8",
    )
    (tmp_path / "ملاحظة.md").write_text(
        "## الأشخاص\n\n- **دلشاد رشيد**، صراف حوالات في أربيل يعمل مع المهربين منذ سنوات\n", encoding="utf-8"
    )
    docs, errors = read(tmp_path / "note.md", tmp_path / "ملاحظة.md")
    assert not errors
    texts = sorted(d.text for d in docs)
    assert "Dilan Rashid, a hawala broker" in texts[0] and "Date: 14 May" in texts[0]
    assert "دلشاد رشيد،" in texts[1]
    assert not any(mark in t for t in texts for mark in ("**", "## ", "- ", "* "))


def test_markdown_furniture_of_press_text_copied_from_the_web_is_left_out_too(tmp_path):
    (tmp_path / "note.txt").write_text(
        "## Latest\n* Price list: **4,500 euros** per person, said Dilan Rashid.\n"
    )
    docs, _ = read(tmp_path / "note.txt")
    # "Latest" alone is a page label (non_actors.yaml: furniture): neither text nor title
    assert docs[0].text.startswith("Price list: 4,500 euros per person")
    assert docs[0].title.startswith("Price list")

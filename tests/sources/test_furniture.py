"""Page furniture and markup in press exports: share buttons, "read more" links, adverts and
cookie notices dropped as whole lines in both languages; HTML and Markdown in a JSON line's
text read as text; the facts read from what is left still point at their words."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from graph.sources import iter_documents
from graph.sources.furniture import furniture, is_furniture, without_furniture
from graph.sources.readers import markup_to_text
from graph.stages import process

REPORT_EN = (
    "Four men jailed for Channel smuggling\n"
    "Share this article\n"
    "Karwan Saleh, 34, was jailed for nine years at Inner London Crown Court.\n"
    "Read more: Boat seized at Gravelines\n"
    "Advertisement\n"
    "We use cookies to improve your experience.\n"
)
REPORT_AR = (
    "سجن مهرب في أربيل\n"
    "شارك على فيسبوك\n"
    "أصدرت محكمة جنايات أربيل حكماً بالسجن ست سنوات على دلشاد كريم.\n"
    "اقرأ أيضاً: ضبط قارب في دهوك\n"
    "إعلان\n"
    "جميع الحقوق محفوظة 2024\n"
)


def test_furniture_lines_go_and_the_report_stays_in_both_languages():
    english, arabic = without_furniture(REPORT_EN), without_furniture(REPORT_AR)
    assert english == (
        "Four men jailed for Channel smuggling\n"
        "Karwan Saleh, 34, was jailed for nine years at Inner London Crown Court.\n"
    )
    assert arabic == "سجن مهرب في أربيل\nأصدرت محكمة جنايات أربيل حكماً بالسجن ست سنوات على دلشاد كريم.\n"


def test_the_page_labels_of_the_non_actors_lexicon_are_furniture_as_whole_lines():
    assert is_furniture("Advertisement") and is_furniture("  Read More ") and is_furniture("اقرأ أيضا")
    assert not is_furniture("Advertisement for crossings on TikTok, seen by the BBC")


def test_a_sentence_that_only_starts_like_furniture_stays():
    for line in (
        "Share prices of the ferry company fell after the seizure.",
        "Read more than 300 messages, police found the price list.",
        "شارك في العملية أكثر من مئة عنصر من الشرطة.",
        "إعلان الشرطة عن ضبط قارب في دهوك جاء بعد أسبوع.",
    ):
        assert not is_furniture(line), line


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_removal_is_idempotent_and_never_drops_a_long_line(text):
    once = without_furniture(text)
    assert without_furniture(once) == once
    kept = set(once.splitlines())
    _, max_chars = furniture()
    assert all(line in kept for line in text.splitlines() if len(" ".join(line.split())) > max_chars)


def test_html_and_markdown_in_a_json_line_are_read_as_text_with_true_offsets(tmp_path):
    dump = tmp_path / "export.jsonl"
    english = (
        "<p>Share this article</p><p><strong>Karwan Saleh</strong>, 34, was jailed for nine years "
        "at Inner London Crown Court &amp; fined.</p>"
    )
    arabic = (
        "## عاجل\n\nأصدرت محكمة جنايات أربيل في 15 تموز 2024 حكماً بالسجن ست سنوات على "
        "**دلشاد كريم** (38 عاماً)، وهو مواطن عراقي من دهوك.\n\nإعلان\n"
    )
    lines = [{"title": "Jailed", "text": english}, {"title": "سجن", "text": arabic}]
    dump.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    docs = [d for d in iter_documents([dump]) if hasattr(d, "text")]
    english, arabic = docs
    assert english.text.startswith("Karwan Saleh, 34, was jailed") and "& fined" in english.text
    # "عاجل" (breaking) and "إعلان" (advert) alone on a line are page labels (non_actors.yaml)
    assert arabic.text.lstrip().startswith("أصدرت محكمة")
    assert "**" not in arabic.text and "إعلان" not in arabic.text
    for (extraction, _), doc, name in zip(process(docs), docs, ("Karwan Saleh", "دلشاد كريم"), strict=True):
        spans = [doc.text[m.start : m.end] for m in extraction.mentions if m.label == "PERSON"]
        assert name in spans, spans


@given(st.lists(st.text(alphabet="abc كاروان صالح,.", min_size=1, max_size=30), min_size=1, max_size=5))
def test_every_word_of_an_html_fragment_is_kept(paragraphs):
    html = "".join(f"<p>{p}</p>" for p in paragraphs) + "<script>var x = 1;</script>"
    words = [w for p in paragraphs for w in p.split()]
    assert markup_to_text(html).split() == words  # nothing picked or dropped but the script

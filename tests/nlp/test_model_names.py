"""`graph_model_names`: what is left of a model's name after a nationality or title the ruler
matched at its start stays a name, in both languages."""

import pytest
from spacy.tokens import Doc, Span

from graph.nlp.pipeline import get_pipeline


def run(lang: str, words: list[str], model: list[tuple], ruler: list[tuple]) -> list[tuple[str, str]]:
    nlp = get_pipeline(lang)
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ruler]
    doc._.model_spans = {f"{doc[s].idx}:{doc[e - 1].idx + len(doc[e - 1])}": label for s, e, label in model}
    return [(e.text, e.label_) for e in nlp.get_pipe("graph_model_names")(doc).ents]


@pytest.mark.parametrize(
    ("lang", "words", "model", "ruler", "expected"),
    [
        (
            "ar",
            ["طلب", "الرئيس", "ال", "فلسطيني", "ياسر", "عرفات", "أمس"],
            [(2, 6, "PERSON")],
            [(1, 2, "TITLE"), (3, 4, "NORP")],
            [("الرئيس", "TITLE"), ("فلسطيني", "NORP"), ("ياسر عرفات", "PERSON")],
        ),
        (
            "en",
            ["The", "Iraqi", "Karwan", "Saleh", "was", "jailed"],
            [(1, 4, "PERSON")],
            [(1, 2, "NORP")],
            [("Iraqi", "NORP"), ("Karwan Saleh", "PERSON")],
        ),
    ],
)
def test_a_name_after_a_nationality_the_ruler_matched_stays_a_name(lang, words, model, ruler, expected):
    assert run(lang, words, model, ruler) == expected


def test_a_name_with_another_match_inside_is_not_cut():
    words = ["Sarah", "Iraqi", "Whitfield"]
    assert run("en", words, [(0, 3, "PERSON")], [(1, 2, "NORP")]) == [("Iraqi", "NORP")]

"""The numpy sentence splitter sets exactly the boundaries spaCy's Sentencizer sets."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

import graph.nlp.sentences  # noqa: F401
from graph.nlp.sentences import SENTENCE_ENDS

TOKENS = [
    "word",
    "كلمة",
    "Name",
    ".",
    "!",
    "؟",
    "?",
    "...",
    ",",
    "،",
    '"',
    "»",
    ")",
    "(",
    "\n",
    "\n\n",
    " ",
    "-",
]
NLP = spacy.blank("xx")
SPACY = NLP.add_pipe("sentencizer", config={"punct_chars": list(SENTENCE_ENDS)})
OURS = NLP.add_pipe("graph_sentencizer")


def starts(doc: Doc) -> list[bool]:
    return [bool(token.is_sent_start) for token in doc]


def but_lower_case(doc: Doc) -> list[bool]:
    """spaCy's boundaries, less those before a word in lower case (which goes on the sentence)."""
    return [bool(t.is_sent_start) and (t.i == 0 or not t.is_lower) for t in doc]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_same_boundaries_as_spacy_sentencizer_but_before_lower_case(words):
    expected = SPACY(Doc(NLP.vocab, words=words))
    ours = OURS(Doc(NLP.vocab, words=words))
    assert starts(ours) == but_lower_case(expected)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from([None, True, False])), max_size=30))
def test_boundaries_set_before_are_kept_as_spacy_keeps_them(tokens):
    def doc_with_preset() -> Doc:
        doc = Doc(NLP.vocab, words=[word for word, _ in tokens])
        for token, (_, preset) in zip(doc, tokens, strict=True):
            if preset is not None:
                token.is_sent_start = preset
        return doc

    expected = SPACY(doc_with_preset())
    kept = [preset for _, preset in tokens]
    assert starts(OURS(doc_with_preset())) == [
        start if kept[t.i] is not None else start and (t.i == 0 or not t.is_lower)
        for t, start in zip(expected, starts(expected), strict=True)
    ]


def test_boundaries_set_before_are_kept():
    doc = Doc(NLP.vocab, words=["One", "two", "three", ".", "Four"])
    doc[2].is_sent_start = True
    doc[4].is_sent_start = False
    assert starts(OURS(doc)) == [True, False, True, False, False]


def test_arabic_and_english_reports_split_at_their_punctuation():
    doc = OURS(spacy.blank("ar")("قال المتحدث: تم القبض عليه؟ نعم.\nوفي لندن"))
    assert [s.text.strip() for s in doc.sents] == ["قال المتحدث: تم القبض عليه؟", "نعم.", "وفي لندن"]
    doc = OURS(spacy.blank("en")('He said: "It is over." Then he left.'))
    assert [s.text.strip() for s in doc.sents] == ['He said: "It is over."', "Then he left."]


def test_a_full_stop_before_a_word_in_lower_case_ends_an_abbreviation_not_the_sentence():
    words = ["He", "came", "to", "the", "U.K", ".", "using", "lorries", ".", "Then", "he", "left", "."]
    doc = OURS(Doc(spacy.blank("en").vocab, words=words))
    assert [s.text for s in doc.sents] == ["He came to the U.K . using lorries .", "Then he left ."]
    doc = OURS(spacy.blank("ar")("وصل إلى المملكة المتحدة. ثم غادر."))  # no case in Arabic: splits as before
    assert [s.text.strip() for s in doc.sents] == ["وصل إلى المملكة المتحدة.", "ثم غادر."]

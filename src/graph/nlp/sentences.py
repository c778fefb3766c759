"""Sentence boundaries by punctuation: spaCy's `Sentencizer` rule, computed over whole token
columns with numpy instead of a Python loop over tokens (it ran at a quarter of the
tokenizer's speed on its own)."""

from __future__ import annotations

import numpy
from spacy.attrs import IS_LOWER, IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from graph.nlp.columns import members, string_ids

# Newlines end sentences too: reports put one sentence or paragraph per line.
SENTENCE_ENDS = (*Sentencizer.default_punct_chars, "\n", "\n\n")


def sentence_starts(ends: numpy.ndarray, punct: numpy.ndarray) -> numpy.ndarray:
    """Which tokens start a sentence, given which end one (`ends`) and which are punctuation:
    the first token, and every token that is neither but follows an end with only
    punctuation in between (so `."` closes a sentence as `.` does)."""
    n = len(ends)
    if not n:
        return numpy.zeros(0, dtype=bool)
    words = ~(ends | punct)
    index = numpy.arange(n)
    last_word = numpy.maximum.accumulate(numpy.where(words, index, -1))
    last_end = numpy.maximum.accumulate(numpy.where(ends, index, -1))
    # an end after the last word before token i: i is the first word after an end
    starts = numpy.zeros(n, dtype=bool)
    starts[1:] = words[1:] & (last_end[:-1] > last_word[:-1])
    starts[0] = True
    return starts


@Language.factory(
    "graph_sentencizer",
    assigns=["token.is_sent_start", "doc.sents"],
    default_config={"punct_chars": list(SENTENCE_ENDS)},
)
class FastSentencizer:
    """Sets sentence starts as spaCy's `Sentencizer` does (tokens whose text is one of
    `punct_chars` end a sentence); boundaries set earlier in the pipeline are kept."""

    def __init__(self, nlp: Language, name: str, punct_chars: list[str]) -> None:
        self.end_ids = string_ids(nlp, punct_chars)

    def __call__(self, doc: Doc) -> Doc:
        columns = doc.to_array([ORTH, IS_PUNCT, SENT_START, IS_LOWER])
        starts = sentence_starts(members(columns[:, 0], self.end_ids), columns[:, 1] == 1)
        # a word in lower case goes on the sentence: the full stop before it ends an
        # abbreviation ("into the U.K. using large trucks"), not the sentence
        starts[1:] &= columns[1:, 3] == 0
        current = columns[:, 2].astype(numpy.int64)
        values = numpy.where(current != 0, current, numpy.where(starts, 1, -1))
        doc.from_array([SENT_START], values.astype(numpy.uint64).reshape(-1, 1))
        return doc

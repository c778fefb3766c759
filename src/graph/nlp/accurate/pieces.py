"""Splits words into e5's SentencePiece pieces: the file's normalisation map, a ▁ before
the word, then the unigram model's most probable segmentation (Viterbi over piece scores,
an unknown character costing the lowest score less 10), exactly as `e5.c` tokenises. Done
here rather than with `sentencepiece` or `tokenizers` because the model file carries no
SentencePiece protobuf, and the segmentation must match the one e5 was trained on."""

from __future__ import annotations

from functools import lru_cache

from graph.nlp.accurate.e5_file import Pieces

WORD_START = "▁"
MAX_PIECES_PER_WORD = 16  # a longer word keeps its first 16 pieces (its first one is what is tagged)


class PieceSplitter:
    """Word → piece ids, cached per word.

    >>> from graph.nlp.accurate.e5_file import Pieces
    >>> import numpy
    >>> vocab = Pieces(["<s>", "<pad>", "</s>", "<unk>", "▁ab", "c", "▁a", "bc"],
    ...                numpy.array([0, 0, 0, 0, -1.0, -2.0, -1.0, -4.0]), 0, 2, 1, 3, {})
    >>> PieceSplitter(vocab).split("abc")
    (4, 5)
    """

    def __init__(self, pieces: Pieces) -> None:
        self.ids = {piece: i for i, piece in enumerate(pieces.pieces) if i != pieces.unk}
        self.scores = pieces.scores
        self.unk = pieces.unk
        self.unk_score = float(pieces.scores.min()) - 10.0
        self.longest = max(len(piece) for piece in self.ids)
        self.normalisation = pieces.normalisation
        self.split = lru_cache(maxsize=200_000)(self.segment)

    def normalise(self, word: str) -> str:
        """The word through the normalisation map, spaces collapsed and marked ▁, a ▁ first."""
        mapped = "".join(self.normalisation.get(ch, ch) for ch in word)
        mapped = " ".join(part for part in mapped.split(" ") if part) if "  " in mapped else mapped
        if not mapped.startswith(" "):
            mapped = " " + mapped
        return mapped.replace(" ", WORD_START)

    def segment(self, word: str) -> tuple[int, ...]:
        """The piece ids of `word` (at most MAX_PIECES_PER_WORD)."""
        text = self.normalise(word)
        n = len(text)
        best = [0.0] + [float("-inf")] * n
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        for start in range(n):
            if best[start] == float("-inf"):
                continue
            for end in range(start + 1, min(n, start + self.longest) + 1):
                piece = self.ids.get(text[start:end])
                if piece is not None:
                    score = best[start] + float(self.scores[piece])
                    if score > best[end]:
                        best[end], back[end] = score, (start, piece)
            unknown = best[start] + self.unk_score
            if unknown > best[start + 1]:
                best[start + 1], back[start + 1] = unknown, (start, self.unk)
        ids = []
        position = n
        while position > 0:
            start, piece = back[position]
            ids.append(piece)
            position = start
        return tuple(reversed(ids))[:MAX_PIECES_PER_WORD]

"""Precision, recall and F1 from counts of true positives, false positives and false negatives:
the one implementation behind `graph eval` on the gold set and on the NER test sets.

>>> score = Score(tp=8, fp=2, fn=8)
>>> score.precision, score.recall, round(score.f1, 4)
(0.8, 0.5, 0.6154)
>>> Score.from_counts(tp=8, predicted=10, gold=16) == score
True
>>> total = Score(1, 0, 1)
>>> total.add(Score(1, 1, 0))
>>> total, round(total.f1, 4)
(Score(tp=2, fp=1, fn=1), 0.6667)
>>> Score().precision, Score().recall, Score().f1  # nothing predicted, nothing to find
(0.0, 0.0, 0.0)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Score:
    """Counts of one label (or one average) and the scores they give; an empty side scores 0."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @classmethod
    def from_counts(cls, tp: int, predicted: int, gold: int) -> Score:
        """The score of `tp` hits among `predicted` items against `gold` items."""
        return cls(tp, predicted - tp, gold - tp)

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Add `other`'s counts (a micro average is the sum of the counts)."""
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

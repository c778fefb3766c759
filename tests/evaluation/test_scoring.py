"""graph.evaluation.scoring: its doctests hold, and it gives the NER tables' scores exactly (prf)."""

import doctest

import pytest

import graph.evaluation.scoring
from graph.evaluation.ner import prf
from graph.evaluation.scoring import Score


def test_the_doctests_hold():
    failed, tried = doctest.testmod(graph.evaluation.scoring)
    assert tried >= 5 and failed == 0


@pytest.mark.parametrize(("tp", "predicted", "gold"), [(0, 0, 0), (0, 3, 0), (0, 0, 4), (422, 561, 889)])
def test_ner_scores_come_from_the_one_score(tp, predicted, gold):
    score = Score.from_counts(tp, predicted, gold)
    assert (score.tp, score.predicted, score.gold) == (tp, predicted, gold)
    assert prf(tp, predicted, gold) == {
        "p": score.precision, "r": score.recall, "f": score.f1, "tp": tp, "pred": predicted, "gold": gold
    }  # fmt: skip

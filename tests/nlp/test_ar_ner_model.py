"""The trained Arabic NER pipeline shipped in the package (issue 8, in progress): it loads
offline and keeps its score on a held-out slice of ANERcorp's test split (read from ../shared)."""

from pathlib import Path

import pytest
from spacy.tokens import Doc

from graph.nlp.models import AR_NER_PATH, load_ar_ner

ANERCORP_TEST = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "anercorp" / "test.conll"
HEADLINE = {"PERS", "LOC", "ORG"}
SLICE = 300  # sentences from the start of the test split
LEVEL = 0.67  # micro F1 over PERS/LOC/ORG on this slice when the model was trained (0.689), less slack


def sentences(path: Path, limit: int) -> list[list[tuple[str, str]]]:
    out, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                out.append(current)
                current = []
            if len(out) == limit:
                break
            continue
        token, _, tag = line.partition("\t")
        if token:
            current.append((token, tag.strip()))
    return out


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    found, start, label = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            found.add((start, i, label))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    return found


def test_the_model_is_shipped_small_enough():
    size = sum(f.stat().st_size for f in AR_NER_PATH.rglob("*") if f.is_file())
    assert size < 25 * 1024 * 1024


def test_arabic_ner_keeps_its_level_on_a_held_out_slice():
    if not ANERCORP_TEST.is_file():
        pytest.skip(f"{ANERCORP_TEST} is absent")
    nlp = load_ar_ner()
    data = sentences(ANERCORP_TEST, SLICE)
    docs = (Doc(nlp.vocab, words=[w for w, _ in s]) for s in data)
    tp = predicted = gold = 0
    for sentence, doc in zip(data, nlp.pipe(docs), strict=True):
        truth = {s for s in spans([t for _, t in sentence]) if s[2] in HEADLINE}
        guess = {(e.start, e.end, e.label_) for e in doc.ents if e.label_ in HEADLINE}
        tp, predicted, gold = tp + len(truth & guess), predicted + len(guess), gold + len(truth)
    precision, recall = tp / predicted, tp / gold
    f1 = 2 * precision * recall / (precision + recall)
    print(f"\nAR NER on {len(data)} test sentences: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    assert f1 >= LEVEL

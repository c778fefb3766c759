"""NER scores on CoNLL and DocBin test sets: the NER model alone, the rules alone and the
combined pipeline, exact span and label (conlleval's rule), per label with micro averages.

Used by `graph eval FILE.conll --compare` (ANERcorp's test split) and by
`training/evaluate_ner.py` (run by `graph train-ner`). The model reads the test tokens as given;
the project pipeline reads each sentence's tokens joined by spaces, its labels map to the
model's (GPE and LOC → LOC; PERSON → PERS for ANERcorp; the domain labels are left out) and
its spans are widened to whole test tokens (the rules leave a clitic out of a name, ANERcorp
keeps it in).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, DocBin

from graph.evaluation.gold import MODES
from graph.evaluation.scoring import Score
from graph.nlp.accurate.tagger import load_accurate_tagger
from graph.nlp.models import accurate_weights_path, load_model, load_ner
from graph.nlp.pipeline import get_pipeline

ANERCORP_LABELS = ("PERS", "LOC", "ORG", "MISC")
HEADLINE = {"ar": ("PERS", "LOC", "ORG"), "en": ("PERSON", "ORG", "LOC")}
EXTRA = {"ar": ("MISC",), "en": ()}
# The pipeline's labels, as each test set names them.
PIPELINE_LABELS = {
    "ar": {"PERSON": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"},
    "en": {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"},
}
PARTS = ("model", "rules", "combined", "accurate-model", "accurate")
# The accurate tagger's labels (ANERcorp's) as each test set names them.
ACCURATE_LABELS = {"ar": {"PERS": "PERS", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"},
                   "en": {"PERS": "PERSON", "LOC": "LOC", "ORG": "ORG"}}  # fmt: skip
Sentences = list[tuple[list[str], set[tuple[int, int, str]]]]


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag); a blank line ends a sentence. Lines with an empty token
    (five `<TAB>O` lines in train.conll) are dropped."""
    sentences, current = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        token, sep, tag = line.rpartition("\t")
        if not sep:
            raise ValueError(f"{path}:{n}: expected token<TAB>tag, got {line!r}")
        if not token:
            if tag.strip() != "O":
                raise ValueError(f"{path}:{n}: empty token tagged {tag!r}")
            continue
        current.append((token, tag.strip()))
    if current:
        sentences.append(current)
    return sentences


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans from BIO tags; a stray I- opens a new span (conlleval)."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if prefix not in ("B", "I", "O"):
            raise ValueError(f"bad tag {tag!r}")
        continues = prefix == "I" and kind == label
        if start is not None and not continues:
            spans.append((start, i, label))
            start, label = None, None
        if prefix == "B" or (prefix == "I" and not continues):
            if kind not in ANERCORP_LABELS:
                raise ValueError(f"unknown label {kind!r}")
            start, label = i, kind
    return spans


def conll_sentences(path: Path) -> Sentences:
    """(words, gold spans) of each sentence of a CoNLL file (ANERcorp's format)."""
    return [([w for w, _ in s], set(bio_spans([t for _, t in s]))) for s in read_conll(path)]


def docbin_sentences(path: Path) -> Sentences:
    """(words, gold spans) of each Doc of a DocBin (training/convert_reports.py's output)."""
    import spacy

    docs = DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab)
    return [([t.text for t in d], {(e.start, e.end, e.label_) for e in d.ents}) for d in docs]


def predictions(part: str, lang: str, sentences: Sentences, model: str | Path | None = None) -> list[set]:
    """Each sentence's predicted spans by one part: the model (the shipped one, or the pipeline
    folder `model`), the rules, or both."""
    if part == "model":
        return model_predictions(load_ner(lang) if model is None else load_model(model), sentences)
    if part == "accurate-model":
        return accurate_predictions(lang, sentences)
    return pipeline_predictions(lang, part, sentences)


def evaluate_parts(
    lang: str, sentences: Sentences, parts: tuple[str, ...] = PARTS, model: str | Path | None = None
) -> dict[str, dict]:
    """Scores of each part on the sentences, with the words it read per second (the pipeline
    loaded beforehand, on this process's threads)."""
    labels = (*HEADLINE[lang], *EXTRA[lang])
    words = sum(len(w) for w, _ in sentences)
    out = {}
    for part in parts:
        predictions(part, lang, sentences[:1], model)  # loads what the part needs
        started = time.perf_counter()
        found = predictions(part, lang, sentences, model)
        out[part] = score(found, sentences, labels)
        out[part]["speed"] = {"words_per_second": round(words / (time.perf_counter() - started))}
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """The scores of `tp` hits among `n_pred` predicted spans against `n_gold` gold spans, with
    the counts, as the NER tables and `graph eval --json` show them."""
    s = Score.from_counts(tp, n_pred, n_gold)
    return {"p": s.precision, "r": s.recall, "f": s.f1, "tp": tp, "pred": n_pred, "gold": n_gold}


def model_predictions(nlp, sentences: Sentences) -> list[set[tuple[int, int, str]]]:
    """The model's entities on the test tokens as given."""
    docs = (Doc(nlp.vocab, words=words, spaces=[*[True] * (len(words) - 1), False]) for words, _ in sentences)
    return [{(e.start, e.end, e.label_) for e in doc.ents} for doc in nlp.pipe(docs, batch_size=64)]


def accurate_predictions(
    lang: str, sentences: Sentences, weights: Path | None = None
) -> list[set[tuple[int, int, str]]]:
    """The accurate tagger's entities on the test tokens as given (the shipped weights, or the
    file `weights`)."""
    tagger = load_accurate_tagger(str(weights or accurate_weights_path()))
    labels = ACCURATE_LABELS[lang]
    tagged = tagger([words for words, _ in sentences])
    return [{(s, e, labels[label]) for s, e, label, _ in found if label in labels} for found in tagged]


def pipeline_predictions(lang: str, mode: str, sentences: Sentences) -> list[set[tuple[int, int, str]]]:
    """The project pipeline's name entities on each sentence's text, as test-token spans."""
    nlp = get_pipeline(lang, **MODES[mode])
    labels = PIPELINE_LABELS[lang]
    out = []
    for words, _ in sentences:
        starts, position = [], 0
        for word in words:
            starts.append(position)
            position += len(word) + 1
        ends = [start + len(word) for start, word in zip(starts, words, strict=True)]
        found = set()
        for ent in nlp(" ".join(words)).ents:
            if ent.label_ in labels:
                first = next(i for i, end in enumerate(ends) if end > ent.start_char)
                last = max(i for i, start in enumerate(starts) if start < ent.end_char)
                found.add((first, last + 1, labels[ent.label_]))
        out.append(found)
    return out


def score(predicted: list[set], sentences: Sentences, labels: tuple[str, ...]) -> dict:
    """Scores per label and micro averages of predicted against gold spans."""
    tp, pred, gold_count = Counter(), Counter(), Counter()
    for (_words, gold_spans), pred_spans in zip(sentences, predicted, strict=True):
        for _s, _e, label in gold_spans:
            gold_count[label] += 1
        for span in pred_spans:
            pred[span[2]] += 1
            tp[span[2]] += span in gold_spans
    scores = {label: prf(tp[label], pred[label], gold_count[label]) for label in labels}
    headline = tuple(label for label in labels if label not in ("MISC",))
    scores["micro"] = prf(*(sum(c[lab] for lab in headline) for c in (tp, pred, gold_count)))
    if len(headline) != len(labels):
        scores["micro all"] = prf(*(sum(c[lab] for lab in labels) for c in (tp, pred, gold_count)))
    return scores


def table(scores: dict[str, dict[str, float]]) -> str:
    lines = ["| label | P | R | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
    for name, s in scores.items():
        bold = "**" if name == "micro" else ""
        lines.append(f"| {bold}{name}{bold} | {s['p']:.3f} | {s['r']:.3f} | {bold}{s['f']:.3f}{bold} "
                     f"| {s['gold']} | {s['pred']} |")  # fmt: skip
    return "\n".join(lines)

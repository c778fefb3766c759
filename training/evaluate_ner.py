"""Exact-span, exact-label scores of a trained NER pipeline (the model alone) on its test splits.

    python training/evaluate_ner.py --lang ar [--model src/graph/nlp/models/ar_ner] [--json FILE]
    python training/evaluate_ner.py --lang en [--model src/graph/nlp/models/en_ner] [--json FILE]

Arabic: ANERcorp's test split (read from ../shared, one Doc per sentence, tokens as given) and
the project's Arabic test reports; English: the project's English test reports (the gold set's
test split, converted by training/convert_reports.py). An entity counts as found only when its
start, end and label all match the gold span (conlleval's rule). Prints precision, recall and F1
per label and the micro average over the name labels (for ANERcorp: PERS, LOC, ORG, the
headline number; MISC on its own line).

`--pipeline` also measures the project's pipeline on the same sentences: `rules` (lexicons and
rules, no model), `combined` (the model, then the rules: what the ETL runs) or `all` three. The
pipeline reads each sentence's tokens joined by spaces; its labels map to the model's (GPE and
LOC → LOC; PERSON → PERS for ANERcorp; the domain labels are left out) and its spans are
widened to whole test tokens (the rules leave a clitic out of a name, ANERcorp keeps it in).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, DocBin

sys.path.insert(0, str(Path(__file__).resolve().parent))
from convert_anercorp import DATA, bio_spans, read_conll

from graph.evaluate import MODES
from graph.nlp.models import load_ar_ner, ner_model_path
from graph.nlp.pipeline import get_pipeline

REPO = Path(__file__).resolve().parents[1]
HEADLINE = {"ar": ("PERS", "LOC", "ORG"), "en": ("PERSON", "ORG", "LOC")}
EXTRA = {"ar": ("MISC",), "en": ()}
# The pipeline's labels, as each test set names them.
PIPELINE_LABELS = {
    "ar": {"PERSON": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"},
    "en": {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"},
}
Sentences = list[tuple[list[str], set[tuple[int, int, str]]]]


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "pred": n_pred, "gold": n_gold}


def model_predictions(nlp, sentences: Sentences) -> list[set[tuple[int, int, str]]]:
    """The model's entities on the test tokens as given."""
    docs = (Doc(nlp.vocab, words=words, spaces=[*[True] * (len(words) - 1), False]) for words, _ in sentences)
    return [{(e.start, e.end, e.label_) for e in doc.ents} for doc in nlp.pipe(docs, batch_size=64)]


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


def score(predictions: list[set], sentences: Sentences, labels: tuple[str, ...]) -> dict:
    """Scores per label and micro averages of predicted against gold spans."""
    tp, pred, gold_count = Counter(), Counter(), Counter()
    for (_words, gold_spans), pred_spans in zip(sentences, predictions, strict=True):
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


def anercorp_sentences(conll: Path) -> Sentences:
    return [([w for w, _ in s], set(bio_spans([t for _, t in s]))) for s in read_conll(conll)]


def report_sentences(corpus: Path, nlp) -> Sentences:
    path = corpus / "test" / "reports.spacy"
    if not path.is_file():
        raise SystemExit(f"{path}: missing; run training/convert_reports.py first")
    docs = DocBin().from_disk(path).get_docs(nlp.vocab)
    return [([t.text for t in d], {(e.start, e.end, e.label_) for e in d.ents}) for d in docs]


def table(scores: dict[str, dict[str, float]]) -> str:
    lines = ["| label | P | R | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
    for name, s in scores.items():
        bold = "**" if name == "micro" else ""
        lines.append(f"| {bold}{name}{bold} | {s['p']:.3f} | {s['r']:.3f} | {bold}{s['f']:.3f}{bold} "
                     f"| {s['gold']} | {s['pred']} |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=("ar", "en"), default="ar")
    parser.add_argument("--model", help="pipeline folder (default: the packaged one)")
    parser.add_argument("--data", type=Path, default=DATA, help="ANERcorp folder (Arabic)")
    parser.add_argument("--corpus", type=Path, help="converted reports (default: training/corpus/LANG)")
    parser.add_argument("--pipeline", choices=("model", "rules", "combined", "all"), default="all")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    args = parser.parse_args(argv)
    model = args.model or str(ner_model_path(args.lang))
    nlp = load_ar_ner(model)
    labels = (*HEADLINE[args.lang], *EXTRA[args.lang])
    test_sets = {}
    if args.lang == "ar":
        test_sets["ANERcorp test"] = anercorp_sentences(args.data / "test.conll")
    corpus = args.corpus or REPO / "training" / "corpus" / args.lang
    test_sets["project reports, test split"] = report_sentences(corpus, nlp)
    parts = ["model", "rules", "combined"] if args.pipeline == "all" else [args.pipeline]
    results: dict[str, dict] = {}
    print(f"model: {model}")
    for name, sentences in test_sets.items():
        tokens = sum(len(w) for w, _ in sentences)
        for part in parts:
            start = time.perf_counter()
            if part == "model":
                predictions = model_predictions(nlp, sentences)
            else:
                predictions = pipeline_predictions(args.lang, part, sentences)
            results.setdefault(name, {})[part] = score(predictions, sentences, labels)
            seconds = time.perf_counter() - start
            print(f"\n### {name}, {part} ({len(sentences)} sentences, {tokens} tokens, {seconds:.1f}s)\n")
            print(table(results[name][part]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

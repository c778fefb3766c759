"""Exact-span, exact-label scores of an Arabic NER pipeline on ANERcorp's test split.

    python training/evaluate_ner.py [--model src/graph/nlp/models/ar_ner] [--split test] [--json FILE]

The pipeline runs over the test tokens as given (one Doc per sentence); an entity counts as
found only when its start, end and label all match the gold span (conlleval's rule). Prints
precision, recall and F1 per label, the micro average over PERS, LOC and ORG (the headline
number), MISC on its own line, and the micro average over all four for reference.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from convert_anercorp import DATA, bio_spans, read_conll

from graph.nlp.models import AR_NER_PATH, load_ar_ner

HEADLINE = ("PERS", "LOC", "ORG")
ALL = (*HEADLINE, "MISC")


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "pred": n_pred, "gold": n_gold}


def evaluate(model: str | Path, conll: Path) -> dict[str, dict[str, float]]:
    nlp = load_ar_ner(model)
    sentences = read_conll(conll)
    tp, pred, gold = Counter(), Counter(), Counter()
    docs = (
        Doc(nlp.vocab, words=[w for w, _ in s], spaces=[*[True] * (len(s) - 1), False]) for s in sentences
    )
    for sentence, doc in zip(sentences, nlp.pipe(docs, batch_size=64), strict=True):
        gold_spans = set(bio_spans([t for _, t in sentence]))
        pred_spans = {(e.start, e.end, e.label_) for e in doc.ents}
        for _s, _e, label in gold_spans:
            gold[label] += 1
        for span in pred_spans:
            pred[span[2]] += 1
            tp[span[2]] += span in gold_spans
    scores = {label: prf(tp[label], pred[label], gold[label]) for label in ALL}
    for name, labels in (("micro PERS/LOC/ORG", HEADLINE), ("micro all four", ALL)):
        scores[name] = prf(*(sum(c[lab] for lab in labels) for c in (tp, pred, gold)))
    return scores


def table(scores: dict[str, dict[str, float]]) -> str:
    lines = ["| label | P | R | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
    for name in (*HEADLINE, "micro PERS/LOC/ORG", "MISC", "micro all four"):
        s = scores[name]
        bold = "**" if name == "micro PERS/LOC/ORG" else ""
        lines.append(f"| {bold}{name}{bold} | {s['p']:.3f} | {s['r']:.3f} | {bold}{s['f']:.3f}{bold} "
                     f"| {s['gold']} | {s['pred']} |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=str(AR_NER_PATH), help="pipeline folder (default: packaged)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--split", default="test", help="conll file stem in --data (test or train)")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    scores = evaluate(args.model, args.data / f"{args.split}.conll")
    print(f"model: {args.model}\nsplit: {args.split}.conll ({time.perf_counter() - start:.1f}s)\n")
    print(table(scores))
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

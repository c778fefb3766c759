"""Scores of a trained NER pipeline on its test splits: the model alone, the rules alone and
the combined pipeline (see `graph.evaluation.ner`). Run by `graph train-ner`.

    python training/evaluate_ner.py --lang ar [--model DIR] [--pipeline model|rules|combined|all]
    python training/evaluate_ner.py --lang en [--model DIR] [--corpus training/corpus/en] [--json FILE]

Arabic: ANERcorp's test split (read from ../shared) and the project's Arabic test reports;
English: the project's English test reports (the gold set's test split, converted by
training/convert_reports.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from graph.evaluation.ner import (
    EXTRA,
    HEADLINE,
    PARTS,
    conll_sentences,
    docbin_sentences,
    predictions,
    score,
    table,
)
from graph.nlp.models import ner_model_path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "datasets" / "anercorp"


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
    labels = (*HEADLINE[args.lang], *EXTRA[args.lang])
    test_sets = {}
    if args.lang == "ar":
        test_sets["ANERcorp test"] = conll_sentences(args.data / "test.conll")
    corpus = args.corpus or REPO / "training" / "corpus" / args.lang
    reports = corpus / "test" / "reports.spacy"
    if not reports.is_file():
        raise SystemExit(f"{reports}: missing; run training/convert_reports.py first")
    test_sets["project reports, test split"] = docbin_sentences(reports)
    parts = PARTS if args.pipeline == "all" else (args.pipeline,)
    results: dict[str, dict] = {}
    print(f"model: {model}")
    for name, sentences in test_sets.items():
        tokens = sum(len(w) for w, _ in sentences)
        for part in parts:
            start = time.perf_counter()
            predicted = predictions(part, args.lang, sentences, model)
            results.setdefault(name, {})[part] = score(predicted, sentences, labels)
            seconds = time.perf_counter() - start
            print(f"\n### {name}, {part} ({len(sentences)} sentences, {tokens} tokens, {seconds:.1f}s)\n")
            print(table(results[name][part]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

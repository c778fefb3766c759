"""Arabic (or English) words/s of the full pipeline and of the NER model alone, for two or more
NER model folders in the same run (each pipeline fresh, the models taking turns, best of
`--repeat`), on benchmarks/etl.py's generated corpus:

    .venv/bin/python -m benchmarks.ner_models /tmp/ar_ner_before src/graph/nlp/models/ar_ner

One BLAS thread, as benchmarks/etl.py. The model folder replaces the shipped one by building the
pipeline with `graph.nlp.pipeline.build_pipeline(..., ner_model=PATH)`.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks.etl import corpus, pipeline_only, words
from rich.console import Console
from rich.table import Table
from threadpoolctl import threadpool_limits

from graph.nlp.pipeline import build_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--lang", default="ar")
    parser.add_argument("--megabytes", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    threadpool_limits(limits=1, user_api="blas")
    texts = corpus(args.lang, args.megabytes, args.seed)
    n = words(texts)
    best: dict[tuple[Path, str], float] = {}
    for _ in range(args.repeat):
        for model in args.models:
            for stage, rules in (("NER model alone", False), ("full pipeline (model + rules)", True)):
                nlp = build_pipeline(args.lang, rules=rules, ner_model=model)
                nlp("warm up")
                start = time.perf_counter()
                pipeline_only(nlp, texts)
                seconds = time.perf_counter() - start
                best[model, stage] = min(seconds, best.get((model, stage), seconds))
    table = Table(title=f"{args.lang} words/s, {n:,} words, best of {args.repeat}, one thread")
    for column in ("model", "stage", "seconds", "words/s", "vs first"):
        table.add_column(column, justify="right")
    for (model, stage), seconds in best.items():
        first = best[args.models[0], stage]
        table.add_row(str(model), stage, f"{seconds:.2f}", f"{n / seconds:,.0f}", f"{first / seconds:.1%}")
    Console(width=160).print(table)


if __name__ == "__main__":
    main()

"""Arabic (or English) words/s of the full pipeline and of the NER model alone, for two or more
NER model folders in the same run, on benchmarks/etl.py's generated corpus:

    .venv/bin/python -m benchmarks.ner_models /tmp/ar_ner_before src/graph/nlp/models/ar_ner

Each model is timed in a process of its own (a second model's pipeline built in the same process
runs several times slower, whichever model it is), the models taking turns `--repeat` times; the
best time of each is kept. One BLAS thread, as benchmarks/etl.py. The model folder replaces the
shipped one through `build_pipeline(..., ner_model=PATH)`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

STAGES = (("NER model alone", False), ("full pipeline (model + rules)", True))


def time_one(model: Path, lang: str, megabytes: float, seed: int) -> dict:
    """{"words": n, stage: seconds} for one model, in this process."""
    from benchmarks.etl import corpus, pipeline_only, words
    from threadpoolctl import threadpool_limits

    from graph.nlp.pipeline import build_pipeline

    threadpool_limits(limits=1, user_api="blas")
    texts = corpus(lang, megabytes, seed)
    result: dict = {"words": words(texts)}
    for stage, rules in STAGES:
        nlp = build_pipeline(lang, rules=rules, ner_model=model)
        nlp("warm up")
        start = time.perf_counter()
        pipeline_only(nlp, texts)
        result[stage] = time.perf_counter() - start
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--lang", default="ar")
    parser.add_argument("--megabytes", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--one", action="store_true", help="time the one model given, print JSON")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(time_one(args.models[0], args.lang, args.megabytes, args.seed)))
        return
    best: dict[tuple[Path, str], float] = {}
    n = 0
    for _ in range(args.repeat):
        for model in args.models:
            command = [sys.executable, "-m", "benchmarks.ner_models", str(model), "--one"]
            command += ["--lang", args.lang, "--megabytes", str(args.megabytes), "--seed", str(args.seed)]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            n = result.pop("words")
            for stage, seconds in result.items():
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

"""ETL speed: words per second per core for the extraction pipeline beside the blank spaCy
tokenizer on the same generated corpus, in the same run, per language: the rules alone, the
trained NER model alone, both (the default pipeline), then extraction and graph building.

    .venv/bin/python benchmarks/etl.py [--megabytes 1.0] [--seed 7] [--processes 2] [--accurate]

With --processes N > 1 the whole extraction also runs as the ETL runs it on N cores (worker
processes that load the pipelines once and take the runner's batches of 16 documents), beside
spaCy's `nlp.pipe(n_process=N)`; their words/s are divided by N, so every row is per core.
With --accurate, the accurate NER mode alone and in the full pipeline too (the `accurate` extra).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from pathlib import Path

import spacy
from rich.console import Console
from rich.table import Table
from threadpoolctl import threadpool_limits

from graph.etl.workers import DocumentBuilder
from graph.model import Document
from graph.nlp.extract import doc_to_extraction
from graph.nlp.pipeline import build_pipeline
from graph.resolve.records import build_batch
from graph.sources import iter_documents

SAMPLES = Path(__file__).resolve().parents[1] / "etl" / "samples"


def invented_reports(lang: str, seed: int) -> Iterator[str]:
    """Endless reports made by shuffling the sample reports' sentences (eight each), a third of
    their words replaced by invented names, so that the corpus does not repeat itself and
    neither the tokenizer's cache nor ours flatters the numbers."""
    sentences = [
        line.strip()
        for doc in iter_documents([SAMPLES])
        if not isinstance(doc, Exception) and getattr(doc, "lang", None) == lang
        for line in doc.text.splitlines()
        if len(line.split()) > 5
    ]
    rng = random.Random(seed)
    syllables = (
        ["ka", "ro", "wan", "sa", "leh", "hi", "men", "dil", "shad", "ar", "dit", "mo", "ha", "med"]
        if lang == "en"
        else ["كا", "رو", "ان", "صا", "لح", "هي", "من", "دل", "شا", "د", "ار", "مو", "حا"]
    )
    while True:
        text = "\n".join(rng.sample(sentences, k=min(8, len(sentences))))
        words = [
            w if rng.random() > 0.3 else "".join(rng.choice(syllables) for _ in range(3)).title()
            for w in text.split(" ")
        ]
        yield " ".join(words)


def corpus(lang: str, megabytes: float, seed: int) -> list[str]:
    """Invented reports (`invented_reports`) until `megabytes` of text."""
    reports, size = [], 0
    for report in invented_reports(lang, seed):
        if size >= megabytes * 1_000_000:
            break
        reports.append(report)
        size += len(report.encode("utf-8"))
    return reports


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def tokenize_only(tokenizer, texts: list[str]) -> None:
    for _ in tokenizer.pipe(texts, batch_size=64):
        pass


def pipeline_only(nlp, texts: list[str], processes: int = 1) -> None:
    for _ in nlp.pipe(texts, batch_size=64, n_process=processes):
        pass


def extract_all(nlp, texts: list[str], lang: str, *, resolve: bool) -> None:
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=64), strict=True):
        extraction = doc_to_extraction(Document(id="b" * 64, text=text, lang=lang, path="bench"), doc)
        if resolve:
            build_batch(extraction)


def build_in_workers(texts: list[str], lang: str, processes: int, batch_size: int = 16) -> None:
    documents = [Document(id=f"{i:064d}", text=text, lang=lang, path="bench") for i, text in enumerate(texts)]
    with DocumentBuilder(processes) as builder:
        for start in range(0, len(documents), batch_size):
            builder.build(documents[start : start + batch_size])


def fresh(lang: str, **parts: bool | str):
    nlp = build_pipeline(lang, **parts)
    nlp("warm up")
    return nlp


def timed(label: str, fn, *args, **kwargs) -> tuple[str, float]:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return label, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=1.0, help="per language")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--processes", type=int, default=1, help="also run the pipeline on N processes")
    parser.add_argument("--accurate", action="store_true", help="also the accurate NER mode (the extra)")
    args = parser.parse_args()
    threadpool_limits(limits=1, user_api="blas")  # per core: the models multiply on one thread
    table = Table(title=f"ETL pipeline speed ({args.megabytes} MB per language, per core)")
    for column in ("lang", "stage", "words", "seconds", "words/s", "vs tokenizer"):
        table.add_column(column, justify="right")
    for lang in ("ar", "en"):
        texts = corpus(lang, args.megabytes, args.seed)
        n = words(texts)
        # every row gets a fresh pipeline (cold vocabulary and caches), as the tokenizer does
        rows = [
            timed("tokenizer only", tokenize_only, spacy.blank(lang), texts),
            timed("rules pipeline (no NER model)", pipeline_only, fresh(lang, model=False), texts),
            timed("NER model alone", pipeline_only, fresh(lang, rules=False), texts),
            timed("full pipeline (model + rules)", pipeline_only, fresh(lang), texts),
            timed("full pipeline + extraction", extract_all, fresh(lang), texts, lang, resolve=False),
            timed("full + extraction + resolve", extract_all, fresh(lang), texts, lang, resolve=True),
        ]
        if args.accurate:
            rows.append(
                timed(
                    "accurate NER model alone", pipeline_only, fresh(lang, rules=False, ner="accurate"), texts
                )
            )
            rows.append(
                timed("full pipeline, accurate model", pipeline_only, fresh(lang, ner="accurate"), texts)
            )
        if args.processes > 1:
            label = f"full pipeline, nlp.pipe(n_process={args.processes})"
            seconds = timed(label, pipeline_only, fresh(lang), texts, args.processes)[1]
            rows.append((label, seconds * args.processes))  # per core
            label = f"full + extraction + resolve, ETL workers x{args.processes}"
            seconds = timed(label, build_in_workers, texts, lang, args.processes)[1]
            rows.append((label, seconds * args.processes))
        base = n / rows[0][1]
        for label, seconds in rows:
            rate = n / seconds
            table.add_row(lang, label, f"{n:,}", f"{seconds:.2f}", f"{rate:,.0f}", f"{rate / base:.1%}")
    Console(width=150).print(table)


if __name__ == "__main__":
    main()

"""Convert the project's annotated reports (tests/gold) to spaCy DocBin files for NER training.

    python training/convert_reports.py --lang en [--out training/corpus/en]
    python training/convert_reports.py --lang ar --labels anercorp [--out training/corpus/ar]

Reads `tests/gold/gold.jsonl` (its `train` split only: the `test` split stays unseen, for
evaluation) and `tests/gold/ner_train.jsonl` (reports annotated for NER training only). Keeps
the name labels a statistical model should learn: PERSON, ORG and LOC, GPE folded into LOC (in
this project GPE is a country, and every country is in the lexicons, whose rules win; what the
model adds is cities, ports and districts, which are LOC). Unnamed people such as "an Iraqi
national" are not names and are left out. With `--labels anercorp` the labels are renamed to
ANERcorp's (PERS, ORG, LOC) so Arabic reports can join ANERcorp's training data.

Writes train/reports.spacy and dev/reports.spacy (every `DEV_EVERY`-th report, by position, goes
to dev) and test/reports.spacy (the gold test split). One Doc per line of a report (reports put
one sentence or paragraph per line), tokenised by the blank spaCy tokenizer of the language; an entity whose
edges fall inside a token (a clitic: وأحمد) takes the whole token, as ANERcorp does.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "gold"
SOURCES = (GOLD / "gold.jsonl", GOLD / "ner_train.jsonl")
MODEL_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
ANERCORP_LABELS = {"PERSON": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
DEV_EVERY = 7


def read_reports(paths: tuple[Path, ...], lang: str) -> tuple[list[dict], list[dict]]:
    """(training reports, test reports) of one language; a missing optional file is skipped."""
    train, test = [], []
    for path in paths:
        if not path.is_file():
            print(f"{path}: not found, skipped", file=sys.stderr)
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            report = json.loads(line)
            if report.get("lang") != lang:
                continue
            split = report.get("split")
            if split == "test":
                test.append(report)
            elif split in ("train", "ner_train"):
                train.append(report)
            else:
                raise ValueError(f"{path}:{n}: unknown split {split!r}")
    return train, test


def name_entities(report: dict, labels: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, model label) of the report's named PERSON/ORG/GPE/LOC entities."""
    return [
        (entity["start"], entity["end"], labels[entity["label"]])
        for entity in report["entities"]
        if entity["label"] in labels and not entity.get("unnamed")
    ]


def report_docs(nlp: spacy.Language, report: dict, labels: dict[str, str]) -> list[Doc]:
    """One Doc per non-empty line, with the entities that lie on it."""
    text = report["text"]
    entities = name_entities(report, labels)
    docs, offset = [], 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        doc = nlp.make_doc(line)
        spans = []
        for s, e, label in entities:
            if start <= s and e <= end:
                span = doc.char_span(s - start, e - start, label=label, alignment_mode="expand")
                if span is None:
                    raise ValueError(f"{report['id']}: entity {text[s:e]!r} does not align with tokens")
                spans.append(span)
        doc.ents = spacy.util.filter_spans(spans)
        for token in doc:  # one sentence per Doc, for readers with `gold_preproc`
            token.is_sent_start = token.i == 0
        docs.append(doc)
    return docs


def write(docs: list[Doc], path: Path) -> None:
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    ents = Counter(e.label_ for d in docs for e in d.ents)
    print(f"{path}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens, {dict(sorted(ents.items()))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=("ar", "en"), required=True)
    parser.add_argument("--labels", choices=("gold", "anercorp"), default="gold")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    out = args.out or REPO / "training" / "corpus" / args.lang
    labels = ANERCORP_LABELS if args.labels == "anercorp" else MODEL_LABELS
    nlp = spacy.blank(args.lang)
    train_reports, test_reports = read_reports(SOURCES, args.lang)
    if not train_reports:
        raise SystemExit(f"no {args.lang} training reports in {', '.join(map(str, SOURCES))}")
    train, dev = [], []
    for i, report in enumerate(train_reports):
        (dev if i % DEV_EVERY == DEV_EVERY - 1 else train).extend(report_docs(nlp, report, labels))
    test = [doc for report in test_reports for doc in report_docs(nlp, report, labels)]
    for split, docs in (("train", train), ("dev", dev), ("test", test)):
        (out / split).mkdir(parents=True, exist_ok=True)
        write(docs, out / split / "reports.spacy")
    return 0


if __name__ == "__main__":
    sys.exit(main())

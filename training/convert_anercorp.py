"""Convert ANERcorp (CoNLL, `token<TAB>BIO-tag`) to spaCy DocBin files.

    python training/convert_anercorp.py [--data DIR] [--out training/corpus/ar]

Writes train/anercorp.spacy (first 90% of train.conll's sentences), dev/anercorp.spacy (last
10%, by position) and test/anercorp.spacy (test.conll); spaCy's corpus reader takes a folder, so
the project's own Arabic reports (training/convert_reports.py) join them as reports.spacy.
One Doc per sentence, tokens exactly as given (proclitics stay attached: وإسرائيل is one B-LOC
token), BIO tags turned into PERS/LOC/ORG/MISC spans. NORM is
not stored: the pipeline's `ar_ner_norm` component sets it from the text.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from graph.evaluation.ner import bio_spans, read_conll

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "datasets" / "anercorp"
OUT = REPO / "training" / "corpus" / "ar"
DEV_FRACTION = 0.1


def to_doc(vocab, sentence: list[tuple[str, str]]) -> Doc:
    words = [w for w, _ in sentence]
    doc = Doc(vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=lab) for s, e, lab in
                bio_spans([t for _, t in sentence])]  # fmt: skip
    # One sentence per Doc, marked so `gold_preproc` readers can iterate doc.sents.
    for i, token in enumerate(doc):
        token.is_sent_start = i == 0
    return doc


def write(docs: list[Doc], path: Path) -> None:
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    ents = Counter(e.label_ for d in docs for e in d.ents)
    n_tokens = sum(len(d) for d in docs)
    print(f"{path.name}: {len(docs)} sentences, {n_tokens} tokens, {dict(sorted(ents.items()))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with train.conll and test.conll")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    nlp = spacy.blank("ar")
    train = [to_doc(nlp.vocab, s) for s in read_conll(args.data / "train.conll")]
    test = [to_doc(nlp.vocab, s) for s in read_conll(args.data / "test.conll")]
    n_dev = round(len(train) * DEV_FRACTION)
    for split, docs in (("train", train[:-n_dev]), ("dev", train[-n_dev:]), ("test", test)):
        (args.out / split).mkdir(parents=True, exist_ok=True)
        write(docs, args.out / split / "anercorp.spacy")
    return 0


if __name__ == "__main__":
    sys.exit(main())

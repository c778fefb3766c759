"""Statistical models shipped inside the package, and the spaCy code they need to load.

`ar_ner/` is an Arabic NER pipeline (PERS, LOC, ORG, MISC) trained on ANERcorp by
`training/train_ar_ner.sh`. Its first component, `ar_ner_norm`, sets each token's NORM to
`graph.nlp.normalise.normalise(text)`; its tok2vec embeds hashed features of that NORM
(`graph.ArabicAffixEmbed.v1`: the NORM, a proclitic-stripped stem, affixes and the shape).
Importing this module registers both, so load the pipeline with `load_ar_ner()` (or import
this module before `spacy.load`).

Tokens keep their proclitics (وإسرائيل is one LOC token, as in ANERcorp), so the model also
works on the blank Arabic tokenizer's output, and on tokens the project's `graph_normaliser`
has split.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array

from graph.nlp.normalise import is_arabic, normalise

if TYPE_CHECKING:
    from thinc.types import Floats2d, Ints2d

MODELS_DIR = Path(__file__).parent
AR_NER_PATH = MODELS_DIR / "ar_ner"

# Features `graph.ArabicAffixEmbed.v1` can embed, each from the token's NORM.
FEATURES = ("norm", "stem", "clitic", "prefix2", "prefix3", "suffix2", "suffix3", "stem_prefix3",
            "stem_suffix3", "shape")  # fmt: skip


@Language.factory("ar_ner_norm")
class ArNerNorm:
    """Sets each token's NORM to its matching form (folded alef/ya/ta marbuta, no diacritics,
    tatweel or bidi marks). Tokens are left as they are."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.norm_ = normalise(token.text)
        return doc


@lru_cache(maxsize=500_000)
def split_proclitics(norm: str) -> tuple[str, str]:
    """(clitics, stem) of a normalised word: a leading conjunction (و ف), then a preposition
    (ب ل ك), then the article (ال, or its ل after ل), stripping only while a stem of three
    letters or more is left. Greedy and deterministic: لبنان gives (ل, بنان) everywhere, which
    is harmless for a hashed feature that sits beside the whole NORM."""
    if not is_arabic(norm):
        return "", norm
    stem = norm
    if stem[:1] in ("و", "ف") and len(stem) > 3:
        stem = stem[1:]
    if stem[:2] == "لل" and len(stem) > 4:
        stem = stem[2:]
    else:
        if stem[:1] in ("ب", "ل", "ك") and len(stem) > 3:
            stem = stem[1:]
        if stem[:2] == "ال" and len(stem) > 4:
            stem = stem[2:]
    return norm[: len(norm) - len(stem)], stem


@lru_cache(maxsize=500_000)
def token_features(norm: str, shape: str) -> tuple[int, ...]:
    """Hashes of every feature in FEATURES for one token (`shape` is spaCy's SHAPE)."""
    clitic, stem = split_proclitics(norm)
    values = {
        "norm": norm,
        "stem": stem,
        "clitic": clitic,
        "prefix2": norm[:2],
        "prefix3": norm[:3],
        "suffix2": norm[-2:],
        "suffix3": norm[-3:],
        "stem_prefix3": stem[:3],
        "stem_suffix3": stem[-3:],
        "shape": shape,
    }
    return tuple(hash_string(f"{name}={values[name]}") for name in FEATURES)


def _affix_extractor(features: list[str]) -> Model[list[Doc], list[Ints2d]]:
    columns = [FEATURES.index(f) for f in features]

    def forward(model: Model, docs: list[Doc], is_train: bool):
        out = []
        for doc in docs:
            rows = [token_features(t.norm_, t.shape_) for t in doc]
            array = numpy.asarray(rows, dtype="uint64").reshape((len(doc), len(FEATURES)))
            out.append(model.ops.asarray2i(array[:, columns], dtype="uint64"))
        return out, lambda d_features: []

    return Model("ar_affix_features", forward, attrs={"features": features})


@registry.architectures("graph.ArabicAffixEmbed.v1")
def arabic_affix_embed(width: int, features: list[str], rows: list[int]) -> Model[list[Doc], list[Floats2d]]:
    """Like spaCy's MultiHashEmbed, over hashed string features of the NORM (see FEATURES):
    one HashEmbed table per feature, concatenated, mixed by a Maxout layer."""
    if len(rows) != len(features):
        raise ValueError(f"Mismatched lengths: {len(rows)} rows for {len(features)} features")
    unknown = sorted(set(features) - set(FEATURES))
    if unknown:
        raise ValueError(f"unknown features {unknown}; known: {FEATURES}")
    embeddings = [
        HashEmbed(width, n_rows, column=i, seed=8 + i, dropout=0.0) for i, n_rows in enumerate(rows)
    ]
    return chain(
        _affix_extractor(features),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


@cache
def load_ar_ner(path: str | Path = AR_NER_PATH) -> Language:
    """The packaged Arabic NER pipeline, loaded once per process."""
    import spacy

    return spacy.load(path)

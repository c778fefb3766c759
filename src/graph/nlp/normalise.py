"""Text normalisation for matching: Arabic letter variants, diacritics, digits, case.

Matching runs on the normalised text while offsets always point into the original, so the
functions that drop characters also return an OffsetMap back. Folding a word is one
`str.translate`; folding a whole document is one table lookup over its code points in numpy,
since it runs over every character the ETL reads.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from typing import Any

from graph.nlp.clitics import load_clitics

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ک": "ك",
    "٫": ".", "٬": ",",
}  # fmt: skip
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Extended (Persian) digits
# Case folding where it keeps one character for one (so offsets stay aligned).
for _code in range(0x41, 0x250):
    _lower = chr(_code).lower()
    if len(_lower) == 1 and _lower != chr(_code):
        _FOLD.setdefault(chr(_code), _lower)

# Characters that carry no letters: tatweel, harakat, Quranic marks, bidi controls, joiners.
_DROP_CLASS = "\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_DROP = re.compile(f"[{_DROP_CLASS}]")
_DROPPED = [0x0640, *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), *range(0x200B, 0x2010),
            *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]  # fmt: skip
_TABLE = {ord(k): v for k, v in _FOLD.items()} | dict.fromkeys(_DROPPED)


@cache
def _arrays() -> tuple[Any, Any]:
    """The same table as arrays over the Basic Multilingual Plane, for whole documents; built
    (and numpy imported) on first use, so that the commands that only read the graph and
    normalise a name or two start without it."""
    import numpy

    folded_code = numpy.arange(0x10000, dtype=numpy.uint32)
    folded_code[[ord(k) for k in _FOLD]] = [ord(v) for v in _FOLD.values()]
    is_dropped = numpy.zeros(0x10000, dtype=bool)
    is_dropped[_DROPPED] = True
    return folded_code, is_dropped


_SHORT = 64  # below this many characters, translate and a regex beat the array set-up

ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def fold(text: str) -> str:
    """Fold letters and drop marks, one C pass; keeps one output character per kept input one.

    >>> fold("أحمد إبراهيم")
    'احمد ابراهيم'
    >>> fold("مُحَمَّد ٢٠٢٤")
    'محمد 2024'
    >>> fold("Karwan SALEH")
    'karwan saleh'
    """
    return text.translate(_TABLE)


@lru_cache(maxsize=200_000)
def normalise(text: str) -> str:
    """Return the matching form of `text` (NFC, folded letters, no diacritics, lower case).

    >>> normalise("الشرطة الفرنسية")
    'الشرطه الفرنسيه'
    >>> normalise("إسرائيل")
    'اسراييل'
    >>> normalise("Police Scotland")
    'police scotland'
    """
    return fold(unicodedata.normalize("NFC", text))


class OffsetMap:
    """Maps offsets in the normalised text back to the original: only dropped characters
    make them differ, so the map is the sorted list of their original positions."""

    def __init__(self, dropped: list[int]) -> None:
        self.dropped = dropped

    def original(self, j: int) -> int:
        """The original index of normalised character j.

        >>> OffsetMap([1, 3]).original(1)  # in "مُحَ", the ح after two dropped marks
        2
        """
        i = j
        while True:
            shifted = j + bisect_right(self.dropped, i)
            if shifted == i:
                return i
            i = shifted

    def __getitem__(self, j: int) -> int:
        return self.original(j)


def normalise_with_map(text: str) -> tuple[str, OffsetMap]:
    """Normalise `text` (already NFC: documents are normalised when read) and return the map
    from normalised offsets back to `text`.

    >>> norm, index = normalise_with_map("قال مُحَمَّد")
    >>> norm, index.dropped, index[5]
    ('قال محمد', [5, 7, 9, 10], 6)
    >>> normalise_with_map("Karwan Saleh")[0]
    'karwan saleh'
    """
    if len(text) < _SHORT:
        return fold(text), OffsetMap([m.start() for m in _DROP.finditer(text)])
    import numpy

    folded_code, is_dropped = _arrays()
    codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    in_bmp = codes < 0x10000
    bmp_codes = numpy.where(in_bmp, codes, 0)
    folded = numpy.where(in_bmp, folded_code[bmp_codes], codes)
    dropped = in_bmp & is_dropped[bmp_codes]
    kept = folded[~dropped].tobytes().decode("utf-32-le", "surrogatepass")
    return kept, OffsetMap(numpy.flatnonzero(dropped).tolist())


def span_back(index: OffsetMap, start: int, end: int) -> tuple[int, int]:
    """Map a [start, end) span of the normalised text back to the original text.

    >>> text = "قال مُحَمَّد إنه"
    >>> norm, index = normalise_with_map(text)
    >>> start = norm.index("محمد")
    >>> start, end = span_back(index, start, start + 4)
    >>> text[start:end]
    'مُحَمَّد'
    >>> span_back(normalise_with_map("Karwan Saleh")[1], 7, 12)
    (7, 12)
    """
    if not index.dropped:
        return start, end
    return index[start], index[end - 1] + 1


_WORD_SETS: dict[frozenset[str], frozenset[str]] = {}


def shared_words(words: frozenset[str]) -> frozenset[str]:
    """One object for each distinct set of known words, whoever built it: `strip_proclitics`
    caches by its arguments, and a lookup with an equal set that is another object compares
    the sets element by element (tens of thousands of words, per word looked up), where the
    same object is found at once. Components pass their sets through here when they build them.

    >>> shared_words(frozenset({"لندن"})) is shared_words(frozenset({"لندن"}))
    True
    """
    return _WORD_SETS.setdefault(words, words)


@lru_cache(maxsize=200_000)
def strip_proclitics(word: str, known: frozenset[str]) -> tuple[str, str] | None:
    """Split a normalised word into (clitic, norm) when the remaining stem is a word the
    lexicons know; None when the word is known as it is or no split helps.

    `لل` + stem stands for ل + ال + stem (the article's alef is dropped after ل), so its
    norm is the stem with the article restored when the lexicons know that form. After وال،
    بال and the like, the article stays with the stem when the lexicons know it that way
    (بالوكالة → ب + الوكالة, as in "الوكالة الوطنية لمكافحة الجريمة"). The clitics and the
    order they are tried in are the `sequences` of `etl/lexicons/clitics.yaml`.

    >>> known = frozenset({"tiktok", "الوكاله", "المملكه"})
    >>> strip_proclitics("وtiktok", known)
    ('و', 'tiktok')
    >>> strip_proclitics("للوكاله", known)
    ('لل', 'الوكاله')
    >>> strip_proclitics("بالوكاله", known)
    ('ب', 'الوكاله')
    >>> strip_proclitics("وكاله", known) is None  # no known word after و
    True
    >>> strip_proclitics("tiktok", known) is None  # known as it is
    True
    """
    if word in known:
        return None
    clitics = load_clitics()
    article, lam_article = clitics.article, clitics.lam_article
    for clitic in clitics.sequences:
        stem = word[len(clitic) :]
        if not word.startswith(clitic) or len(stem) < (2 if is_arabic(stem) else 1):
            continue
        if clitic.endswith(lam_article) and article + stem in known:
            return clitic, article + stem
        if clitic.endswith(article) and len(clitic) > len(article) and article + stem in known:
            return clitic[: -len(article)], article + stem
        if stem in known:
            return clitic, stem
    return None


def strip_invisible(text: str) -> str:
    """Text without bidi controls and zero-width characters (kept in documents, dropped from
    the names and identifiers the graph stores).

    >>> strip_invisible("\\u200f@Smuggler_UK\\u200e")
    '@Smuggler_UK'
    >>> strip_invisible("وزارة\\u200c الداخلية")
    'وزارة الداخلية'
    """
    return INVISIBLE.sub("", text)


WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The runs of letters, digits and underscores of a (normalised) text: the terms the
    full-text indexes of both stores hold for a name, split here so that the two engines'
    tokenisers (which differ on '.', "'" and '/') never see anything but whole words.

    >>> words("al-hassan @channel_taxi_uk police.uk")
    ['al', 'hassan', 'channel_taxi_uk', 'police', 'uk']
    """
    return WORD.findall(text)


def is_arabic(text: str) -> bool:
    """Whether `text` holds an Arabic letter (the clitic rules apply only then).

    >>> is_arabic("وTikTok"), is_arabic("TikTok"), is_arabic("2024")
    (True, False, False)
    """
    return bool(ARABIC_LETTER.search(text))


# How like a name a suggestion must be (rapidfuzz's 0..100 score of the matching forms).
NEAR_SCORE = 60


def nearest(text: str, choices: Mapping[str, str] | Sequence[str], limit: int = 3) -> list[str]:
    """The choices nearest to `text`, best first, compared in their matching forms (rapidfuzz,
    letter variants folded), none below NEAR_SCORE: what to suggest for a name or a value that
    matches nothing. Of a mapping, the keys of the nearest values are given.

    >>> nearest("Karwan Salih", ["Karwan Saleh", "Himen Aziz"])
    ['Karwan Saleh']
    >>> nearest("اعتقال", ["arrest", "charge"])
    []
    """
    from rapidfuzz import process  # only when something matched nothing: `graph query` stays light

    key = normalise(text)
    found = process.extract(key, choices, processor=normalise, limit=limit, score_cutoff=NEAR_SCORE)
    return [match[2] if isinstance(choices, Mapping) else match[0] for match in found]

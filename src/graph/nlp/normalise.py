"""Text normalisation for matching: Arabic letter variants, diacritics, digits, case.

Matching runs on the normalised text while offsets always point into the original,
so every function that drops characters also returns the map back.
"""

from __future__ import annotations

import re
import unicodedata

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

# Characters that carry no letters: tatweel, harakat, Quranic marks, bidi controls, joiners.
_DROP = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
# Proclitic sequences, longest first: conjunction (و ف), preposition (ب ل ك), article (ال).
PROCLITICS = (
    "وبال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل",
    "وب", "ول", "وك", "فب", "فل", "فك", "ال", "و", "ف", "ب", "ل", "ك",
)  # fmt: skip


def fold_char(char: str) -> str:
    """Fold one character; returns '' for characters dropped from matching."""
    if _DROP.match(char):
        return ""
    folded = _FOLD.get(char, char)
    lower = folded.lower()
    return lower if len(lower) == 1 else folded


def normalise(text: str) -> str:
    """Return the matching form of `text` (NFC, folded letters, no diacritics, lower case)."""
    return "".join(fold_char(c) for c in unicodedata.normalize("NFC", text))


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise `text` and return, for each output character, its index in `text`.

    `text` must already be NFC (documents are NFC-normalised when read), so indices stay valid.
    """
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        folded = fold_char(char)
        if folded:
            out.append(folded)
            index.append(i)
    return "".join(out), index


def span_back(index: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a [start, end) span of the normalised text back to the original text."""
    return index[start], index[end - 1] + 1


def strip_proclitics(word: str, known: set[str] | frozenset[str]) -> tuple[str, str] | None:
    """Split a normalised word into (clitic, norm) when the remaining stem is a word the
    lexicons know; None when the word is known as it is or no split helps.

    `لل` + stem stands for ل + ال + stem (the article's alef is dropped after ل), so its
    norm is the stem with the article restored when the lexicons know that form.
    """
    if word in known:
        return None
    for clitic in PROCLITICS:
        stem = word[len(clitic) :]
        if not word.startswith(clitic) or len(stem) < (2 if is_arabic(stem) else 1):
            continue
        if clitic.endswith("لل") and "ال" + stem in known:
            return clitic, "ال" + stem
        if stem in known:
            return clitic, stem
    return None


def is_arabic(text: str) -> bool:
    return bool(ARABIC_LETTER.search(text))

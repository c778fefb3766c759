"""Token columns (`Doc.to_array`) tested against sets of strings, for components that look
at every token: one numpy operation per column instead of a Python test per token."""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.language import Language


def string_ids(nlp: Language, words: Iterable[str]) -> numpy.ndarray:
    """The hashes of `words` in the shared StringStore, sorted, to test `to_array` columns
    against with `members`."""
    return sorted_ids(nlp.vocab.strings.add(w) for w in words)


def sorted_ids(ids: Iterable[int]) -> numpy.ndarray:
    return numpy.array(sorted(set(ids)), dtype=numpy.uint64)


def members(column: numpy.ndarray, ids: numpy.ndarray) -> numpy.ndarray:
    """Which values of a `to_array` column are in the sorted array `ids`: one binary search
    per token in numpy (`numpy.isin` sorts both arrays on every call, several times slower)."""
    if not len(ids):
        return numpy.zeros(len(column), dtype=bool)
    column = numpy.asarray(column, dtype=ids.dtype)  # hashes over 2**63 are negative as int64
    found = numpy.searchsorted(ids, column)
    found[found == len(ids)] = 0
    return ids[found] == column

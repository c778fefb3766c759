"""Reprints: which report repeats another's text, so that a fact read in a wire story and in
its five reprints counts as one independent source, not six. Each report gets an `origin`, the
key its facts are counted under: the origin of the report it repeats, else its own
(`Document.origin`: its publisher, else itself). A report's text is a set of shingles (runs of
folded words) summarised by a MinHash signature (datasketch); reports that share a band of
their signatures are candidates, and a candidate is a reprint when most of the shorter text's
shingles are, by the signatures' estimate, in the other. Only signatures are kept and compared:
no report's text is read again."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import yaml

from graph.model import Document
from graph.nlp.normalise import fold, words
from graph.paths import etl_dir
from graph.store.base import GraphStore


@cache
def settings() -> dict[str, Any]:
    with open(etl_dir() / "rules" / "resolution.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["reprints"]


def shingles(text: str) -> frozenset[str]:
    """The runs of `shingle_words` consecutive words of the text, letters folded (a shorter
    text is one run).

    >>> sorted(shingles("The NCA removed 3 accounts"))
    ['the nca removed 3 accounts']
    >>> shingles("أزالت الوكالة") == shingles("ازالت الوكاله")
    True
    """
    size = settings()["shingle_words"]
    tokens = words(fold(text))
    if len(tokens) <= size:
        return frozenset([" ".join(tokens)]) if tokens else frozenset()
    return frozenset(" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


# datasketch's hashing scheme, named so that a signature kept in the store stays comparable.
SCHEME = "affine32"


@cache
def _permutations() -> Any:
    """MinHash's random permutations, made once (making them is most of a small text's cost)."""
    from datasketch import MinHash

    return MinHash(num_perm=_perms(), seed=1, scheme=SCHEME).permutations


def _perms() -> int:
    return settings()["bands"] * settings()["rows"]


@dataclass(frozen=True)
class Fingerprint:
    """A text's MinHash signature and its number of shingles."""

    signature: tuple[int, ...]
    size: int

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        from datasketch import MinHash

        grams = shingles(text)
        minhash = MinHash(num_perm=_perms(), permutations=_permutations(), scheme=SCHEME)
        minhash.update_batch([g.encode("utf-8") for g in sorted(grams)])
        return cls(tuple(int(v) for v in minhash.hashvalues), len(grams))

    def bands(self) -> list[str]:
        """Its band keys, `band:digest`: two texts that share one are candidates."""
        rows = settings()["rows"]
        values = np.asarray(self.signature, dtype=np.uint32)
        keys = []
        for band in range(settings()["bands"]):
            chunk = values[band * rows : (band + 1) * rows].tobytes()
            keys.append(f"{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
        return keys

    def containment(self, other: Fingerprint) -> float:
        """The estimated share of the smaller text's shingles that are in the other: the
        signatures estimate the Jaccard similarity J, and |A ∩ B| = J (|A| + |B|) / (1 + J).

        >>> a = Fingerprint.of("one two three four five six seven eight nine ten")
        >>> a.containment(a)
        1.0
        """
        if not self.size or not other.size:
            return 0.0
        jaccard = float(np.mean(np.equal(self.signature, other.signature)))
        shared = jaccard * (self.size + other.size) / (1 + jaccard)
        return min(1.0, shared / min(self.size, other.size))


@dataclass(frozen=True)
class Known:
    """A report already seen: where its facts are counted, and its fingerprint."""

    id: str
    origin: str
    fingerprint: Fingerprint


class ReprintIndex:
    """Band key -> reports, for the reports in the store and those read since it was loaded."""

    def __init__(self, known: Iterable[Known] = ()) -> None:
        self.by_band: dict[str, list[Known]] = defaultdict(list)
        for report in known:
            self.add(report)

    def add(self, report: Known) -> None:
        for key in report.fingerprint.bands():
            self.by_band[key].append(report)

    def candidates(self, fingerprint: Fingerprint, besides: str) -> list[Known]:
        """The reports (other than `besides`) that share a band with `fingerprint`, each once,
        in id order so that the choice among them does not depend on reading order."""
        found = {k.id: k for key in fingerprint.bands() for k in self.by_band.get(key, []) if k.id != besides}
        return [found[i] for i in sorted(found)]

    def reprinted(self, document: Document, fingerprint: Fingerprint) -> Known | None:
        """The first candidate `document` repeats, or None."""
        threshold = settings()["min_containment"]
        for candidate in self.candidates(fingerprint, document.id):
            if fingerprint.containment(candidate.fingerprint) >= threshold:
                return candidate
        return None


@dataclass(frozen=True)
class Reading:
    """What reprint detection decided for one report."""

    origin: str
    reprint_of: str | None
    fingerprint: Fingerprint


class Reprints:
    """Reprint detection over a run: the fingerprints of the store's reports are read once,
    when first needed, and each report read is added as it is decided."""

    STORED = (
        "MATCH (d:Document) WHERE d.id > $after AND d.reprint_signature IS NOT NULL "
        "RETURN d.id AS id, d.origin AS origin, d.reprint_signature AS signature, "
        "d.shingle_count AS size ORDER BY id LIMIT $page"
    )

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.index: ReprintIndex | None = None

    def read(self, documents: Sequence[Document]) -> dict[str, Reading]:
        """The reading of each of `documents` (by id), against the store and each other."""
        if self.index is None:
            stored = self.store.read_paged(self.STORED)
            self.index = ReprintIndex(
                Known(r["id"], r["origin"], Fingerprint(tuple(r["signature"]), r["size"])) for r in stored
            )
        out = {}
        for document in documents:
            fingerprint = Fingerprint.of(document.text)
            repeated = self.index.reprinted(document, fingerprint)
            reading = (
                Reading(repeated.origin, repeated.id, fingerprint)
                if repeated
                else Reading(document.origin, None, fingerprint)
            )
            self.index.add(Known(document.id, reading.origin, fingerprint))
            out[document.id] = reading
        return out

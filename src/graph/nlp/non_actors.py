"""What names no actor though a model may read it as a name: the words of
`etl/lexicons/non_actors.yaml` (weekdays, holidays, greetings, page furniture, peoples,
ordinals), the months of `months.yaml` and the currency codes of `currencies.yaml`, all in
their matching form, with the collocations that are no name and the trades of a byline."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from graph.nlp.clitics import load_clitics
from graph.nlp.normalise import normalise
from graph.paths import etl_dir

# Sections of non_actors.yaml that are no list of words: every other section is one.
NOT_WORDS = ("phrases", "byline_jobs", "generic_heads")
NISBA_ENDINGS = ("ي", "يه", "يون", "يين")  # normalised: ـي، ـية، ـيون، ـيين


@dataclass(frozen=True)
class NonActors:
    words: frozenset[str]  # normalised phrases that are never a name
    phrases: tuple[str, ...]  # normalised collocations a name never starts inside
    byline_jobs: frozenset[str]  # normalised trades that end a byline's name
    generic_heads: frozenset[str] = frozenset()  # normalised Arabic group nouns (شبكه، سلطات)

    def __contains__(self, text: str) -> bool:
        """Whether `text` (any form) is wholly a non-actor, with or without an Arabic
        proclitic or article before it (والخميس، بالأحد).

        >>> non_actors = load_non_actors()
        >>> "Tuesday" in non_actors, "يوم" in non_actors, "والخميس" in non_actors
        (True, False, True)
        >>> "Hoxha" in non_actors, "GBP" in non_actors, "ديسمبر" in non_actors
        (False, True, True)
        """
        norm = " ".join(normalise(text).split())
        if norm in self.words:
            return True
        for clitic in load_clitics().forms("sequences"):
            if norm.startswith(clitic) and len(norm) - len(clitic) >= 3 and norm[len(clitic) :] in self.words:
                return True
        return False

    def describes(self, text: str) -> bool:
        """Whether an Arabic phrase describes a group rather than names it: a generic head
        with the article, then only adjectives of origin or kind with it.

        >>> non_actors = load_non_actors()
        >>> non_actors.describes("الشبكة الإجرامية"), non_actors.describes("السلطات الفرنسية")
        (True, True)
        >>> [non_actors.describes(t) for t in ("شبكة زاغروس", "الشبكة", "الهلال الأحمر")]
        [False, False, False]
        """
        article = load_clitics().article
        words = normalise(text).split()
        if len(words) < 2 or not all(w.startswith(article) for w in words):
            return False
        head, *adjectives = (w[len(article) :] for w in words)
        return head in self.generic_heads and all(a.endswith(NISBA_ENDINGS) for a in adjectives)


def _both(spec: dict | None) -> list[str]:
    return [str(w) for lang in ("en", "ar") for w in (spec or {}).get(lang, [])]


@cache
def load_non_actors(root: Path | None = None) -> NonActors:
    """The non-actors of `etl/` (or `root`), read once."""
    root = root or etl_dir()
    lexicons = root / "lexicons"

    def read(name: str) -> dict:
        with open(lexicons / name, encoding="utf-8") as handle:
            return yaml.safe_load(handle)

    data = read("non_actors.yaml")
    sections = [section for section in data if section not in NOT_WORDS]
    words = {normalise(w) for section in sections for w in _both(data[section])}
    words |= {normalise(str(w)) for names in read("months.yaml")["months"].values() for w in _both(names)}
    words |= {normalise(code) for code in read("currencies.yaml")["currencies"]}
    return NonActors(
        words=frozenset(words),
        phrases=tuple(sorted({normalise(p) for p in _both(data.get("phrases"))})),
        byline_jobs=frozenset(normalise(w) for w in _both(data.get("byline_jobs"))),
        generic_heads=frozenset(normalise(w) for w in _both(data.get("generic_heads"))),
    )

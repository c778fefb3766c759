"""The Arabic proclitics of `etl/lexicons/clitics.yaml`, read once: conjunctions, prepositions,
the article, the sequences the normaliser splits off, and the sets single rules accept, so that
every rule and model feature that looks past a clitic takes it from one list.

>>> clitics = load_clitics()
>>> clitics.conjunctions, clitics.article, clitics.lam_article
(('و', 'ف'), 'ال', 'لل')
>>> clitics.regex("conjunctions")
'[وف]'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from graph.paths import etl_dir

CATEGORIES = ("conjunctions", "prepositions", "article", "lam_article", "sequences")


@dataclass(frozen=True)
class Clitics:
    """The proclitics by category, plus `uses`: the set one rule accepts before its word."""

    conjunctions: tuple[str, ...]
    prepositions: tuple[str, ...]
    article: str
    lam_article: str  # ل + the article, its alef not written (للوكالة)
    sequences: tuple[str, ...]  # what the normaliser may split off, in the order it tries them
    uses: dict[str, tuple[str, ...]]

    def forms(self, name: str) -> tuple[str, ...]:
        """The clitics of a category (`conjunctions`, `article`, ...) or of a use (`month`).

        >>> load_clitics().forms("prepositions")
        ('ب', 'ل', 'ك')
        >>> load_clitics().forms("article")
        ('ال',)
        """
        if name in CATEGORIES:
            value = getattr(self, name)
            return (value,) if isinstance(value, str) else value
        if name in self.uses:
            return self.uses[name]
        raise KeyError(f"no clitic category or use {name!r} in etl/lexicons/clitics.yaml")

    def regex(self, name: str) -> str:
        """A regex matching one clitic of a category or use, as one unit that takes a
        quantifier (`regex("conjunctions") + "?"`); see `clitic_regex`.

        >>> load_clitics().regex("month")
        '[وبل]'
        >>> load_clitics().regex("payment_method")
        '(?:بال|ال|[وفبل])'
        """
        return clitic_regex(self.forms(name))


def clitic_regex(forms: Iterable[str]) -> str:
    """A regex matching any of `forms` as one unit: single letters as a character class in
    their order, longer forms before it, longest first, in a non-capturing group.

    >>> clitic_regex(["و", "ف"])
    '[وف]'
    >>> clitic_regex(["ال"])
    '(?:ال)'
    >>> clitic_regex(["و", "ال", "بال"])
    '(?:بال|ال|[و])'
    """
    forms = list(dict.fromkeys(forms))
    letters = "".join(re.escape(f) for f in forms if len(f) == 1)
    longer = [re.escape(f) for f in sorted((f for f in forms if len(f) > 1), key=len, reverse=True)]
    if not longer:
        return f"[{letters}]"
    return "(?:" + "|".join([*longer, *([f"[{letters}]"] if letters else [])]) + ")"


def _letters(data: dict, key: str) -> tuple[str, ...]:
    forms = tuple(str(f) for f in data[key])
    if not forms or any(len(f) != 1 for f in forms):
        raise ValueError(f"etl/lexicons/clitics.yaml: {key} must be single letters, got {forms}")
    return forms


def _check(clitics: Clitics) -> None:
    """Refuse a sequence that is not a conjunction, then a preposition, then the article (or a
    conjunction then لل), and a use that holds anything else."""
    conj = f"[{''.join(clitics.conjunctions)}]?"
    tail = f"(?:[{''.join(clitics.prepositions)}]?(?:{clitics.article})?|{clitics.lam_article})"
    shape = re.compile(f"{conj}{tail}")
    for form in (*clitics.sequences, *(f for forms in clitics.uses.values() for f in forms)):
        if not form or not shape.fullmatch(form):
            raise ValueError(f"etl/lexicons/clitics.yaml: {form!r} is not a sequence of known clitics")


@cache
def load_clitics(root: Path | None = None) -> Clitics:
    """`lexicons/clitics.yaml` under `root` (the project's `etl/`), read and checked once per
    process.

    >>> load_clitics().sequences[:3]
    ('وبال', 'وال', 'فال')
    >>> load_clitics().uses["month"]
    ('و', 'ب', 'ل')
    """
    path = (root or etl_dir()) / "lexicons" / "clitics.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    clitics = Clitics(
        conjunctions=_letters(data, "conjunctions"),
        prepositions=_letters(data, "prepositions"),
        article=str(data["article"]),
        lam_article=str(data["lam_article"]),
        sequences=tuple(str(f) for f in data["sequences"]),
        uses={use: tuple(str(f) for f in forms) for use, forms in (data.get("uses") or {}).items()},
    )
    _check(clitics)
    return clitics

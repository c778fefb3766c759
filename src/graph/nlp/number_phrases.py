"""The regex of one number written in words, from the number words of `etl/lexicons/numbers.yaml`
(`Lexicon.number_phrase` fills it in; `graph.nlp.values.parse_number_words` reads what it
matches)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable


def number_phrase(
    words: dict[str, int],
    multipliers: dict[str, int],
    joiners: Iterable[str],
    alternation: Callable[[set[str]], str],
) -> str:
    """A regex (over normalised text) for one number written in words: number words and
    multipliers in a row ("two thousand five hundred", "ستة الاف"), a joiner before a last part
    that no multiplier follows ("two hundred and fifty", "الف وخمسمائة"), so that the two ends of
    a range stay two numbers ("بين الفين واربعه الاف": الفين, then اربعه الاف). `alternation`
    makes a regex alternation of normalised words.

    >>> from graph.nlp.lexicon import load_lexicon
    >>> phrase = re.compile(load_lexicon().number_phrase())
    >>> [m.group() for m in phrase.finditer("between two and four thousand, الف وخمسمايه")]
    ['two', 'four thousand', 'الف وخمسمايه']
    >>> phrase.search("two hundred and fifty thousand").group()
    'two hundred and fifty thousand'
    """
    word = f"(?:{alternation({*words, *multipliers})})(?!\\w)"
    # a run starts with a number word or a multiplier written in full ("thousands"), not "k"
    first = f"(?:{alternation({*words, *(m for m in multipliers if len(m) > 1)})})(?!\\w)"
    scale = f"(?:{alternation(set(multipliers))})(?!\\w)"
    joiners = list(joiners)
    join = "|".join(
        [
            *(rf"\s+{re.escape(j)}\s+" for j in joiners if len(j) > 1),
            *(rf"\s+{re.escape(j)}\s*" for j in joiners if len(j) == 1),  # a proclitic: و
        ]
    )
    # after a hundred, a joiner goes on with the same number ("two hundred and fifty thousand")
    hundreds = {w for w, v in multipliers.items() if v == 100}
    hundreds |= {w for w, v in words.items() if 100 <= v < 1000 and v % 100 == 0}
    after_hundred = "|".join(f"(?<={re.escape(h)})" for h in sorted(hundreds))
    run = rf"{word}(?:[\s-]+{word})*"
    last = rf"(?:{join}){word}(?![\s-]+{scale})(?:-{word})?"
    return rf"{first}(?:[\s-]+{word})*(?:(?:{after_hundred})(?:{join}){run}|{last})*"

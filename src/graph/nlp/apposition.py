"""A name followed by its description ("Karwan Saleh, an Iraqi national", "كاروان صالح (34
عاماً)، وهو مواطن عراقي") is one person, not a named one and an unnamed one.

Only the few people named just before a description can be apposed to it, since the gap
between them may hold at most `GAP_WORDS` words; finding those by walking back from the
description keeps the whole step linear in the document, which matters for a long one."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

from graph.model import Mention
from graph.nlp.normalise import normalise

# Between a name and its description: commas, an age ("41," / "(34 عاماً)"), an article.
APPOSITION_GAP = re.compile(
    r"^[\s,،]*(?:\(?\d{1,3}\s*(?:عام\w*)?\)?[\s,،]*)?(?:(?:a|an|the|who is|وهو|وهي|هو|هي)\s+)?$",
    re.IGNORECASE,
)
# The most words APPOSITION_GAP lets through: an age in two ("(34 عاماً)"), an article in two
# ("who is"). Words are runs between its separators (spaces, commas, and the Arabic thousands
# mark, which normalises to a comma) holding a character normalisation keeps.
GAP_WORDS = 4
GAP_SEPARATORS = frozenset(",،٬")


def gap_floor(text: str, end: int) -> int:
    """The last position before `end` from which `text[position:end]`, normalised, holds more
    than GAP_WORDS words (so it, and any longer stretch ending at `end`, cannot match
    APPOSITION_GAP); -1 when all of `text[:end]` holds no more.

    >>> gap_floor("Karwan Saleh, 41, an Iraqi", 17), gap_floor("one two three four five, x", 25)
    (-1, 2)
    """
    words, in_word = 0, False
    for i in range(end - 1, -1, -1):
        char = text[i]
        if char.isspace() or char in GAP_SEPARATORS:
            in_word = False
        elif not in_word and normalise(char):
            words, in_word = words + 1, True
            if words > GAP_WORDS:
                return i
    return -1


def apposed_descriptions(mentions: list[Mention], text: str) -> list[Mention]:
    """The mentions (sorted by start) without the descriptions that describe a named person:
    the description's nationality and place go onto the first person whose gap to it is
    APPOSITION_GAP, and no unnamed person is made."""
    people = [m for m in mentions if m.label == "PERSON"]
    ends = [p.end for p in people]  # sorted as the starts are, since entities never overlap
    if any(a > b for a, b in pairwise(ends)):
        ends = []  # they do overlap: every person before a description is a candidate
    kept = []
    for mention in mentions:
        if mention.label == "UNNAMED":
            named = next(
                (
                    p
                    for p in near(people, ends, text, mention.start)
                    if APPOSITION_GAP.match(normalise(text[p.end : mention.start]))
                ),
                None,
            )
            if named is not None:
                for key in ("nationality", "location"):
                    if key in mention.attrs:
                        named.attrs.setdefault(key, mention.attrs[key])
                continue
        kept.append(mention)
    return kept


def near(people: list[Mention], ends: list[int], text: str, start: int) -> list[Mention]:
    """The people, in order, who end before `start` and close enough for APPOSITION_GAP, by
    bisection over their sorted `ends` (all who end before it when `ends` is left empty)."""
    if len(ends) != len(people):
        return [p for p in people if p.end <= start]
    return people[bisect_right(ends, gap_floor(text, start)) : bisect_right(ends, start)]

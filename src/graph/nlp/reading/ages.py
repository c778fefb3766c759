"""Ages: the age a report gives a person next to the name ("Karwan Saleh, 34,", "دلشاد كريم
(38 عاماً)"), kept on that mention (`attrs["age"]`) and so on the report's own MENTIONS of the
person: each report's age stays its own, and reports that disagree can be found. The patterns
are data (`etl/rules/ages.yaml`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from graph.nlp.normalise import normalise
from graph.nlp.reading.context import Reading
from graph.paths import etl_dir

REACH = 80  # characters after or before a name where its age is looked for


@dataclass(frozen=True)
class AgeRules:
    after: tuple[re.Pattern[str], ...]
    before: tuple[re.Pattern[str], ...]
    low: int
    high: int


@cache
def age_rules() -> AgeRules:
    """The patterns of `etl/rules/ages.yaml`, compiled once."""
    with open(etl_dir() / "rules" / "ages.yaml", encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    low, high = data["range"]
    return AgeRules(
        tuple(re.compile(p) for p in data["after"]), tuple(re.compile(p) for p in data["before"]), low, high
    )


def age_near(after: str, before: str) -> int | None:
    """The age the text just `after` a name (or just `before` it) gives, if any.

    >>> age_near(", 34, an iraqi kurdish national", ""), age_near(" (38 عاما)، وهو مواطن", "")
    (34, 38)
    >>> age_near(" البالغ من العمر 41 عاما", ""), age_near("", "a 29-year-old iraqi national ")
    (41, 29)
    >>> age_near(", 9 september 2024", ""), age_near(" (2024)", "") is None
    (None, True)
    """
    rules = age_rules()
    found = next((m for p in rules.after if (m := p.match(after))), None) or next(
        (m for p in rules.before if (m := p.search(before))), None
    )
    if found is None:
        return None
    age = int(found["n"])
    return age if rules.low <= age <= rules.high else None


def ages(reading: Reading) -> None:
    """Give each named person's mention the age its sentence states next to it."""
    text = reading.text
    for m in reading.x.mentions:
        if m.label != "PERSON":
            continue
        sentence = reading.x.sentences[m.sentence]
        after = normalise(text[m.end : min(sentence.end, m.end + REACH)])
        before = normalise(text[max(sentence.start, m.start - REACH) : m.start])
        if (age := age_near(after, before)) is not None:
            m.attrs["age"] = age

"""The apposition step looks only at the people named just before a description, so a long
document costs no more per description than a short one; it must decide exactly as looking at
every person before the description would."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from graph.model import Mention
from graph.nlp.apposition import APPOSITION_GAP, apposed_descriptions
from graph.nlp.normalise import normalise

# Words and gaps as reports write them, with what normalisation drops (marks, tatweel, bidi
# controls) and what it turns into a separator (the Arabic thousands mark).
PIECES = [" ", ", ", "، ", "(34 عاماً)", "41,", "an", "the", "who is", "وهو", "ـ", "\u200f", "\u064e",
          "٬", "x", "Iraqi", "national", "\n", "  ", "عامر"]  # fmt: skip


def every_person_before(mentions: list[Mention], text: str) -> list[Mention]:
    """The step as it was written first: every person before the description is tried."""
    people = [m for m in mentions if m.label == "PERSON"]
    kept = []
    for mention in mentions:
        if mention.label == "UNNAMED":
            named = next(
                (
                    p
                    for p in people
                    if p.end <= mention.start and APPOSITION_GAP.match(normalise(text[p.end : mention.start]))
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


@given(st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(["P", "U"])), max_size=40))
def test_looking_near_decides_as_looking_at_everyone(parts):
    text, mentions = "", []
    for i, part in enumerate(parts):
        if part in ("P", "U"):
            name = "Karwan Saleh" if part == "P" else "an Iraqi national"
            label, attrs = ("PERSON", {}) if part == "P" else ("UNNAMED", {"nationality": f"country:{i}"})
            mentions.append(Mention(len(text), len(text) + len(name), name, label, 0, "rule", 1, attrs=attrs))
            text += name
        else:
            text += part
    expected = every_person_before(copy.deepcopy(mentions), text)
    found = apposed_descriptions(mentions, text)
    assert [(m.start, m.label, m.attrs) for m in found] == [(m.start, m.label, m.attrs) for m in expected]

"""Places: LOCATED_IN where a named person lives ("Karwan Saleh, 34, of Birmingham", "Yonas
Tekle, an Eritrean national based in Tripoli", "عمر، الذي كان يقيم في بلدة غراند سانت"), where
a group or company is ("Elbe Boot Handel GmbH, a marine dealer in Hamburg"), and a place inside
a larger one ("Croydon, south London", "زوارة غرب ليبيا", "مدينة نصر بالقاهرة")."""

from __future__ import annotations

import re

from graph.model import Mention
from graph.nlp.alternation import literal_alternation
from graph.nlp.lexicon import Lexicon
from graph.nlp.normalise import normalise
from graph.nlp.reading.context import ACTORS, PLACES, Reading

# Between a name and the place it lives in: commas, an age, then a `located_in` word of
# etl/rules/relations.yaml ("Karwan Saleh, 34, of Birmingham").
RESIDENCE_GAP = r"^[\s,،]*(?:\(?\d{{1,3}}\s*(?:عاما|years?\s+old)?\)?[\s,،]*)?(?:{words})\s+$"


def location_regexes(lexicon: Lexicon) -> tuple[re.Pattern[str], ...]:
    """The gaps `locations` reads, over normalised text, with the words of
    `etl/rules/relations.yaml`; compiled once per lexicon."""
    words = lexicon.relation_words

    def alternation(rule: str) -> str:
        return literal_alternation(words[rule])

    def place_words() -> str:
        return rf"(?:(?:{alternation('place_words')})\s+)?"

    return (
        # "Karwan Saleh, 34, of Birmingham"
        lexicon.regex("location:near", lambda: RESIDENCE_GAP.format(words=alternation("located_in"))),
        # an apposition of up to 60 characters, then a residence phrase
        lexicon.regex(
            "location:described",
            lambda: rf"^[\s,،]*(?:[^.;\n]{{0,60}}?\s)?(?:{alternation('residence')})\s+{place_words()}$",
            re.IGNORECASE,
        ),
        lexicon.regex(
            "location:inside",
            lambda: rf"^\s*[,،]?\s*(?:(?:{alternation('directions')})\s+|ب|(?:the\s+)?district\s+of\s+)$",
            re.IGNORECASE,
        ),
        lexicon.regex(
            "location:org_at",
            lambda: rf"^\s*[\"”»]?\s*(?:,\s*(?:a|an)\s+[^,.;]{{0,40}}?\s+)?(?:in|في)\s+{place_words()}$",
            re.IGNORECASE,
        ),
    )


def locations(reading: Reading) -> None:
    """LOCATED_IN from each sentence: the place after a person, a group or a place."""
    near, described, inside, org_at = location_regexes(reading.lexicon)
    text = reading.text
    for here in reading.by_sentence.values():
        for i, m in enumerate(here):
            if not reading.names_entity(m) or m.label not in ("PERSON", "ORG", *PLACES):
                continue
            for place in here[i + 1 :]:
                if place.label in ACTORS and m.label == "PERSON":
                    break  # the place after another name is that person's
                if place.label not in PLACES or not reading.names_entity(place):
                    continue
                gap = normalise(text[m.end : place.start])
                if m.label == "PERSON":
                    found = near.match(gap) or described.match(gap)
                elif m.label == "ORG":
                    found = m.key not in reading.lexicon.entries and org_at.match(gap)
                else:
                    found = inside.match(gap) or in_region(reading.lexicon, m, place, gap)
                if found:
                    evidence = reading.evidence(m, place, "LOCATED_IN", "rule:relation:residence", 0.7)
                    reading.relate("LOCATED_IN", m, place, evidence)
                    break
                if m.label != "PERSON":
                    break  # only the next place is where a group or place is
    homes(reading)


def in_region(lexicon: Lexicon, place: Mention, larger: Mention, gap: str) -> bool:
    """ "Agrigento, Sicily", "Harehills, Leeds": a comma before a region or country the lexicon
    knows (so that "Calais, Dunkirk and Boulogne" stays a list); a country is in no other place
    ("France, Holland, Belgium" is a list)."""
    if gap.strip() not in (",", "،") or larger.key not in lexicon.entries:
        return False
    kind = lexicon.entries[larger.key].props.get("kind")
    own = lexicon.entries[place.key].props.get("kind") if place.key in lexicon.entries else None
    if own == "country":
        return False
    return kind in ("country", "region") or (kind == "city" and place.key not in lexicon.entries)


def phrase_regex(reading: Reading, rule: str) -> re.Pattern[str]:
    """A phrase of `rule` (etl/rules/relations.yaml) and a kind of place, ending the normalised
    text before a place ("… at his home in ", "وهما من ضواحي ")."""
    words = reading.lexicon.relation_words

    def source() -> str:
        kinds = literal_alternation(words["place_words"])
        return rf"(?<!\w)(?:{literal_alternation(words[rule])})\s+(?:(?:{kinds})\s+)?$"

    return reading.lexicon.regex(f"location:{rule}", source)


def homes(reading: Reading) -> None:
    """LOCATED_IN from a home and from a place several people share: "… was arrested by NCA
    officers at his home in Bilston" (the person named last before, past other names), "جونيور
    توسان والمتهمة أندرين بول، وهما من ضواحي باريس" (each of the names just before)."""
    home, shared = phrase_regex(reading, "home"), phrase_regex(reading, "group_residence")
    words = reading.lexicon.relation_words
    anywhere = reading.lexicon.regex(
        "location:home_or_shared",
        lambda: rf"(?<!\w)(?:{literal_alternation([*words['home'], *words['group_residence']])})(?!\w)",
    )
    text = reading.text
    for sentence, here in reading.by_sentence.items():
        if anywhere.search(reading.x.sentences[sentence].norm) is None:
            continue
        for place in (m for m in here if m.label in PLACES and reading.names_entity(m)):
            sentence = reading.x.sentences[place.sentence]
            before = normalise(text[max(sentence.start, place.start - 60) : place.start])
            people = [m for m in here if m.label == "PERSON" and m.end <= place.start]
            if not people:
                continue
            if home.search(before):
                found = [people[-1]]
            elif shared.search(before):
                found = people[-2:] if len(people) > 1 else people
            else:
                continue
            for person in found:
                evidence = reading.evidence(person, place, "LOCATED_IN", "rule:relation:home", 0.7)
                reading.relate("LOCATED_IN", person, place, evidence)

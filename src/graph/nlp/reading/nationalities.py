"""Nationalities: NATIONAL_OF where a nationality qualifies a name, before it ("the Syrian
national Mustafa Hamza", "العراقي ريبين قادر") or in its apposition ("Murat Demir, 51, a
Turkish national", "عبد الرحيم عثمان، السوداني الذي …")."""

from __future__ import annotations

import re

from graph.nlp.normalise import normalise
from graph.nlp.reading.context import Reading

# Between a name and an apposed nationality: a comma or bracket, maybe an age, a copula and one
# noun ("Murat Demir, 51, a Turkish national", "مراد دمير (51 عاما)، وهو مواطن تركي").
NATIONALITY_AFTER_NAME = re.compile(
    r"^\s*[,،(]\s*(?:\d{1,3}\s*(?:عام\w*|years?[\s-]+old)?\s*\)?\s*[,،]?\s*)?"
    r"(?:(?:is|was|وهو|وهي|هو|هي)\s+)?(?:(?:a|an|the)\s+)?(?:[^\W\d_]+\s+)?$",
    re.IGNORECASE,
)


def nationalities(reading: Reading) -> None:
    """NATIONAL_OF from each nationality next to a name in a sentence."""
    text = reading.text
    lexicon = reading.lexicon
    # between a nationality and its name only person nouns and naming words ("the Syrian
    # national Mustafa Hamza", "a Turkish national named as Kemal Ozturk", "مواطن تركي يدعى …")
    nouns = lexicon.person_nouns | set(lexicon.relation_words["naming"])
    for mentions in reading.by_sentence.values():
        here = [m for m in mentions if m.label in ("NORP", "PERSON") and reading.names_entity(m)]
        for i, norp in enumerate(here):
            if norp.label != "NORP" or norp.key not in lexicon.entries:
                continue
            after = here[i + 1] if i + 1 < len(here) and here[i + 1].label == "PERSON" else None
            before = here[i - 1] if i > 0 and here[i - 1].label == "PERSON" else None
            person = None
            if after is not None:
                words = normalise(text[norp.end : after.start]).split()
                if len(words) <= 3 and all(w in nouns for w in words):
                    person = after
            if (
                person is None
                and before is not None
                and NATIONALITY_AFTER_NAME.match(normalise(text[before.end : norp.start]))
            ):
                person = before
            if person is not None:
                evidence = reading.evidence(person, norp, "NATIONAL_OF", "rule:relation:nationality", 0.8)
                reading.relate("NATIONAL_OF", person, norp, evidence)

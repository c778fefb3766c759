"""Vessels and pilots: who operates or owns a boat or an engine ('X owned the dinghy', 'يخزن X
محركات'), who steered it (a pilot noun: "arrested its pilot, a Turkish national named as Kemal
Ozturk", "وألقى القبض على قائده …"), and how many were counted ("three boats")."""

from __future__ import annotations

from graph.model import Mention
from graph.nlp.reading.context import OBJECTS, PEOPLE, Reading

HOLDINGS = (("operates", "OPERATES", OBJECTS), ("owns", "OWNS", OBJECTS))


def vessel_counts(reading: Reading) -> None:
    """Each boat or engine mention gets the `count` written just before it, if any."""
    for m in reading.x.mentions:
        if m.label not in OBJECTS or not reading.names_entity(m):
            continue
        counts = [
            c
            for c in reading.by_sentence[m.sentence]
            if c.label == "COUNT" and c.end <= m.start and m.start - c.end <= 3
        ]
        m.attrs["count"] = counts[-1].attrs["value"] if counts else None


def holdings(reading: Reading, sentence: int, here: list[Mention], actors: list[Mention]) -> None:
    """OPERATES and OWNS from verbs: the subject and the boats and engines named after it."""
    reading.verb_relations(sentence, here, actors, HOLDINGS)
    steering(reading, sentence, here, actors)


def steering(reading: Reading, sentence: int, here: list[Mention], actors: list[Mention]) -> None:
    """OPERATES from words of steering that name no boat ("named Aram Karim as the man at the
    tiller"): the person before them steers the boat named last, in the sentence or the one
    before."""
    near = [m for m in (*reading.by_sentence.get(sentence - 1, []), *here) if m.label == "VESSEL"]
    if not near:
        return
    for verb in reading.verbs(sentence, "operates_unnamed"):
        person = reading.subject(verb, actors, sentence)
        boats = [m for m in here if m.label == "VESSEL" and reading.names_entity(m)]
        if not boats and sentence > 0:
            boats = [
                m
                for m in reading.by_sentence[sentence - 1]
                if m.label == "VESSEL" and reading.names_entity(m)
            ]
        if person is None or not boats or not reading.allows("OPERATES", person, boats[-1]):
            continue
        evidence = reading.evidence(boats[-1], boats[-1], "OPERATES", "rule:relation:steering", 0.7)
        reading.relate("OPERATES", person, boats[-1], evidence)


def pilots(reading: Reading, sentence: int, here: list[Mention]) -> None:
    """OPERATES from a pilot noun: the person it introduces steers the boat named before it."""
    reach = reading.lexicon.relation_window.get("object", 60)
    for noun in reading.verbs(sentence, "pilot_nouns"):
        vessel = next((m for m in reversed(here) if m.label == "VESSEL" and m.end <= noun), None)
        people = [m for m in here if m.label in PEOPLE and noun < m.start <= noun + reach]
        # a name beats the description apposed to it ("a Turkish national named as Kemal Ozturk")
        person = next((m for m in people if m.label == "PERSON"), people[0] if people else None)
        if vessel is None or person is None:
            continue
        if reading.names_entity(vessel) and reading.names_entity(person):
            evidence = reading.evidence(vessel, person, "OPERATES", "rule:relation:pilot", 0.75)
            reading.relate("OPERATES", person, vessel, evidence)

"""Events: one per kind per sentence, with the date and count nearest to its trigger, and the
sentence's actors, accounts, platforms and boats as its arguments in their roles — not the
people quoted about it; an event about people that names none takes the previous one's."""

from __future__ import annotations

import re
from collections import defaultdict

from graph.model import Argument, EventReading, Mention
from graph.nlp.reading.context import PEOPLE, Reading, organisation_kind
from graph.nlp.reading.roles import speakers

AGE_BEFORE = re.compile(r"^\s*[,،(]\s*$")
AGE_AFTER = re.compile(r"^\s*(?:years?[\s-]+old|عام|سنة|سنوات)", re.IGNORECASE)
NATIONAL_NUMBER = re.compile(r"^0\d{8,}$")


def ages_and_numbers(reading: Reading) -> set[int]:
    """COUNT mentions that count nothing an event is about: a person's age ("Karwan Saleh, 34",
    "(34 عاماً)", "34 years old") and phone numbers written without the country code."""
    text = reading.text
    found = set()
    previous: Mention | None = None
    for m in reading.x.mentions:
        if m.label == "COUNT":
            after_person = (
                previous is not None
                and previous.label in PEOPLE
                and previous.sentence == m.sentence
                and AGE_BEFORE.match(text[previous.end : m.start])
            )
            digits = re.sub(r"\D", "", m.text)
            if after_person or AGE_AFTER.match(text[m.end : m.end + 12]) or NATIONAL_NUMBER.match(digits):
                found.add(id(m))
        previous = m
    return found


def nearest_value(
    trigger: Mention, here: list[Mention], label: str, triggers: list[Mention]
) -> Mention | None:
    """The value mention of `label` whose nearest trigger in the sentence is `trigger`."""
    best = None
    for value in here:
        if value.label != label or (label == "DATE" and not value.attrs.get("date")):
            continue
        owner = min(triggers, key=lambda t: abs(t.start - value.start))
        if owner.attrs["kind"] == trigger.attrs["kind"] and (
            best is None or abs(value.start - trigger.start) < abs(best.start - trigger.start)
        ):
            best = value
    return best


def role_in(reading: Reading, kind: str, mention: Mention) -> str | None:
    """The role a mention takes in an event of `kind` (etl/rules/events.yaml `roles`), or None."""
    roles = reading.lexicon.event_roles
    label = reading.label(mention)
    if label == "Organisation":
        org_kind = organisation_kind(mention, reading.lexicon)
        if org_kind in roles.get("source_kinds", []):
            return None  # "told the BBC": a newspaper reports the event, it takes no part in it
        return "court" if org_kind in roles["court_kinds"] else "agent"
    if label == "Person":
        return "subject"
    if label == "Platform":
        return "partner" if kind in roles["partner_kinds"] else "target"
    if label in ("Vessel", "Equipment") and kind in roles["seizure_kinds"]:
        return "seized"
    if label in ("Account", "Vessel"):
        return "target" if kind in roles["target_kinds"] else "subject"
    return None


def events(reading: Reading) -> None:
    """The EventReadings of the document, in the order of their first trigger."""
    lexicon = reading.lexicon
    quoted = speakers(reading)
    not_counts = ages_and_numbers(reading)
    triggers: dict[tuple[int, str], list[Mention]] = defaultdict(list)
    for m in reading.x.mentions:
        if m.label == "EVENT":
            triggers[(m.sentence, m.attrs["kind"])].append(m)
    last_subjects: list[Mention] = []
    for (sentence, kind), found in sorted(triggers.items(), key=lambda t: t[1][0].start):
        trigger = found[0]
        here = reading.by_sentence[sentence]
        sentence_triggers = [m for m in here if m.label == "EVENT"]
        counted = [m for m in here if id(m) not in not_counts]
        event = EventReading(
            kind=kind,
            trigger=trigger,
            sentence=sentence,
            date=nearest_value(trigger, here, "DATE", sentence_triggers),
            count=nearest_value(trigger, counted, "COUNT", sentence_triggers)
            if kind in lexicon.event_roles["counted_kinds"]
            else None,
            arguments=[],
            associates=kind in lexicon.associated_kinds,
        )
        for m in here:
            if not reading.names_entity(m) or id(m) in quoted:
                continue
            if (role := role_in(reading, kind, m)) is not None:
                event.arguments.append(Argument(m, role))
        subjects = [
            a.mention for a in event.arguments if a.role == "subject" and reading.label(a.mention) == "Person"
        ]
        if kind in lexicon.event_roles["person_kinds"]:
            if not subjects:
                event.inherited = list(last_subjects)
            else:
                last_subjects = subjects
        reading.x.events.append(event)

"""Events: one per kind per sentence, with the date and count nearest to its trigger, and the
sentence's actors, accounts, platforms and boats as its arguments in their roles — not the
people quoted about it, not the outlets it is reported by ("according to Reuters"), not the
people the participants act for ("on behalf of X"); an event about people that names none
takes the people its sentence describes (`reading.referred`: the person a report opens
with, "the Iraqi national"), or else the previous event's. A
conviction gets the prison term its sentence gives (`sentence`, ISO 8601: "jailed for 10 years"
is P10Y); a hearing the report only describes ("the court heard that …") is an event only where
the report gives no verdict."""

from __future__ import annotations

import re
from collections import defaultdict

from graph.model import Argument, EventReading, Mention
from graph.nlp.alternation import literal_alternation
from graph.nlp.lexicon import Lexicon
from graph.nlp.normalise import normalise
from graph.nlp.reading.context import PEOPLE, Reading, organisation_kind
from graph.nlp.reading.roles import speakers
from graph.nlp.values import parse_number, parse_number_words

AGE_BEFORE = re.compile(r"^\s*[,،(]\s*$")
AGE_AFTER = re.compile(r"^\s*(?:years?[\s-]+old|عام|سنة|سنوات)", re.IGNORECASE)
NATIONAL_NUMBER = re.compile(r"^0\d{8,}$")
BEFORE_NAME = 30  # characters before a name where a source or associate word counts


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


def is_court(reading: Reading, mention: Mention) -> bool:
    """Whether an organisation is a court: by its lexicon kind, or by a court word in its name."""
    roles = reading.lexicon.event_roles
    if organisation_kind(mention, reading.lexicon) in roles["court_kinds"]:
        return True
    words = set(normalise(mention.attrs.get("full_name") or mention.text).split())
    return bool(words & {normalise(w) for w in roles["court_words"]})


def role_in(reading: Reading, kind: str, mention: Mention) -> str | None:
    """The role a mention takes in an event of `kind` (etl/rules/events.yaml `roles`), or None."""
    roles = reading.lexicon.event_roles
    label = reading.label(mention)
    if label == "Organisation":
        if organisation_kind(mention, reading.lexicon) in roles.get("source_kinds", []):
            return None  # "told the BBC": a newspaper reports the event, it takes no part in it
        return "court" if is_court(reading, mention) else "agent"
    if label == "Person":
        return "subject"
    if label == "Platform":
        return "partner" if kind in roles["partner_kinds"] else "target"
    if label in ("Vessel", "Equipment") and kind in roles["seizure_kinds"]:
        return "seized"
    if label in ("Account", "Vessel"):
        return "target" if kind in roles["target_kinds"] else "subject"
    return None


def before_regex(lexicon: Lexicon, key: str) -> re.Pattern[str]:
    """Words of `roles[key]` ending the normalised text before a name, with at most one word
    (an article, "وكالة") between: "according to (the) Reuters", "لصالح أمانج"."""

    def source() -> str:
        words = literal_alternation({normalise(w) for w in lexicon.event_roles[key]})
        return rf"(?<!\w)(?:{words})(?:\s+\S+)?\s*[\"“”«»']?\s*$"

    return lexicon.regex(f"events:{key}", source)


def after_regex(lexicon: Lexicon, key: str) -> re.Pattern[str]:
    """Words of `roles[key]` starting the normalised text after a value ("34 years old")."""

    def source() -> str:
        words = literal_alternation({normalise(w) for w in lexicon.event_roles[key]})
        return rf"^[\s-]*(?:{words})(?!\w)"

    return lexicon.regex(f"events:{key}", source)


def bystanders(reading: Reading) -> set[int]:
    """Names that are no participant of their sentence's events: outlets a report cites
    ("according to Reuters", "told the BBC") and people named as the ones participants act
    for ("on behalf of Amanj Hassan", "لصالح أمانج حسن زادة")."""
    sources = before_regex(reading.lexicon, "source_before")
    associates = before_regex(reading.lexicon, "associate_before")
    found = set()
    with_events = {m.sentence for m in reading.x.mentions if m.label == "EVENT"}
    for m in reading.x.mentions:
        if m.label not in ("ORG", "PERSON") or m.sentence not in with_events:
            continue
        sentence = reading.x.sentences[m.sentence]
        before = normalise(reading.text[max(sentence.start, m.start - BEFORE_NAME) : m.start])
        if sources.search(before) or (m.label == "PERSON" and associates.search(before)):
            found.add(id(m))
    return found


def term_regex(lexicon: Lexicon) -> re.Pattern[str]:
    """A prison term over normalised text: a number (figures or words) and a unit, maybe a second
    ("10 years", "six-year", "أربع سنوات وأربعة أشهر"); groups n/n2, and Y/M, Y2/M2 for the units."""

    def part(suffix: str) -> str:
        units = "|".join(
            rf"(?P<{code}{suffix}>{literal_alternation({normalise(w) for w in words})})"
            for code, words in lexicon.event_roles["sentence_units"].items()
        )
        numbers = literal_alternation(lexicon.number_words)  # one word: "ten years", "ست أشهر"
        return rf"(?P<n{suffix}>\d+|{numbers})[\s-]*(?:{units})(?!\w)"

    return lexicon.regex("events:term", lambda: rf"{part('')}(?:\s*(?:and|و)\s*{part('2')})?")


def prison_term(reading: Reading, trigger: Mention) -> str | None:
    """The term a conviction's sentence gives, as an ISO 8601 duration ("P4Y4M"): the first
    that ends after the trigger starts ("jailed for 10 years", "a six-year sentence"), within
    its sentence; an age ("33 years old") is none."""
    sentence = reading.x.sentences[trigger.sentence]
    start = max(sentence.start, trigger.start - 20)
    norm = normalise(reading.text[start : sentence.end])
    at, reach = trigger.start - start, trigger.end - start + 120
    lexicon = reading.lexicon
    age_after, age_before = after_regex(lexicon, "age_after"), before_regex(lexicon, "age_before")
    for found in term_regex(lexicon).finditer(norm):
        if found.end() < at or found.start() > reach:
            continue
        before = norm[: found.start()]
        if before.rstrip().endswith("(") or age_after.match(norm[found.end() :]) or age_before.search(before):
            continue  # "(41 عاماً)", "34 years old", "يبلغ من العمر 31 عاماً": an age
        parts = {}
        for suffix in ("", "2"):
            number = found.group("n" + suffix)
            if number is None:
                continue
            value = parse_number(number) or parse_number_words(number, lexicon)
            code = next(c for c in lexicon.event_roles["sentence_units"] if found.group(c + suffix))
            if value:
                parts[code] = int(value)
        if parts:
            return "P" + "".join(f"{parts[c]}{c}" for c in ("Y", "M") if c in parts)
    return None


def event_kinds(reading: Reading) -> dict[tuple[int, str], list[Mention]]:
    """The triggers of each (sentence, kind). A trigger kind of `roles.trigger_kinds` makes an
    event of another kind with properties (a guilty plea is a hearing with its plea), or only
    where the document has none of the kinds it names ("the court heard" is a hearing unless the
    report gives the verdict of that trial)."""
    mapped = reading.lexicon.event_roles.get("trigger_kinds", {})
    kinds = {m.attrs["kind"] for m in reading.x.mentions if m.label == "EVENT"}
    triggers: dict[tuple[int, str], list[Mention]] = defaultdict(list)
    for m in reading.x.mentions:
        if m.label != "EVENT":
            continue
        kind = m.attrs["kind"]
        if kind in mapped:
            if kinds & set(mapped[kind].get("unless", [])):
                continue
            m.attrs["props"] = dict(mapped[kind].get("props", {}))
            kind = m.attrs["kind"] = mapped[kind]["kind"]
        triggers[(m.sentence, kind)].append(m)
    return triggers


def events(reading: Reading) -> None:
    """The EventReadings of the document, in the order of their first trigger."""
    lexicon = reading.lexicon
    left_out = speakers(reading) | bystanders(reading)
    not_counts = ages_and_numbers(reading)
    last_subjects: list[Mention] = []
    for (sentence, kind), found in sorted(event_kinds(reading).items(), key=lambda t: t[1][0].start):
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
        for m in found:
            event.props.update(m.attrs.get("props", {}))
        if kind == "conviction" and (term := prison_term(reading, trigger)):
            event.props["sentence"] = term
        for m in here:
            if not reading.names_entity(m) or id(m) in left_out:
                continue
            if (role := role_in(reading, kind, m)) is not None:
                event.arguments.append(Argument(m, role))
        subjects = [
            a.mention for a in event.arguments if a.role == "subject" and reading.label(a.mention) == "Person"
        ]
        if kind in lexicon.event_roles["person_kinds"]:
            named = [s for s in subjects if s.label == "PERSON"]
            if not named and sentence in reading.referred:
                event.inherited = list(reading.referred[sentence])
                last_subjects = [*subjects, *event.inherited]
            elif not subjects:
                event.inherited = list(last_subjects)
            else:
                last_subjects = subjects
        reading.x.events.append(event)
    join_previous(reading)


def join_previous(reading: Reading) -> None:
    """Groups named in a sentence that reports no event but names the people an event was about
    ("the suspects were Syrians and Greeks") are subjects of the last event about people before."""
    person_kinds = reading.lexicon.event_roles["person_kinds"]
    for group in [m for m in reading.x.mentions if m.attrs.get("joins_previous")]:
        before = [e for e in reading.x.events if e.kind in person_kinds and e.sentence < group.sentence]
        if before:
            before[-1].arguments.append(Argument(group, "subject"))

"""The person a report opens with. News reports often describe one person first and name him
after: "A gang leader … has been jailed for 10 years. … Nzar Jabar Mohamad, from Hull, …", "An
Eritrean man accused of … has been extradited. … Medhanie Yehdego Mered, 35, …", "“العقرب”..
مهرب عراقي … واسمه بارزان كمال مجيد". The description stands in one of the first sentences,
before any name; the first person named in the sentences after it who is neither quoted nor
an official is the person it describes. He takes the description's nationality, and the events
and relations of the description's sentence that name nobody are his (`reading.referred`)."""

from __future__ import annotations

import re

from graph.model import Mention
from graph.nlp.alternation import literal_alternation
from graph.nlp.lexicon import Lexicon
from graph.nlp.normalise import normalise, normalise_with_map, span_back
from graph.nlp.reading.context import Reading
from graph.nlp.reading.roles import speakers

LEDE_SENTENCES = 3  # the description stands in one of the report's first sentences
NAMED_WITHIN = 4  # and its person is named within this many sentences after it
ARTICLES = r"(?:a|an|the)"


def description_regex(lexicon: Lexicon, lang: str) -> re.Pattern[str]:
    """A singular person described at the start of a sentence ("A gang leader who …", "The
    leader of a … gang", "An Eritrean man") in English; an indefinite singular person noun
    anywhere in it in Arabic ("القبض على مواطن هندي", "مهرب عراقي"), where word order puts the
    verb first. Over normalised text; the group `noun` is the noun."""

    def source() -> str:
        nouns = literal_alternation(lexicon.singular_person_nouns[lang])
        if lang == "en":
            return rf"^\W*{ARTICLES}\s+(?:[\w'’-]+\s+){{0,5}}?(?P<noun>{nouns})(?!\w)"
        return rf"(?<!\w)(?P<noun>{nouns})(?!\w)"

    return lexicon.regex(f"lede:{lang}", source)


def described(reading: Reading, sentence: int) -> tuple[int, int] | None:
    """The span of the person a sentence describes without naming (from its start, or from the
    Arabic noun, to the end of the noun and a nationality right after it), or None."""
    span = reading.x.sentences[sentence]
    norm, index = normalise_with_map(reading.text[span.start : span.end])
    found = description_regex(reading.lexicon, reading.lang).search(norm)
    if found is None:
        return None
    start, end = span_back(index, found.start() if reading.lang != "en" else 0, found.end())
    return span.start + start, span.start + end


def officials(reading: Reading) -> set[int]:
    """People named as someone who reports or works on a case: quoted, in a WORKS_FOR apposition,
    or named after a title ("prosecutor Francesco Lo Voi"). Read once the roles are read, and
    kept (`reading.officials`)."""
    if reading.officials is not None:
        return reading.officials
    found = speakers(reading) | {id(r.source) for r in reading.x.relations if r.type == "WORKS_FOR"}
    previous: Mention | None = None
    for m in reading.x.mentions:
        after_title = previous is not None and previous.label == "TITLE"
        if m.label == "PERSON" and after_title and not reading.text[previous.end : m.start].strip(" ,،"):
            found.add(id(m))
        previous = m
    reading.officials = found
    return found


def nationalities_of(reading: Reading, person: Mention) -> set[str | None]:
    """The nationalities the report gives a person (by apposition or NATIONAL_OF), or {None}
    when it gives none: any nationality fits him then."""
    found = {r.target.key for r in reading.x.relations if r.type == "NATIONAL_OF" and r.source is person}
    if person.attrs.get("nationality"):
        found.add(person.attrs["nationality"])
    return found or {None, *(m.key for m in reading.x.mentions if m.label == "NORP")}


def introduced(reading: Reading, person: Mention) -> bool:
    """Whether a name stands where a report introduces the person it is about, not as the
    object of a preposition ("the money was passed to Abdelrahim Osman", "لعبد الرحيم عثمان")."""
    before = words_before_name(reading, person)
    return not (before and before[-1] in reading.lexicon.relation_words["not_introducing"])


def words_before_name(reading: Reading, person: Mention) -> list[str]:
    sentence = reading.x.sentences[person.sentence]
    start = max(sentence.start, person.start - 30)
    gap = reading.text[start : person.start]
    if gap and not gap[-1].isspace() and gap[-1] in "لب":  # a preposition glued to the name
        return [gap[-1]]
    return normalise(gap).split()


def lede(reading: Reading) -> None:
    """Find the report's described person and who he is (`reading.refer`), and give him the
    description's nationality (a NATIONAL_OF read from the opening sentence)."""
    people = [m for m in reading.x.mentions if m.label == "PERSON"]
    if not people:
        return
    for sentence in range(min(LEDE_SENTENCES, people[0].sentence)):
        span = described(reading, sentence)
        if span is None:
            continue
        skip = officials(reading)
        person = next((p for p in people if id(p) not in skip), None)
        if person is None or person.sentence > sentence + NAMED_WITHIN:
            return
        start, end = span
        norps = [
            m for m in reading.by_sentence[sentence] if m.label == "NORP" and m.key in reading.lexicon.entries
        ]
        # "An Eritrean man" (inside the description), "مهرب عراقي" (right after its noun), not
        # one before it: "محكمة بريطانية بسجن مهرب عراقي" (the court is British)
        nationality = next(
            (
                m
                for m in norps
                if start <= m.start < end or (m.start >= end and not reading.text[end : m.start].strip())
            ),
            None,
        )
        if not introduced(reading, person) or (
            nationality is not None and nationality.key not in nationalities_of(reading, person)
        ):
            return  # someone else: the person described is not named
        reading.refer(sentence, [person], span)
        if nationality is not None:
            evidence = reading.evidence(nationality, nationality, "NATIONAL_OF", "rule:relation:lede", 0.65)
            reading.relate("NATIONAL_OF", person, nationality, evidence)
        return

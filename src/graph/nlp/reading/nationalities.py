"""Nationalities: NATIONAL_OF where a nationality qualifies a name, before it ("the Syrian
national Mustafa Hamza", "Sudanese fisherman Ahmed", "العراقي ريبين قادر") or in its apposition
("Murat Demir, 51, a Turkish national", "ريبوار عزيز، سوري الجنسية"); where it stands for people
named before ("The Iraqi national organised …" after "Fawzi appeared …", "هذان الفرنسيان" after
two names); and nationalities that name a group of people ("the suspects were Syrians and
Greeks", "معظم المعتقلين مصريون وعراقيون"), which become unnamed people of that nationality."""

from __future__ import annotations

import re

from graph.model import Mention
from graph.nlp.alternation import literal_alternation
from graph.nlp.normalise import normalise
from graph.nlp.reading.context import Reading
from graph.nlp.reading.lede import officials

# Between a name and an apposed nationality: a comma or bracket, maybe an age, a copula and one
# noun ("Murat Demir, 51, a Turkish national", "مراد دمير (51 عاما)، وهو مواطن تركي").
NATIONALITY_AFTER_NAME = re.compile(
    r"^\s*[,،(]\s*(?:\d{1,3}\s*(?:عام\w*|years?[\s-]+old)?\s*\)?\s*[,،]?\s*)?"
    r"(?:(?:is|was|وهو|وهي|هو|هي)\s+)?(?:(?:a|an|the)\s+)?(?:[^\W\d_]+\s+)?$",
    re.IGNORECASE,
)
REFERRED_WITHIN = 4  # sentences back where the people a nationality refers to are named
DUAL = re.compile(r"ان$")  # an Arabic dual (الفرنسيان): two people
DUAL_DEMONSTRATIVES = ("هذان", "هاتان")
GROUP_FORMS = re.compile(r"(?:ون|ين|s)$")  # plural nationality nouns (سوريون، مصريين، Syrians)


def nationalities(reading: Reading) -> None:
    """NATIONAL_OF from each nationality next to a name in a sentence, then from those that
    refer to people named before, then the groups nationalities name."""
    text = reading.text
    lexicon = reading.lexicon
    # between a nationality and its name only person nouns and naming words ("the Syrian
    # national Mustafa Hamza", "a Turkish national named as Kemal Ozturk", "مواطن تركي يدعى …")
    nouns = lexicon.person_nouns | set(lexicon.relation_words["naming"])
    named: set[int] = set()
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
                named.add(id(norp))
                evidence = reading.evidence(person, norp, "NATIONAL_OF", "rule:relation:nationality", 0.8)
                reading.relate("NATIONAL_OF", person, norp, evidence)
    referring(reading, named)
    groups(reading, named)


def words_before(reading: Reading, m: Mention, count: int = 2) -> list[str]:
    """The last `count` normalised words before a mention in its sentence."""
    sentence = reading.x.sentences[m.sentence]
    return normalise(reading.text[sentence.start : m.start]).split()[-count:]


def referring(reading: Reading, named: set[int]) -> None:
    """A nationality that stands for people named before ("The Iraqi national organised …",
    "هذان الفرنسيان", "استخدم الفرنسيان"): the last person (two for an Arabic dual) named in the
    sentences before who is not an official gets it, and the sentence speaks of them."""
    lexicon = reading.lexicon
    words = set(lexicon.relation_words["referring"])
    nouns = lexicon.person_nouns
    skip = officials(reading)
    people = [m for m in reading.x.mentions if m.label == "PERSON" and id(m) not in skip]
    for norp in [m for m in reading.x.mentions if m.label == "NORP" and id(m) not in named]:
        if norp.key not in lexicon.entries:
            continue
        before = words_before(reading, norp, 1)
        span = reading.x.sentences[norp.sentence]
        after = normalise(reading.text[norp.end : min(span.end, norp.end + 30)]).split()
        if reading.lang == "en":
            # sentence-initial "The Iraqi national", and no name after it
            at_start = norp.start - span.start < 12 and not normalise(
                reading.text[span.start : norp.start]
            ).strip(" the")
            if not (before == ["the"] and at_start and after[:1] and after[0] in nouns):
                continue
            size = 1
        else:
            form = normalise(norp.text)
            definite = form.startswith("ال") or before == ["ال"]
            if before == ["ال"]:  # the article split off: the word before it
                before = words_before(reading, norp, 2)[:1]
            dual = bool(DUAL.search(form)) and definite
            if not (dual or (before and before[0] in words)):
                continue
            size = 2 if dual or (before and before[0] in DUAL_DEMONSTRATIVES) else 1
        nearby = [p for p in people if p.end <= norp.start and norp.sentence - p.sentence <= REFERRED_WITHIN]
        if any(p.sentence == norp.sentence and norp.start - p.end < 30 for p in nearby):
            continue  # a name just before: an apposition, read above or not at all
        chosen: list[Mention] = []
        for p in reversed(nearby):
            if all(
                (q.attrs.get("full_name") or q.text) != (p.attrs.get("full_name") or p.text) for q in chosen
            ):
                chosen.append(p)
            if len(chosen) == size:
                break
        if len(chosen) < size:
            continue
        for person in chosen:
            evidence = reading.evidence(norp, norp, "NATIONAL_OF", "rule:relation:referring", 0.7)
            reading.relate("NATIONAL_OF", person, norp, evidence)
        reading.refer(norp.sentence, chosen, (norp.start, norp.end))


def groups(reading: Reading, named: set[int]) -> None:
    """Nationalities that name groups of people ("the suspects were Syrians, Greeks", "معظم
    المعتقلين مصريون وعراقيون وسوريون", "معظمهم من السوريين"): an unnamed group of that
    nationality each; in a sentence that reports no event but names the people an event was
    about ("المشتبه بهم كانوا سوريين"), the group joins the event before (`joins_previous`)."""
    lexicon = reading.lexicon
    before_words = set(lexicon.relation_words["group_before"])
    detainees = reading.lexicon.regex(
        "nationalities:detainees",
        lambda: rf"(?<!\w)(?:{literal_alternation(lexicon.relation_words['detainees'])})(?!\w)",
    )
    previous: Mention | None = None
    for norp in [m for m in reading.x.mentions if m.label == "NORP"]:
        if (
            id(norp) in named
            or norp.key not in lexicon.entries
            or not GROUP_FORMS.search(normalise(norp.text))
        ):
            continue
        if reading.lang == "en" and not norp.text[:1].isupper():
            continue
        sentence = reading.x.sentences[norp.sentence]
        gap = reading.text[max(sentence.start, norp.start - 40) : norp.start]
        last = normalise(gap).split()[-1:]
        chained = (
            previous is not None
            and previous.sentence == norp.sentence
            and re.fullmatch(r"[\s,،]*(?:and|or|و|أو)?\s*", reading.text[previous.end : norp.start])
            is not None
        )
        quoted = re.search(r"[\"“”«»:،,]\s*$", gap) is not None
        # an Arabic nisba after a noun is its adjective (مهاجرين فيتناميين): a group only after a
        # word that introduces one, a quote or another group; an English plural is a noun
        if reading.lang != "en" and not (chained or quoted or (last and last[0] in before_words)):
            continue
        group = Mention(
            norp.start,
            norp.end,
            norp.text,
            "UNNAMED",
            norp.sentence,
            "rule:nationality_group",
            0.7,
            attrs={"noun": norp.text, "nationality": norp.key, "group": True},
        )
        here = reading.by_sentence[norp.sentence]
        if not any(m.label == "EVENT" for m in here) and detainees.search(sentence.norm):
            group.attrs["joins_previous"] = True
        reading.add_mention(group)
        previous = group

"""People and their roles: who works for which organisation and as what (an apposition), who
is a member of a group, who runs which account, and which people only report what happened
(quoted officials, not participants)."""

from __future__ import annotations

import re

from graph.model import Mention
from graph.nlp.normalise import normalise
from graph.nlp.reading.context import ACCOUNTS, Reading

MEMBERSHIPS = (("member_of", "MEMBER_OF", ("ORG",)), ("controls", "CONTROLS", (*ACCOUNTS, "ACCOUNT")))
PREPOSITION_TAIL = re.compile(r"(?:[\s,،:]+|\b(?:at|of|for|with|in|the)\b|(?<!\w)(?:في|لدى)(?!\w))*$")
# Between a name and its apposed title: a comma, maybe an age, maybe an article
# ("Rob Jones, 52, director of …", "دان باركروفت، المسؤول في …").
TITLE_GAP = re.compile(
    r"^\s*[,،]\s*(?:\(?\d{1,3}\s*(?:عام\w*|years?[\s-]+old)?\)?\s*[,،]?\s*)?(?:ال|the\s+)?$", re.IGNORECASE
)


def works_for(reading: Reading) -> None:
    """Apposition: 'NAME, TITLE … at/في ORG' makes NAME work for ORG in that role."""
    text = reading.text
    mentions = reading.x.mentions
    for i, person in enumerate(mentions):
        if person.label != "PERSON":
            continue
        rest = [m for m in mentions[i + 1 :] if m.sentence == person.sentence and m.label != "COUNT"]
        if not rest or rest[0].label != "TITLE" or not TITLE_GAP.match(text[person.end : rest[0].start]):
            continue
        title = rest[0]
        org = next((m for m in rest[1:] if m.label == "ORG"), None)
        if org is None or org.start - title.end > 120:
            continue
        role = PREPOSITION_TAIL.sub("", text[title.start : org.start]).strip()
        evidence = reading.evidence(person, org, "WORKS_FOR", "rule:apposition", 0.85)
        reading.relate("WORKS_FOR", person, org, evidence, role, {"role": role})
        reading.apposition_end[id(person)] = org.end
    titled_names(reading)


# Between an organisation and the title after it, and between that title and the name:
# "NCA Branch Commander Jane Doe", "Europol's spokesperson Anna Weber", "NCA Regional Head of
# Investigation Jane Doe": a possessive, capitalised words of the title, "of".
ORG_TO_TITLE = re.compile(r"^(?:['’]s)?(?:\s+[A-Z][\w-]*){0,2}\s+$")
TITLE_TO_NAME = re.compile(r"^(?:\s+(?:of|for|and|[A-Z][\w-]*)){0,4}\s+$")
# A title, then its organisation, then the name: "the head of Italy's coastguard, Marco Rossi",
# "المتحدث باسم الشرطة الفرنسية جان دوبون", "رئيس وحدة التهريب في يوروبول كاروان صالح".
TITLE_TO_ORG = re.compile(
    r"^(?:\s+(?:of|at|for|in|with|the|[A-Z][\w-]*|[^\W\d_A-Za-z]+)){0,4}?\s+(?:the\s+)?$", re.IGNORECASE
)
ORG_TO_NAME = re.compile(r"^(?:['’]s)?\s*[,،]?\s*$")
# A name, then the organisation's title: "Alex Murray, the NCA's Director Threat Leadership,"
NAME_TO_ORG = re.compile(r"^\s*[,،]\s*(?:the\s+)?$", re.IGNORECASE)
ROLE_END = re.compile(r"[,،;.:\n(]")
POSSESSIVE = re.compile(r"^['’]s\s+$")
ROLE_WORDS = ("PERSON", "ORG", "GPE", "LOC")  # labels a word of a role is not


Found = tuple[Mention, str, int, int]  # the organisation, the role, and where the role is written


def org_then_title(reading: Reading, marks: list[Mention], i: int) -> Found | None:
    """'NCA Branch Commander Jane Doe', "Europol's spokesperson Anna Weber"."""
    if i < 2 or (marks[i - 2].label, marks[i - 1].label) != ("ORG", "TITLE"):
        return None
    org, title, person, text = marks[i - 2], marks[i - 1], marks[i], reading.text
    if not (
        ORG_TO_TITLE.match(text[org.end : title.start])
        and TITLE_TO_NAME.match(text[title.end : person.start])
    ):
        return None
    return org, re.sub(r"^['’]s\s+", "", text[org.end : person.start].strip()), org.end, person.start


def title_then_org(reading: Reading, marks: list[Mention], i: int) -> Found | None:
    """ "the head of Italy's coastguard, Marco Rossi", 'المتحدث باسم الشرطة الفرنسية جان دوبون'."""
    if i < 2 or (marks[i - 2].label, marks[i - 1].label) != ("TITLE", "ORG"):
        return None
    title, org, person, text = marks[i - 2], marks[i - 1], marks[i], reading.text
    if not (
        TITLE_TO_ORG.match(text[title.end : org.start]) and ORG_TO_NAME.match(text[org.end : person.start])
    ):
        return None
    return org, title.text, title.start, title.end


def org_title_after(reading: Reading, marks: list[Mention], i: int) -> Found | None:
    """ "Alex Murray, the NCA's Director Threat Leadership," (the role runs to the comma)."""
    if len(marks) < i + 3 or (marks[i + 1].label, marks[i + 2].label) != ("ORG", "TITLE"):
        return None
    person, org, title, text = marks[i], marks[i + 1], marks[i + 2], reading.text
    if not (
        NAME_TO_ORG.match(text[person.end : org.start]) and POSSESSIVE.match(text[org.end : title.start])
    ):
        return None
    stop = ROLE_END.search(text, title.start, reading.x.sentences[person.sentence].end)
    end = stop.start() if stop else title.end
    return org, text[title.start : end].strip(), title.start, end


def titled_names(reading: Reading) -> None:
    """WORKS_FOR from a title written with its organisation before or after a name: 'NCA Branch
    Commander Jane Doe said', "Europol's spokesperson Anna Weber", 'the head of Italy's
    coastguard, Marco Rossi', 'المتحدث باسم الشرطة الفرنسية جان دوبون', and "Alex Murray, the
    NCA's Director Threat Leadership,". Words of the role read as a name are not one."""
    employed = {id(r.source) for r in reading.x.relations if r.type == "WORKS_FOR"}
    for here in list(reading.by_sentence.values()):
        marks = [m for m in here if m.label in ("PERSON", "TITLE", "ORG")]
        for i, person in enumerate(marks):
            if person.label != "PERSON" or id(person) in employed:
                continue
            found = next(
                (
                    f
                    for read in (org_then_title, title_then_org, org_title_after)
                    if (f := read(reading, marks, i))
                ),
                None,
            )
            if found is None:
                continue
            org, role, start, end = found
            evidence = reading.evidence(person, org, "WORKS_FOR", "rule:title", 0.8)
            reading.relate("WORKS_FOR", person, org, evidence, role, {"role": role})
            reading.apposition_end.setdefault(id(person), max(person.end, org.end))
            inside = [m for m in here if m.label in ROLE_WORDS and start <= m.start and m.end <= end]
            reading.remove_mentions([m for m in inside if m is not person and m is not org])


def memberships(reading: Reading, sentence: int, here: list[Mention], actors: list[Mention]) -> None:
    """'X is a member of G', 'X runs @y', 'يدير X حساب …': MEMBER_OF and CONTROLS from verbs."""
    reading.verb_relations(sentence, here, actors, MEMBERSHIPS)


def controlled_by(reading: Reading, sentence: int, here: list[Mention], actors: list[Mention]) -> None:
    """The account named first and who runs it after: "the Telegram channel t.me/x, run by
    Rebin Qadir", "الصفحة facebook.com/x … يديرها الإريتري يوناس تكلي"."""
    window = reading.lexicon.relation_window
    for verb in reading.verbs(sentence, "controlled_by"):
        accounts = [m for m in here if m.label in ACCOUNTS and m.end <= verb and reading.names_entity(m)]
        actor = next((a for a in actors if a.start > verb), None)
        if not accounts or actor is None:
            continue
        account = accounts[-1]
        if verb - account.end > window.get("subject", 80) or actor.start - verb > window.get("object", 60):
            continue
        if reading.is_actor(actor) and reading.allows("CONTROLS", actor, account):
            evidence = reading.evidence(account, actor, "CONTROLS", "rule:relation:controlled_by", 0.75)
            reading.relate("CONTROLS", actor, account, evidence)


def speakers(reading: Reading) -> set[int]:
    """The person mentions that report what happened rather than take part in it: a name a
    clause opens with a speech verb for ("وقال دان باركروفت", "…, said Helen Marsh"), or a
    named official whose apposition a speech verb follows ("Dan Barcroft, head of … at the
    NCA, said"). "Karwan Saleh said he was arrested" keeps Saleh as the arrest's subject."""
    ends_with_speech, starts_with_speech = reading.lexicon.speech_regexes()
    text = reading.text
    found = set()
    for m in reading.x.mentions:
        if m.label != "PERSON":
            continue
        sentence = reading.x.sentences[m.sentence]
        end = reading.apposition_end.get(id(m))
        if ends_with_speech.search(normalise(text[sentence.start : m.start])) or (
            end is not None and starts_with_speech.match(normalise(text[end : sentence.end]))
        ):
            found.add(id(m))
    return found

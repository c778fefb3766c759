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

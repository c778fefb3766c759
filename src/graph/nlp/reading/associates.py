"""People associated by what a sentence says of them: a verb between two names ("Mered worked
with Ghermay Ermias", "بالتعاون مع دانا رشيد"), or a noun of association before a name ("his
co-defendant Dana Rashid", "he and a future co-conspirator, Baz Mohammed Jabarkhil", "شريكه
البريطاني دانا رشيد"): the name is the associate of the person named before it in the sentence,
or, where the sentence names none before it ("His co-defendant …", "Instead, he and …"), of the
last person the sentences before named."""

from __future__ import annotations

from graph.model import Mention
from graph.nlp.reading.context import Reading
from graph.nlp.reading.lede import officials

NOUN_REACH = 30  # characters between a noun of association and the name it stands before
BACK = 2  # sentences back where the person a pronoun stands for is named


def full(m: Mention) -> str:
    return m.attrs.get("full_name") or m.text


def last_named(reading: Reading, sentence: int, skip: set[int]) -> Mention | None:
    """The last person named in the sentences just before, not an official."""
    for back in range(sentence - 1, max(-1, sentence - 1 - BACK), -1):
        people = [m for m in reading.by_sentence[back] if m.label == "PERSON" and id(m) not in skip]
        if people:
            return people[-1]
    return None


def associate(reading: Reading, a: Mention, b: Mention, rule: str) -> None:
    if full(a) != full(b):
        evidence = reading.evidence(b, b, "ASSOCIATED_WITH", f"rule:relation:{rule}", 0.7)
        reading.relate("ASSOCIATED_WITH", a, b, evidence)


def associates(reading: Reading, sentence: int, here: list[Mention]) -> None:
    """ASSOCIATED_WITH from the verbs and nouns of association of one sentence."""
    people = [m for m in here if m.label == "PERSON"]
    if not people:
        return
    skip = officials(reading)
    reach = reading.lexicon.relation_window.get("object", 60)
    for verb in reading.verbs(sentence, "associated_with"):
        a = reading.subject(verb, people, sentence)
        b = next((p for p in people if verb < p.start <= verb + reach), None)
        if a is not None and b is not None:
            associate(reading, a, b, "associated_with")
    for noun in reading.verbs(sentence, "associate_nouns"):
        b = next((p for p in people if noun < p.start <= noun + NOUN_REACH), None)
        if b is None:
            continue
        before = [p for p in people if p.end <= noun and id(p) not in skip]
        a = before[-1] if before else last_named(reading, sentence, skip)
        if a is not None:
            associate(reading, a, b, "associate_noun")

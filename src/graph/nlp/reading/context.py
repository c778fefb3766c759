"""What every reader of relations and events shares: one document's mentions grouped by
sentence, which of them name a thing of the graph (and with which label), the verbs of a rule
in a sentence, and the span that supports a relation read between two mentions."""

from __future__ import annotations

import re
from bisect import insort
from collections import defaultdict

from graph.model import Extraction, Mention, Relation
from graph.nlp.lexicon import Lexicon
from graph.nlp.normalise import normalise
from graph.ontology import Ontology

ACTORS = ("PERSON", "UNNAMED", "ORG")
PEOPLE = ("PERSON", "UNNAMED")
ACCOUNTS = ("HANDLE", "URL", "PHONE")
OBJECTS = ("VESSEL", "EQUIPMENT")
PLACES = ("GPE", "LOC")
VERB_THEN_SPACE = re.compile(r"\S+\s+")


def entity_label(mention: Mention, lexicon: Lexicon, ontology: Ontology) -> str | None:
    """The node label `mention` names, or None when it names no node (a date, a title, an
    event trigger, a nationality no lexicon knows). A lexicon entry's label wins; a boat or an
    engine is the node kind its lexicon word gives."""
    label = ontology.mention_label(mention.label)
    if label is None or mention.label == "EVENT":
        return None
    if mention.key and mention.key in lexicon.entries:
        return lexicon.entries[mention.key].node
    if mention.label == "NORP":
        return None
    if mention.label in OBJECTS:
        return mention.attrs["node"]
    return label


def organisation_kind(mention: Mention, lexicon: Lexicon) -> str | None:
    """The kind of organisation a mention names (agency, court, crime_group, ...), if known."""
    if mention.key and mention.key in lexicon.entries:
        return lexicon.entries[mention.key].props.get("kind")
    return mention.attrs.get("kind")


class Reading:
    """One document being read: its mentions and what the readers have found so far."""

    def __init__(self, extraction: Extraction, lexicon: Lexicon, ontology: Ontology) -> None:
        self.x = extraction
        self.text = extraction.document.text
        self.lang = extraction.document.lang
        self.lexicon = lexicon
        self.ontology = ontology
        self.by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for m in extraction.mentions:
            self.by_sentence[m.sentence].append(m)
        self.labels: dict[int, str] = {}  # id(mention) -> node label, for mentions that name one
        for m in extraction.mentions:
            if (label := entity_label(m, lexicon, ontology)) is not None:
                self.labels[id(m)] = label
        self.apposition_end: dict[int, int] = {}  # id(person mention) -> end of "NAME, TITLE … ORG"
        # sentence -> the named people it speaks of by a description only ("A gang leader …",
        # "The Iraqi national …", "هذان الفرنسيان"): the report's opening, nationalities
        self.referred: dict[int, list[Mention]] = {}
        self.officials: set[int] | None = None  # people who report or work on the case, once read
        self.prefixes = {normalise(p) for p in lexicon.name_prefixes}
        roles = lexicon.event_roles
        self.observer_kinds = {*roles["court_kinds"], *roles["observer_kinds"]}

    def add_mention(self, mention: Mention, replaces: tuple[Mention, ...] = ()) -> None:
        """Add a mention the reading found (the lower end of a range, an account described, a
        group named by its nationality), instead of `replaces` (a count read as a number
        only): the document's mentions stay sorted by position."""
        if replaces:
            self.remove_mentions(list(replaces))
        insort(self.x.mentions, mention, key=lambda m: (m.start, m.end))
        insort(self.by_sentence[mention.sentence], mention, key=lambda m: (m.start, m.end))
        if (label := entity_label(mention, self.lexicon, self.ontology)) is not None:
            self.labels[id(mention)] = label

    def remove_mentions(self, gone: list[Mention]) -> None:
        """Drop mentions the reading found to stand for something named elsewhere (a
        description of a person the report names)."""
        ids = {id(m) for m in gone}
        self.x.mentions[:] = [m for m in self.x.mentions if id(m) not in ids]
        for sentence in {m.sentence for m in gone}:
            self.by_sentence[sentence][:] = [m for m in self.by_sentence[sentence] if id(m) not in ids]

    def refer(self, sentence: int, people: list[Mention], span: tuple[int, int]) -> None:
        """Say that a sentence speaks of `people` by the description at `span`: the unnamed
        person mentions there are them, and make no node of their own."""
        known = self.referred.setdefault(sentence, [])
        known.extend(p for p in people if p not in known)
        start, end = span
        self.remove_mentions(
            [
                m
                for m in self.by_sentence[sentence]
                if m.label == "UNNAMED" and m.start < end and start < m.end
            ]
        )

    def label(self, mention: Mention) -> str | None:
        """The node label of `mention`, None if it names no node."""
        return self.labels.get(id(mention))

    def names_entity(self, mention: Mention) -> bool:
        return id(mention) in self.labels

    def is_actor(self, mention: Mention) -> bool:
        """Whether a mention names an actor of the network: a person, or an organisation that
        is not an agency or a court (those observe; they are not actors)."""
        label = self.label(mention)
        if label is None or mention.label not in ACTORS:
            return False
        return label != "Organisation" or organisation_kind(mention, self.lexicon) not in self.observer_kinds

    def allows(self, rel_type: str, source: Mention, target: Mention) -> bool:
        """Whether the ontology allows `rel_type` between the nodes the two mentions name."""
        a, b = self.label(source), self.label(target)
        return a is not None and b is not None and self.ontology.relations[rel_type].allows(a, b)

    def evidence(self, a: Mention, b: Mention, label: str, extractor: str, confidence: float) -> Mention:
        """The span from one mention to another that supports a relationship read between them."""
        start, end = min(a.start, b.start), max(a.end, b.end)
        return Mention(start, end, self.text[start:end], label, a.sentence, extractor, confidence)

    def relate(
        self,
        rel_type: str,
        source: Mention,
        target: Mention,
        evidence: Mention,
        key: str = "",
        props: dict | None = None,
    ) -> None:
        """Record a relation read from the text."""
        self.x.relations.append(Relation(rel_type, source, target, evidence, key, props or {}))

    def verbs(self, sentence: int, rule: str) -> list[int]:
        """Character positions in the document where a verb of `rule` occurs in the sentence."""
        span = self.x.sentences[sentence]
        return [span.start + match.start() for match in self.lexicon.verb_regex(rule).finditer(span.norm)]

    def subject_after(self, verb: int, actors: list[Mention]) -> Mention | None:
        """In Arabic the verb usually comes first: the person named right after it is its
        subject ("حوّل كاروان صالح مبلغ …", "يدير كاروان صالح حساب …")."""
        if self.lang != "ar":
            return None
        after = next((a for a in actors if a.start > verb), None)
        if after is None or after.label not in PEOPLE:
            return None
        gap = VERB_THEN_SPACE.match(self.text, verb, after.start)
        if gap is None:
            return None
        rest = normalise(self.text[gap.end() : after.start]).strip()  # "اشترى المدعو كاروان صالح"
        return after if not rest or rest in self.prefixes else None

    def subject(self, verb: int, actors: list[Mention], sentence: int | None = None) -> Mention | None:
        """The actor a relation verb is said of: the person right after an Arabic verb, else the
        nearest actor before the verb, within the subject window; in the sentence that describes
        the person a report opens with, that person (`referred`)."""
        if (after := self.subject_after(verb, actors)) is not None:
            return after
        before = next((a for a in reversed(actors) if a.end <= verb), None)
        if before is not None and verb - before.end > self.lexicon.relation_window.get("subject", 80):
            before = None
        if sentence is not None and (pronoun := self.pronoun_subject(verb, sentence, before)) is not None:
            return pronoun
        if before is None and sentence is not None and len(self.referred.get(sentence, [])) == 1:
            return self.referred[sentence][0]
        return before

    def pronoun_subject(self, verb: int, sentence: int, before: Mention | None) -> Mention | None:
        """The person a pronoun just before a verb stands for ("he was steering the dinghy",
        "Police said he was steering", "وقالت إنه كان يقود الزورق"): the last person named before
        it in the sentence who is not the one saying so, else in the sentence before."""
        span = self.x.sentences[sentence]
        start = max(span.start, verb - 25, before.end if before is not None else span.start)
        words = normalise(self.text[start:verb]).split()
        if not set(words[-3:]) & set(self.lexicon.relation_words.get("pronouns", [])):
            return None
        speech = self.lexicon.speech_regexes()[1]
        here = [
            m
            for m in self.by_sentence[sentence]
            if m.label == "PERSON"
            and m.end <= start
            and not speech.match(normalise(self.text[m.end : m.end + 12]))
        ]
        if here:
            return here[-1]
        people = [m for m in self.by_sentence.get(sentence - 1, []) if m.label == "PERSON"]
        return people[-1] if people else None

    def verb_relations(
        self,
        sentence: int,
        here: list[Mention],
        actors: list[Mention],
        rules: tuple[tuple[str, str, tuple], ...],
    ) -> None:
        """Relations a verb states between its subject and the things named just after it:
        for each (rule, relationship type, object labels), "X runs @y", "يدير X حساب …"."""
        window = self.lexicon.relation_window
        for rule, rel_type, targets in rules:
            for verb in self.verbs(sentence, rule):
                subject = self.subject(verb, actors, sentence)
                here_subject = subject is not None and subject.sentence == sentence
                after = subject.end if here_subject and subject.start > verb else verb
                objects = [
                    m
                    for m in here
                    if m.label in targets
                    and after < m.start <= after + window.get("object", 60)
                    and self.names_entity(m)
                ]
                for obj in objects:
                    if subject is not None and self.is_actor(subject) and self.allows(rel_type, subject, obj):
                        # a subject the sentence only describes: the sentence is the evidence
                        source = subject if here_subject else obj
                        evidence = self.evidence(source, obj, rel_type, f"rule:relation:{rule}", 0.75)
                        self.relate(rel_type, subject, obj, evidence)

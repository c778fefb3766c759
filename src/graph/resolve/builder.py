"""Builds the graph records of one document from its Extraction: canonical nodes with stable
ids, the relationships read from each sentence, and the provenance of every one of them."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from datetime import UTC, datetime

from graph.model import EdgeRecord, Extraction, GraphBatch, Mention, NodeRecord, Provenance
from graph.nlp.lexicon import Lexicon, literal_alternation, load_lexicon
from graph.nlp.normalise import normalise, strip_invisible
from graph.ontology import Ontology, load_ontology

# Pipeline labels of mentions that become nodes, to ontology labels.
NODE_LABELS = {
    "ORG": "Organisation", "PLATFORM": "Platform", "GPE": "Location", "LOC": "Location",
    "PERSON": "Person", "UNNAMED": "Person", "HANDLE": "Account", "URL": "Account",
    "PHONE": "Account", "MONEY": "Payment", "VESSEL": "Vessel", "EQUIPMENT": "Equipment",
    "EVENT": "Event", "NORP": "Location",
}  # fmt: skip
PREPOSITION_TAIL = re.compile(r"(?:[\s,،:]+|\b(?:at|of|for|with|in|the)\b|(?<!\w)(?:في|لدى)(?!\w))*$")
MAX_SUMMARY = 400


def slug(text: str) -> str:
    """A stable id fragment from a name: normalised, spaces to underscores."""
    return re.sub(r"[^\w+.:-]+", "_", normalise(text)).strip("_")


class DocumentGraph:
    """Accumulates the nodes and edges of one document, deduplicated by id and key."""

    def __init__(self, extraction: Extraction, ontology: Ontology, lexicon: Lexicon) -> None:
        self.x = extraction
        self.doc = extraction.document
        self.ontology = ontology
        self.lexicon = lexicon
        self.nodes: dict[tuple[str, str], NodeRecord] = {}
        self.edges: dict[tuple[str, str, str, str], EdgeRecord] = {}
        self.node_of: dict[int, tuple[str, str]] = {}  # id(mention) -> (label, node id)
        self.by_sentence: dict[int, list[Mention]] = defaultdict(list)  # sentence -> its mentions
        for m in extraction.mentions:
            self.by_sentence[m.sentence].append(m)
        self.apposition_end: dict[int, int] = {}  # id(person mention) -> end of "NAME, TITLE … ORG"

    def prov(self, mention: Mention) -> Provenance:
        sentence = self.x.sentences[mention.sentence].text.strip()
        return Provenance(
            self.doc.id,
            mention.start,
            mention.end,
            sentence,
            mention.extractor,
            mention.confidence,
            self.doc.seen,
        )

    def node(
        self,
        label: str,
        node_id: str,
        props: dict,
        mention: Mention | None,
        aliases: list[str] | None = None,
        evidence: Mention | None = None,
    ) -> tuple[str, str]:
        """Add a node once; `mention` is a span that names it (and gets a MENTIONS edge),
        `evidence` a span that only implies it (a nationality implies the country)."""
        self.ontology.check_label(label)
        key = (label, node_id)
        if key not in self.nodes:
            clean = {k: v for k, v in props.items() if v is not None}
            self.nodes[key] = NodeRecord(
                label,
                node_id,
                clean,
                self.prov(source) if (source := mention or evidence) else None,
                aliases=list(aliases or []),
            )
        else:  # named again, perhaps otherwise ("KSN" after "Kurdish Smuggling Network (KSN)")
            known = self.nodes[key].aliases
            known.extend(a for a in dict.fromkeys(aliases or []) if a not in known)
        if mention is not None:
            self.node_of[id(mention)] = key
            self.edge(
                "MENTIONS",
                ("Document", self.doc.id),
                key,
                str(mention.start),
                {"text": mention.text, "label": mention.label},
                mention,
            )
        return key

    def evidence(self, a: Mention, b: Mention, label: str, extractor: str, confidence: float) -> Mention:
        """The span from one mention to another that supports a relationship read between them."""
        start, end = min(a.start, b.start), max(a.end, b.end)
        return Mention(start, end, self.doc.text[start:end], label, a.sentence, extractor, confidence)

    def edge(
        self,
        rel_type: str,
        source: tuple[str, str],
        target: tuple[str, str],
        key: str,
        props: dict,
        mention: Mention,
    ) -> None:
        self.ontology.check_relation(rel_type, source[0], target[0])
        ident = (rel_type, source[1], target[1], key)
        if ident not in self.edges:
            self.edges[ident] = EdgeRecord(
                rel_type,
                source[0],
                source[1],
                target[0],
                target[1],
                key,
                {k: v for k, v in props.items() if v is not None},
                self.prov(mention),
            )

    def batch(self) -> GraphBatch:
        return GraphBatch(nodes=list(self.nodes.values()), edges=list(self.edges.values()))


def document_node(graph: DocumentGraph) -> None:
    doc = graph.doc
    graph.node(
        "Document",
        doc.id,
        {
            "source": doc.source,
            "path": doc.path,
            "url": doc.url,
            "title": doc.title,
            "lang": doc.lang,
            "published": doc.published,
            "text": doc.text,
            "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
        None,
    )


def entity_nodes(graph: DocumentGraph) -> None:
    """One node per entity mention; lexicon entities get their canonical id and every alias."""
    lexicon = graph.lexicon
    for m in graph.x.mentions:
        label = NODE_LABELS.get(m.label)
        if label is None or m.label == "EVENT":
            continue
        if m.key and m.key in lexicon.entries:
            entry = lexicon.entries[m.key]
            graph.node(
                entry.node,
                entry.id,
                {"name": entry.name, **entry.props},
                m,  # a nationality ("Iraqi", "العراقي") mentions its country too
                aliases=[*entry.aliases, *([m.text] if m.label != "NORP" else [])],
            )
        elif m.label == "PERSON":
            name = strip_invisible(m.attrs.get("full_name") or m.text)
            nationality = m.attrs.get("nationality")
            person = graph.node(
                "Person",
                f"person:{slug(name)}",
                {
                    "name": name,
                    "unnamed": False,
                    "nationality": lexicon.entries[nationality].code if nationality else None,
                },
                m,
                aliases=sorted({name, strip_invisible(m.text)}),
            )
            if nationality:
                graph.edge("NATIONAL_OF", person, _lexicon_node(graph, nationality, m), "", {}, m)
            if m.attrs.get("location"):
                graph.edge("LOCATED_IN", person, _lexicon_node(graph, m.attrs["location"], m), "", {}, m)
        elif m.label == "ORG":  # a crime group or company no lexicon lists
            name = strip_invisible(m.attrs.get("full_name") or m.text)  # an acronym's expansion
            graph.node(
                "Organisation",
                f"org:{slug(name)}",
                {"name": name, "kind": m.attrs.get("kind")},
                m,
                aliases=sorted({name, strip_invisible(m.text)}),
            )
        elif m.label == "UNNAMED":
            nationality = m.attrs.get("nationality")
            code = lexicon.entries[nationality].code if nationality else None
            person = graph.node(
                "Person",
                f"person:unnamed:{graph.doc.id[:16]}:{m.start}",
                {
                    "name": m.text,
                    "unnamed": True,
                    "count": m.attrs.get("count"),
                    "count_qualifier": m.attrs.get("count_qualifier"),
                    "nationality": code,
                    "description": m.text,
                },
                m,
            )
            if nationality:
                graph.edge("NATIONAL_OF", person, _lexicon_node(graph, nationality, m), "", {}, m)
            if m.attrs.get("location"):
                graph.edge("LOCATED_IN", person, _lexicon_node(graph, m.attrs["location"], m), "", {}, m)
        elif m.label in ("HANDLE", "URL", "PHONE"):
            attrs = m.attrs
            account = graph.node(
                "Account",
                m.key,
                {
                    "name": attrs.get("handle") or attrs.get("url"),
                    "handle": attrs.get("handle"),
                    "url": attrs.get("url"),
                    "kind": attrs.get("kind"),
                    "platform": lexicon.entries[attrs["platform"]].name if attrs.get("platform") else None,
                },
                m,
                aliases=[m.text],
            )
            if attrs.get("platform") and not attrs.get("platform_from_document"):
                # the sentence that names the platform is the evidence, not a later bare @handle
                target = _lexicon_node(graph, attrs["platform"], m)
                graph.edge("HOSTED_ON", account, target, "", {}, m)
        elif m.label == "MONEY":
            method = _payment_method(graph, m)
            graph.node(
                "Payment",
                f"payment:{graph.doc.id[:16]}:{m.start}",
                {
                    "name": m.text,
                    "amount": m.attrs["amount"],
                    "currency": m.attrs["currency"],
                    "method": method,
                    "date": _sentence_date(graph, m),
                },
                m,
            )
        elif m.label in ("GPE", "LOC"):  # a place no lexicon lists (a district, a town)
            name = strip_invisible(m.text)
            graph.node("Location", f"loc:{slug(name)}", {"name": name}, m, aliases=[name])
        elif m.label in ("VESSEL", "EQUIPMENT"):
            kind = m.attrs["kind"]
            graph.node(
                m.attrs["node"],
                f"{m.attrs['node'].lower()}:{graph.doc.id[:16]}:{kind}",
                {"name": kind.replace("_", " "), "kind": kind, "count": _count_before(graph, m)},
                m,
            )


def _lexicon_node(graph: DocumentGraph, entry_id: str, evidence: Mention) -> tuple[str, str]:
    """The node of a lexicon entry implied (not named) by `evidence`: the country of a
    nationality, the platform of a URL."""
    entry = graph.lexicon.entries[entry_id]
    return graph.node(
        entry.node,
        entry.id,
        {"name": entry.name, **entry.props},
        None,
        aliases=list(entry.aliases),
        evidence=evidence,
    )


def _same_sentence(graph: DocumentGraph, mention: Mention, label: str) -> list[Mention]:
    return [m for m in graph.by_sentence[mention.sentence] if m.label == label]


def _sentence_date(graph: DocumentGraph, mention: Mention) -> str | None:
    dates = [m for m in _same_sentence(graph, mention, "DATE") if m.attrs.get("date")]
    return min(dates, key=lambda d: abs(d.start - mention.start)).attrs["date"] if dates else None


def _payment_method(graph: DocumentGraph, mention: Mention) -> str | None:
    sentence = normalise(graph.x.sentences[mention.sentence].text)
    for word, method in sorted(graph.lexicon.payment_methods.items(), key=lambda w: -len(w[0])):
        if re.search(rf"(?<!\w)(?:[وفبل]|ال|بال)?{re.escape(word)}(?!\w)", sentence):
            return method
    return None


def _count_before(graph: DocumentGraph, mention: Mention) -> int | None:
    counts = [
        m
        for m in _same_sentence(graph, mention, "COUNT")
        if m.end <= mention.start and mention.start - m.end <= 3
    ]
    return counts[-1].attrs["value"] if counts else None


# Between a name and its apposed title: a comma, maybe an age, maybe an article
# ("Rob Jones, 52, director of …", "دان باركروفت، المسؤول في …").
TITLE_GAP = re.compile(
    r"^\s*[,،]\s*(?:\(?\d{1,3}\s*(?:عام\w*|years?[\s-]+old)?\)?\s*[,،]?\s*)?(?:ال|the\s+)?$", re.IGNORECASE
)


def works_for(graph: DocumentGraph) -> None:
    """Apposition: 'NAME, TITLE … at/في ORG' makes NAME work for ORG in that role."""
    text = graph.doc.text
    mentions = graph.x.mentions
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
        evidence = graph.evidence(person, org, "WORKS_FOR", "rule:apposition", 0.85)
        graph.edge(
            "WORKS_FOR",
            graph.node_of[id(person)],
            graph.node_of[id(org)],
            role,
            {"role": role},
            evidence,
        )
        graph.nodes[graph.node_of[id(person)]].props.setdefault("role", role)
        graph.apposition_end[id(person)] = org.end


def speakers(graph: DocumentGraph) -> set[int]:
    """The person mentions that report what happened rather than take part in it: a name a
    clause opens with a speech verb for ("وقال دان باركروفت", "…, said Helen Marsh"), or a
    named official whose apposition a speech verb follows ("Dan Barcroft, head of … at the
    NCA, said"). "Karwan Saleh said he was arrested" keeps Saleh as the arrest's subject."""
    ends_with_speech, starts_with_speech = graph.lexicon.speech_regexes()
    text = graph.doc.text
    found = set()
    for m in graph.x.mentions:
        if m.label != "PERSON":
            continue
        sentence = graph.x.sentences[m.sentence]
        end = graph.apposition_end.get(id(m))
        if ends_with_speech.search(normalise(text[sentence.start : m.start])) or (
            end is not None and starts_with_speech.match(normalise(text[end : sentence.end]))
        ):
            found.add(id(m))
    return found


AGE_BEFORE = re.compile(r"^\s*[,،(]\s*$")
AGE_AFTER = re.compile(r"^\s*(?:years?[\s-]+old|عام|سنة|سنوات)", re.IGNORECASE)
NATIONAL_NUMBER = re.compile(r"^0\d{8,}$")


def ages_and_numbers(graph: DocumentGraph) -> set[int]:
    """COUNT mentions that count nothing an event is about: a person's age ("Karwan Saleh, 34",
    "(34 عاماً)", "34 years old") and phone numbers written without the country code."""
    text = graph.doc.text
    found = set()
    previous: Mention | None = None
    for m in graph.x.mentions:
        if m.label == "COUNT":
            after_person = (
                previous is not None
                and previous.label in ("PERSON", "UNNAMED")
                and previous.sentence == m.sentence
                and AGE_BEFORE.match(text[previous.end : m.start])
            )
            digits = re.sub(r"\D", "", m.text)
            if after_person or AGE_AFTER.match(text[m.end : m.end + 12]) or NATIONAL_NUMBER.match(digits):
                found.add(id(m))
        previous = m
    return found


def events(graph: DocumentGraph) -> None:
    """One Event per kind per sentence, with the nearest date and count, and the sentence's
    actors as participants (not the people quoted about it); a person-event with no people
    inherits the previous one's."""
    roles = graph.lexicon.event_roles
    quoted = speakers(graph)
    not_counts = ages_and_numbers(graph)
    triggers: dict[tuple[int, str], list[Mention]] = defaultdict(list)
    for m in graph.x.mentions:
        if m.label == "EVENT":
            triggers[(m.sentence, m.attrs["kind"])].append(m)
    last_subjects: list[tuple[str, str]] = []
    for (sentence, kind), found in sorted(triggers.items(), key=lambda t: t[1][0].start):
        trigger = found[0]
        here = graph.by_sentence[sentence]
        sentence_triggers = [m for m in here if m.label == "EVENT"]
        date = _nearest_value(trigger, here, "DATE", sentence_triggers)
        count = (
            _nearest_value(trigger, [m for m in here if id(m) not in not_counts], "COUNT", sentence_triggers)
            if kind in ("takedown", "seizure", "crossing")
            else None
        )
        event = graph.node(
            "Event",
            f"event:{graph.doc.id[:16]}:{kind}:{graph.x.sentences[sentence].start}",
            {
                "name": f"{kind} {date.attrs['date'] if date else ''}".strip(),
                "kind": kind,
                "date": date.attrs.get("date") if date else None,
                "date_precision": date.attrs.get("precision") if date else None,
                "count": count.attrs["value"] if count else None,
                "count_qualifier": count.attrs["qualifier"] if count else None,
                "summary": graph.x.sentences[sentence].text.strip()[:MAX_SUMMARY],
            },
            trigger,
        )
        subjects = []
        for m in here:
            node = graph.node_of.get(id(m))
            if node is None or m.label == "EVENT" or id(m) in quoted:
                continue
            label = node[0]
            if label == "Organisation":
                org_kind = graph.nodes[node].props.get("kind")
                role = "court" if org_kind in roles["court_kinds"] else "agent"
            elif label == "Person":
                role = "subject"
                subjects.append(node)
            elif label == "Platform":
                role = "partner" if kind in ("partnership", "takedown") else "target"
            elif label in ("Vessel", "Equipment") and kind == "seizure":
                graph.edge("SEIZED", event, node, "", {}, m)
                continue
            elif label in ("Account", "Vessel"):
                role = "target" if kind in ("takedown", "seizure") else "subject"
            else:
                continue
            graph.edge("PARTICIPATED_IN", node, event, role, {"role": role}, m)
        if kind in graph.lexicon.associated_kinds:
            for a, b in itertools.combinations(sorted(set(subjects)), 2):
                graph.edge("ASSOCIATED_WITH", a, b, kind, {"reason": f"co-{kind}"}, trigger)
        if kind in roles["person_kinds"]:
            if not subjects:
                for node in last_subjects:
                    graph.edge(
                        "PARTICIPATED_IN",
                        node,
                        event,
                        "subject",
                        {"role": "subject", "inherited": True},
                        trigger,
                    )
            else:
                last_subjects = subjects


def _nearest_value(
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


ACTORS = ("PERSON", "UNNAMED", "ORG")
ACCOUNTS = ("HANDLE", "URL", "PHONE")
OBJECTS = ("VESSEL", "EQUIPMENT")
PLACES = ("GPE", "LOC")
# Between a name and the place it lives in: commas, an age, then a `located_in` word of
# etl/rules/relations.yaml ("Karwan Saleh, 34, of Birmingham").
RESIDENCE_GAP = r"^[\s,،]*(?:\(?\d{{1,3}}\s*(?:عاما|years?\s+old)?\)?[\s,،]*)?(?:{words})\s+$"


def _verbs(graph: DocumentGraph, sentence: int, rule: str) -> list[int]:
    """Character positions in the document where a verb of `rule` occurs in the sentence."""
    span = graph.x.sentences[sentence]
    return [span.start + match.start() for match in graph.lexicon.verb_regex(rule).finditer(span.norm)]


VERB_THEN_SPACE = re.compile(r"\S+\s+")


def _subject_after(graph: DocumentGraph, verb: int, actors: list[Mention]) -> Mention | None:
    """In Arabic the verb usually comes first: the person named right after it is its subject
    ("حوّل كاروان صالح مبلغ …", "يدير كاروان صالح حساب …")."""
    if graph.doc.lang != "ar":
        return None
    after = next((a for a in actors if a.start > verb), None)
    if after is None or after.label not in ("PERSON", "UNNAMED"):
        return None
    return after if VERB_THEN_SPACE.fullmatch(graph.doc.text[verb : after.start]) else None


def _subject(graph: DocumentGraph, verb: int, actors: list[Mention]) -> Mention | None:
    """The actor a relation verb is said of: the person right after an Arabic verb, else the
    nearest actor before the verb, within the subject window."""
    if (after := _subject_after(graph, verb, actors)) is not None:
        return after
    before = next((a for a in reversed(actors) if a.end <= verb), None)
    if before is not None and verb - before.end > graph.lexicon.relation_window.get("subject", 80):
        return None
    return before


def _actor(graph: DocumentGraph, mention: Mention) -> tuple[str, str] | None:
    """The node of an actor mention, leaving out agencies and courts (observers, not actors)."""
    node = graph.node_of.get(id(mention))
    if node is None or mention.label not in ACTORS:
        return None
    if node[0] == "Organisation" and graph.nodes[node].props.get("kind") in graph.lexicon.event_roles[
        "court_kinds"
    ] + ["agency"]:
        return None
    return node


# Between a name and an apposed nationality: a comma or bracket, maybe an age, a copula and one
# noun ("Murat Demir, 51, a Turkish national", "مراد دمير (51 عاما)، وهو مواطن تركي").
NATIONALITY_AFTER_NAME = re.compile(
    r"^\s*[,،(]\s*(?:\d{1,3}\s*(?:عام\w*|years?[\s-]+old)?\s*\)?\s*[,،]?\s*)?"
    r"(?:(?:is|was|وهو|وهي|هو|هي)\s+)?(?:(?:a|an|the)\s+)?(?:[^\W\d_]+\s+)?$",
    re.IGNORECASE,
)


def nationalities(graph: DocumentGraph) -> None:
    """NATIONAL_OF read where a nationality qualifies a name, before it ("the Syrian national
    Mustafa Hamza", "العراقي ريبين قادر") or in its apposition ("Murat Demir, 51, a Turkish
    national", "عبد الرحيم عثمان، السوداني الذي …")."""
    text = graph.doc.text
    # between a nationality and its name only person nouns and naming words ("the Syrian
    # national Mustafa Hamza", "a Turkish national named as Kemal Ozturk", "مواطن تركي يدعى …")
    nouns = graph.lexicon.person_nouns | set(graph.lexicon.relation_words["naming"])
    for mentions in graph.by_sentence.values():
        here = [m for m in mentions if m.label in ("NORP", "PERSON") and id(m) in graph.node_of]
        for i, norp in enumerate(here):
            if norp.label != "NORP" or norp.key not in graph.lexicon.entries:
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
                evidence = graph.evidence(person, norp, "NATIONAL_OF", "rule:relation:nationality", 0.8)
                country = graph.node_of[id(norp)]
                graph.edge("NATIONAL_OF", graph.node_of[id(person)], country, "", {}, evidence)


def relations(graph: DocumentGraph) -> None:
    """Relations read from one sentence: who controls which account, who paid whom, who
    operates or owns which boat, where a named person lives."""
    for sentence, here in graph.by_sentence.items():
        actors = [m for m in here if _actor(graph, m)]
        for rule, rel_type, targets in (
            ("member_of", "MEMBER_OF", ("ORG",)),
            ("controls", "CONTROLS", ACCOUNTS),
            ("operates", "OPERATES", OBJECTS),
            ("owns", "OWNS", OBJECTS),
        ):
            window = graph.lexicon.relation_window
            for verb in _verbs(graph, sentence, rule):
                subject = _subject(graph, verb, actors)
                after = subject.end if subject is not None and subject.start > verb else verb
                objects = [
                    m
                    for m in here
                    if m.label in targets
                    and after < m.start <= after + window.get("object", 60)
                    and id(m) in graph.node_of
                ]
                allowed = graph.ontology.relations[rel_type]
                for obj in objects:
                    source, target = (_actor(graph, subject) if subject else None), graph.node_of[id(obj)]
                    if source is not None and source != target and allowed.allows(source[0], target[0]):
                        evidence = graph.evidence(subject, obj, rel_type, f"rule:relation:{rule}", 0.75)
                        graph.edge(rel_type, source, target, "", {}, evidence)
        _controlled_by(graph, sentence, here, actors)
        _payments(graph, sentence, here, actors)
        _pilots(graph, sentence, here)
    locations(graph)


def _pilots(graph: DocumentGraph, sentence: int, here: list[Mention]) -> None:
    """OPERATES from a pilot noun: the person it introduces steers the boat named before it
    in the sentence ("intercepted a speedboat … and arrested its pilot, a Turkish national
    named as Kemal Ozturk", "زورقا سريعا … وألقى القبض على قائده، وهو مواطن تركي يدعى …")."""
    reach = graph.lexicon.relation_window.get("object", 60)
    for noun in _verbs(graph, sentence, "pilot_nouns"):
        vessel = next((m for m in reversed(here) if m.label == "VESSEL" and m.end <= noun), None)
        people = [m for m in here if m.label in ("PERSON", "UNNAMED") and noun < m.start <= noun + reach]
        # a name beats the description apposed to it ("a Turkish national named as Kemal Ozturk")
        person = next((m for m in people if m.label == "PERSON"), people[0] if people else None)
        if vessel is None or person is None:
            continue
        if id(vessel) in graph.node_of and id(person) in graph.node_of:
            evidence = graph.evidence(vessel, person, "OPERATES", "rule:relation:pilot", 0.75)
            graph.edge("OPERATES", graph.node_of[id(person)], graph.node_of[id(vessel)], "", {}, evidence)


def _controlled_by(graph: DocumentGraph, sentence: int, here: list[Mention], actors: list[Mention]) -> None:
    """The account named first and who runs it after: "the Telegram channel t.me/x, run by
    Rebin Qadir", "الصفحة facebook.com/x … يديرها الإريتري يوناس تكلي"."""
    window = graph.lexicon.relation_window
    for verb in _verbs(graph, sentence, "controlled_by"):
        accounts = [m for m in here if m.label in ACCOUNTS and m.end <= verb and id(m) in graph.node_of]
        actor = next((a for a in actors if a.start > verb), None)
        if not accounts or actor is None:
            continue
        account = accounts[-1]
        if verb - account.end > window.get("subject", 80) or actor.start - verb > window.get("object", 60):
            continue
        source, target = _actor(graph, actor), graph.node_of[id(account)]
        if source is not None and graph.ontology.relations["CONTROLS"].allows(source[0], target[0]):
            evidence = graph.evidence(account, actor, "CONTROLS", "rule:relation:controlled_by", 0.75)
            graph.edge("CONTROLS", source, target, "", {}, evidence)


def location_regexes(lexicon: Lexicon) -> tuple[re.Pattern[str], ...]:
    """The gaps `locations` reads, over normalised text, with the words of
    `etl/rules/relations.yaml`; compiled once per lexicon."""
    words = lexicon.relation_words

    def alternation(rule: str) -> str:
        return literal_alternation(words[rule])

    def place_words() -> str:
        return rf"(?:(?:{alternation('place_words')})\s+)?"

    return (
        # "Karwan Saleh, 34, of Birmingham"
        lexicon.regex("location:near", lambda: RESIDENCE_GAP.format(words=alternation("located_in"))),
        # an apposition of up to 60 characters, then a residence phrase
        lexicon.regex(
            "location:described",
            lambda: rf"^[\s,،]*(?:[^.;\n]{{0,60}}?\s)?(?:{alternation('residence')})\s+{place_words()}$",
            re.IGNORECASE,
        ),
        lexicon.regex(
            "location:inside",
            lambda: rf"^\s*[,،]?\s*(?:(?:{alternation('directions')})\s+|ب|(?:the\s+)?district\s+of\s+)$",
            re.IGNORECASE,
        ),
        lexicon.regex(
            "location:org_at",
            lambda: rf"^\s*[\"”»]?\s*(?:,\s*(?:a|an)\s+[^,.;]{{0,40}}?\s+)?(?:in|في)\s+{place_words()}$",
            re.IGNORECASE,
        ),
    )


def locations(graph: DocumentGraph) -> None:
    """LOCATED_IN read from one sentence: where a named person lives ("Karwan Saleh, 34, of
    Birmingham", "Yonas Tekle, an Eritrean national based in Tripoli", "عمر، الذي كان يقيم في
    بلدة غراند سانت"), where a group or company is ("Elbe Boot Handel GmbH, a marine dealer in
    Hamburg"), and a place inside a larger one ("Croydon, south London", "زوارة غرب ليبيا",
    "مدينة نصر بالقاهرة", "Agrigento, Sicily")."""
    near, described, inside, org_at = location_regexes(graph.lexicon)
    text = graph.doc.text
    for here in graph.by_sentence.values():
        for i, m in enumerate(here):
            if id(m) not in graph.node_of or m.label not in ("PERSON", "ORG", *PLACES):
                continue
            for place in here[i + 1 :]:
                if place.label in ACTORS and m.label == "PERSON":
                    break  # the place after another name is that person's
                if place.label not in PLACES or id(place) not in graph.node_of:
                    continue
                gap = normalise(text[m.end : place.start])
                if m.label == "PERSON":
                    found = near.match(gap) or described.match(gap)
                elif m.label == "ORG":
                    found = m.key not in graph.lexicon.entries and org_at.match(gap)
                else:
                    found = inside.match(gap) or _in_region(graph, m, place, gap)
                if found:
                    source, target = graph.node_of[id(m)], graph.node_of[id(place)]
                    if source != target:
                        evidence = graph.evidence(m, place, "LOCATED_IN", "rule:relation:residence", 0.7)
                        graph.edge("LOCATED_IN", source, target, "", {}, evidence)
                    break
                if m.label != "PERSON":
                    break  # only the next place is where a group or place is


def _in_region(graph: DocumentGraph, place: Mention, larger: Mention, gap: str) -> bool:
    """ "Agrigento, Sicily", "Harehills, Leeds": a comma before a region or country the lexicon
    knows (so that "Calais, Dunkirk and Boulogne" stays a list)."""
    if gap.strip() not in (",", "،") or larger.key not in graph.lexicon.entries:
        return False
    kind = graph.lexicon.entries[larger.key].props.get("kind")
    return kind in ("country", "region") or (kind == "city" and place.key not in graph.lexicon.entries)


def _payments(graph: DocumentGraph, sentence: int, here: list[Mention], actors: list[Mention]) -> None:
    """'X paid £3,500 to Y' / 'Y received $4,000 from X': payer -PAID-> Payment -RECEIVED-> payee."""
    payments = [m for m in here if m.label == "MONEY" and id(m) in graph.node_of]
    for rule, payer_before in (("paid", True), ("received", False)):
        for verb in _verbs(graph, sentence, rule):
            payment = next((p for p in payments if p.start > verb), None)
            before = _subject_after(graph, verb, actors) or next(
                (a for a in reversed(actors) if a.end <= verb), None
            )
            after = next((a for a in actors if payment is not None and a.start > payment.end), None)
            if payment is None:
                continue
            payer, payee = (before, after) if payer_before else (after, before)
            pay_node = graph.node_of[id(payment)]
            if payer is not None:
                evidence = graph.evidence(payer, payment, "PAID", f"rule:relation:{rule}", 0.75)
                graph.edge("PAID", _actor(graph, payer), pay_node, "", {}, evidence)
            if payee is not None:
                evidence = graph.evidence(payment, payee, "RECEIVED", f"rule:relation:{rule}", 0.75)
                graph.edge("RECEIVED", pay_node, _actor(graph, payee), "", {}, evidence)


def build_batch(
    extraction: Extraction, ontology: Ontology | None = None, lexicon: Lexicon | None = None
) -> GraphBatch:
    """All graph records of one document."""
    graph = DocumentGraph(extraction, ontology or load_ontology(), lexicon or load_lexicon())
    document_node(graph)
    entity_nodes(graph)
    works_for(graph)
    nationalities(graph)
    relations(graph)
    events(graph)
    return graph.batch()

"""Runs the spaCy pipeline over documents and turns each Doc into an Extraction: mentions with
normalised values (dates with their year resolved from context, counts, money, accounts), and
the relations and events read between them (`graph.nlp.reading`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence

from spacy.attrs import ENT_TYPE, NORM
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from graph.model import Document, Extraction, Mention, Sentence
from graph.nlp.apposition import apposed_descriptions
from graph.nlp.chunks import doc_pieces, piece_limit
from graph.nlp.components import from_model
from graph.nlp.components.accurate_entities import model_probability
from graph.nlp.lexicon import Lexicon, load_lexicon
from graph.nlp.models import ner_settings
from graph.nlp.normalise import normalise
from graph.nlp.pipeline import get_pipeline
from graph.nlp.reading import read
from graph.nlp.values import (
    PartialDate,
    account_from_handle,
    account_from_phone,
    account_from_url,
    parse_count,
    parse_date_groups,
    parse_money,
    resolve_years,
)

RULER = "rule:lexicon"


def _groups_by_start(doc: Doc) -> dict[int, dict]:
    return {m["start"]: m for m in doc._.pattern_matches or []}


class SentenceIndex:
    """The sentence number of a token, by bisection over the sentences' first tokens."""

    def __init__(self, doc: Doc) -> None:
        self.starts = [sent.start for sent in doc.sents]

    def __getitem__(self, token_i: int) -> int:
        return bisect_right(self.starts, token_i) - 1


def _nearest_platform(doc: Doc, sent_index: SentenceIndex, position: int) -> str | None:
    """The lexicon id of the platform named nearest to `position` in the same sentence."""
    sentence = sent_index[position]
    best: tuple[int, str] | None = None
    entries = load_lexicon().entries
    for ent in doc.ents:
        if ent.label_ == "PLATFORM" and sent_index[ent.start] == sentence and entries[ent.ent_id_].handles:
            distance = abs(ent.start - position)
            if best is None or distance < best[0]:
                best = (distance, ent.ent_id_)
    return best[1] if best else None


def doc_to_extraction(document: Document, doc: Doc, lexicon: Lexicon | None = None) -> Extraction:
    """Collect the Doc's entities and triggers as Mentions with normalised attributes."""
    return pieces_to_extraction(document, [(0, doc)], lexicon)


def pieces_to_extraction(
    document: Document, pieces: Sequence[tuple[int, Doc]], lexicon: Lexicon | None = None
) -> Extraction:
    """One Extraction from the Docs of a document's pieces (`(start, doc)`, in order, each
    `doc` made from `document.text[start:]`; see `graph.nlp.chunks`): each piece's sentences
    and mentions shifted to the whole text, then what reads across the whole document
    (acronyms, handles, descriptions, years, relations and events) run once over them all."""
    lexicon = lexicon or load_lexicon()
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    ends = [start for start, _ in pieces[1:]] + [len(document.text)]
    for (start, doc), end in zip(pieces, ends, strict=True):
        piece_sentences, piece_mentions = doc_mentions(document.lang, doc, document.text[start:end], lexicon)
        first = len(sentences)
        sentences += [Sentence(s.start + start, s.end + start, s.text) for s in piece_sentences]
        for mention in piece_mentions:
            mention.start, mention.end, mention.sentence = (
                mention.start + start,
                mention.end + start,
                mention.sentence + first,
            )
        mentions += piece_mentions
    mentions.extend(_acronyms(mentions, sentences, document.text))
    mentions.sort(key=lambda m: (m.start, m.end))
    _handles_on_their_platform(mentions)
    mentions = apposed_descriptions(mentions, document.text)
    _resolve_dates(mentions, document)
    extraction = Extraction(document=document, sentences=sentences, mentions=mentions)
    read(extraction, lexicon)
    return extraction


def doc_mentions(lang: str, doc: Doc, text: str, lexicon: Lexicon) -> tuple[list[Sentence], list[Mention]]:
    """The sentences of one Doc (made from `text`) and what it found in them: entities,
    triggers, people described but not named, with offsets and sentence numbers in the Doc."""
    sentences = [Sentence(s.start_char, s.end_char, text[s.start_char : s.end_char]) for s in doc.sents]
    sent_index = SentenceIndex(doc)
    matches = _groups_by_start(doc)
    mentions: list[Mention] = []
    for ent in doc.ents:
        match = matches.get(ent.start_char, {})
        if match:
            extractor, confidence = f"rule:{match['rule']}", 0.9
        elif from_model(ent):
            probability = model_probability(doc, ent.start_char, ent.end_char)
            if probability is None:
                extractor, confidence = f"model:{lang}_ner", ner_settings()["confidence"]
            else:
                extractor, confidence = "model:accurate_ner", probability
        elif ent.label_ == "PERSON":
            extractor, confidence = "rule:person", 0.7
        else:
            extractor, confidence = RULER, 0.95
        mention = Mention(
            start=ent.start_char,
            end=ent.end_char,
            text=ent.text,
            label="NORP" if lang == "ar" and _country_as_adjective(doc, ent.start, lexicon) else ent.label_,
            sentence=sent_index[ent.start],
            extractor=extractor,
            confidence=confidence,
            key=ent.ent_id_ or None,
        )
        if ent.label_ == "PERSON" and ent.kb_id_:
            mention.attrs["full_name"] = ent.kb_id_  # a family name standing for the full name
        elif ent.label_ == "ORG" and ent.kb_id_ and not ent.ent_id_:
            mention.attrs["kind"] = ent.kb_id_  # a group or company named by its context
        _add_values(mention, match.get("groups", {}), lexicon, doc, sent_index, ent.start)
        if mention.label in ("DATE", "COUNT", "MONEY") and not mention.attrs:
            continue  # matched the shape but not a value (e.g. 31 February)
        mentions.append(mention)
    for span in doc.spans.get("triggers", []):
        mentions.append(
            Mention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label="EVENT",
                sentence=sent_index[span.start],
                extractor=f"rule:trigger:{span.label_}",
                confidence=0.8,
                attrs={"kind": span.label_},
            )
        )
    person_sentences = {
        m.sentence
        for m in mentions
        if m.label == "EVENT" and m.attrs["kind"] in lexicon.event_roles["person_kinds"]
    }
    mentions.extend(m for m in _unnamed_people(doc, sent_index, lexicon) if m.sentence in person_sentences)
    return sentences, mentions


TANWEEN_FATH = "\u064b"


def _country_as_adjective(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """Whether the Arabic country name at token `i` is the accusative of its nationality
    adjective, as a count's noun puts it (18 مواطنا ألبانيا "18 Albanian nationals", 750
    مهاجرًا سوريًا): written with tanween, or right after a person noun, or after a noun with
    tanween."""
    ent = doc[i]
    if ent.ent_type_ != "GPE" or not ent.ent_id_ or not ent.norm_.endswith("ا"):
        return False
    if TANWEEN_FATH in ent.text:
        return True
    before = doc[i - 1] if i else None
    return before is not None and (before.norm_ in lexicon.person_nouns or TANWEEN_FATH in before.text)


ACRONYM_AFTER = re.compile(r"^([^()\n]{0,40}?)\s*\(\s*([A-Z][A-Z0-9&.]{1,9})\s*\)")
NOT_INITIALS = {"of", "and", "the", "for", "de", "al", "el"}


def _acronyms(mentions: list[Mention], sentences: list[Sentence], text: str) -> list[Mention]:
    """Organisations no lexicon lists, named once in full with their acronym, then by the
    acronym ("Kurdish Smuggling Network (KSN) … the KSN"): the full mention gets the whole
    name, and every later use of the acronym becomes a mention of it (`full_name`), so the
    document has one node for the group. Returns the mentions this adds."""
    names: dict[str, str] = {}
    for m in mentions:
        found = ACRONYM_AFTER.match(text[m.end : m.end + 60]) if m.label == "ORG" and not m.key else None
        if found is None:
            continue
        name = (text[m.start : m.end] + found.group(1)).strip()
        words = [w for w in re.findall(r"[^\W\d_][\w'-]*", name) if w.lower() not in NOT_INITIALS]
        acronym = re.sub(r"[.&]", "", found.group(2))
        if "".join(w[0] for w in words).upper() == acronym:
            names[acronym] = name
            m.attrs["full_name"] = name
    if not names:
        return []
    taken = [(m.start, m.end) for m in mentions]
    starts = [s.start for s in sentences]
    added = []
    for found in re.finditer(rf"(?<![\w.])(?:{'|'.join(map(re.escape, names))})(?![\w])", text):
        if any(a < found.end() and found.start() < b for a, b in taken):
            for m in mentions:  # tagged already: an ORG mention of the acronym gets its name
                if m.label == "ORG" and (m.start, m.end) == found.span() and not m.key:
                    m.attrs["full_name"] = names[found.group()]
            continue
        added.append(
            Mention(
                start=found.start(),
                end=found.end(),
                text=found.group(),
                label="ORG",
                sentence=max(bisect_right(starts, found.start()) - 1, 0),
                extractor="rule:acronym",
                confidence=0.85,
                attrs={"full_name": names[found.group()]},
            )
        )
    return added


def _handles_on_their_platform(mentions: list[Mention]) -> None:
    """A handle written without its platform in one sentence is the account the document names
    with a platform elsewhere (@x on TikTok, then @x alone), when it names only one: one
    account, one node."""
    platforms: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.label in ("HANDLE", "URL") and m.attrs.get("kind") == "account" and m.attrs.get("platform"):
            platforms[m.attrs["handle"]].add(m.attrs["platform"])
    for m in mentions:
        if (
            m.label == "HANDLE"
            and not m.attrs.get("platform")
            and len(known := platforms[m.attrs["handle"]]) == 1
        ):
            ref = account_from_handle(m.text, next(iter(known)))
            m.key = ref.id
            m.attrs.update(platform=ref.platform, platform_from_document=True)


def _add_values(
    mention: Mention,
    groups: dict,
    lexicon: Lexicon,
    doc: Doc,
    sent_index: SentenceIndex,
    token_i: int,
) -> None:
    label = mention.label
    if label == "DATE":
        date = parse_date_groups(groups, lexicon)
        if date:
            mention.attrs["partial"] = date
    elif label == "COUNT":
        count = parse_count(groups, lexicon)
        if count:
            mention.attrs.update(value=count.value, qualifier=count.qualifier)
    elif label == "MONEY":
        money = parse_money(mention.text, lexicon)
        if money:
            mention.attrs.update(amount=money[0], currency=money[1])
    elif label in ("URL", "HANDLE", "PHONE"):
        if label == "URL":
            ref = account_from_url(mention.text, lexicon)
        elif label == "HANDLE":
            ref = account_from_handle(mention.text, _nearest_platform(doc, sent_index, token_i))
        else:
            ref = account_from_phone(mention.text)
        mention.key = ref.id
        mention.attrs.update(handle=ref.handle, url=ref.url, platform=ref.platform, kind=ref.kind)
    elif label in ("VESSEL", "EQUIPMENT"):
        node, kind = lexicon.object_kinds.get(normalise(mention.text), (label.title(), label.lower()))
        mention.attrs.update(node=node, kind=kind)
    elif label == "NORP":
        mention.attrs["country"] = mention.key


def person_noun_ids(strings: StringStore, lexicon: Lexicon) -> frozenset[int]:
    """The string hashes of the person nouns ("individuals", "مواطن"), to test NORM columns."""
    return frozenset(strings.add(noun) for noun in lexicon.person_nouns)


def describes_a_name(doc: Doc, start: int, ends: dict[int, Span]) -> bool:
    """Whether the description at `start` is apposed to a person named just before it
    ("Himen Aziz, hawala broker in Sulaymaniyah"): it describes him, it is no one else."""
    i = start
    while i > 0 and start - i < 3 and doc[i - 1].is_alpha and doc[i - 1].is_lower:
        i -= 1
    if i < 2 or doc[i - 1].text not in (",", "،"):
        return False
    named = ends.get(i - 1)
    return named is not None and named.label_ == "PERSON"


LOCATIVE = {normalise(w) for w in ("مقيمين", "مقيم", "مقيمون", "من", "في", "based", "from", "in")}


def _unnamed_people(doc: Doc, sent_index: SentenceIndex, lexicon: Lexicon) -> list[Mention]:
    """People described but not named ("three UK-based individuals", "مواطن عراقي"): a person
    noun with a count, a nationality or a place of residence next to it, or a counted
    nationality ("three Syrians", "ثلاثة سوريين")."""
    found = []
    nouns = person_noun_ids(doc.vocab.strings, lexicon)
    columns = doc.to_array([NORM, ENT_TYPE])
    positions = [i for i, (norm, ent) in enumerate(columns.tolist()) if norm in nouns and not ent]
    entities = doc.ents
    ends = {ent.end: ent for ent in entities}
    starts = {ent.start: ent for ent in entities}
    positions += [
        ent.start
        for ent in entities
        if ent.label_ == "NORP"
        and ent.start in ends
        and ends[ent.start].label_ == "COUNT"
        and not (ent.end < len(doc) and columns[ent.end, 0] in nouns)
    ]
    for token in (doc[i] for i in sorted(positions)):
        start, end = token.i, token.i + 1
        attrs: dict = {}
        nationality_noun = token.ent_type_ == "NORP"
        if nationality_noun:
            attrs["nationality"], end = starts[start].ent_id_, starts[start].end
        # "an Iraqi national", "UK-based individuals"
        if start in ends and ends[start].label_ == "NORP" and not nationality_noun:
            based = ends[start].text.lower().endswith("based")
            attrs["location" if based else "nationality"] = ends[start].ent_id_
            start = ends[start].start
        if start in ends and ends[start].label_ == "COUNT":  # "three (UK-based) individuals"
            attrs["count"], start = ends[start], ends[start].start
        if end in starts and starts[end].label_ == "NORP":  # "مواطن عراقي"
            attrs["nationality"], end = starts[end].ent_id_, starts[end].end
        for ent in (starts[i] for i in range(end, end + 4) if i in starts and starts[i].end <= end + 4):
            lead = doc[end : ent.start]
            # a place right after the noun is what they crossed, not where they live
            if ent.label_ in ("GPE", "LOC") and len(lead) and all(t.norm_ in LOCATIVE for t in lead):
                attrs["location"], end = ent.ent_id_, ent.end
                break
        if not attrs or describes_a_name(doc, start, ends):
            continue
        count_ent = attrs.pop("count", None)
        if count_ent is not None:
            groups = doc._.pattern_matches or [{}]
            match = next((m for m in groups if m.get("start") == count_ent.start_char), None)
            count = parse_count(match["groups"], lexicon) if match else None
            if count:
                attrs["count"], attrs["count_qualifier"] = count.value, count.qualifier
        span = doc[start:end]
        found.append(
            Mention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label="UNNAMED",
                sentence=sent_index[token.i],
                extractor="rule:unnamed_person",
                confidence=0.8,
                attrs={"noun": token.text, **attrs},
            )
        )
    return found


def _resolve_dates(mentions: list[Mention], document: Document) -> None:
    dates = [m for m in mentions if m.label == "DATE"]
    default_year = int(document.published[:4]) if document.published else None
    partials: list[PartialDate | None] = [m.attrs.pop("partial") for m in dates]
    for mention, date in zip(dates, resolve_years(partials, default_year), strict=True):
        if date is None or date.iso() is None:
            mention.attrs.update(date=None, precision=date.precision if date else None)
        else:
            mention.attrs.update(
                date=date.iso(),
                precision=date.precision,
                year_from_context=date.year is not None and str(date.year) not in normalise(mention.text),
            )


def extract(document: Document, *, model: bool = True, rules: bool = True, ner: str = "fast") -> Extraction:
    """Run the document's language pipeline over it (the model, the rules, or both; `ner`
    chooses the model, one of `graph.nlp.NER_MODES`)."""
    nlp = get_pipeline(document.lang, model=model, rules=rules, ner=ner)
    return pieces_to_extraction(document, doc_pieces(nlp, document.text))


def extract_many(
    documents: Sequence[Document],
    *,
    model: bool = True,
    rules: bool = True,
    ner: str = "fast",
    batch_size: int = 32,
) -> list[Extraction]:
    """The extractions of `documents`, in their order: each language's documents go through
    its pipeline with `nlp.pipe` in batches (the model runs on a batch at once), and a
    document too long for one Doc in pieces on its own; the result is the same as `extract`
    on each."""
    positions: dict[str, list[int]] = {}
    for i, document in enumerate(documents):
        positions.setdefault(document.lang, []).append(i)
    extractions: dict[int, Extraction] = {}
    for lang, indexes in positions.items():
        nlp = get_pipeline(lang, model=model, rules=rules, ner=ner)
        whole = [i for i in indexes if len(documents[i].text) <= piece_limit(nlp)]
        docs = nlp.pipe((documents[i].text for i in whole), batch_size=batch_size)
        for i, doc in zip(whole, docs, strict=True):
            extractions[i] = doc_to_extraction(documents[i], doc)
        for i in sorted(set(indexes) - set(whole)):
            extractions[i] = pieces_to_extraction(documents[i], doc_pieces(nlp, documents[i].text))
    return [extractions[i] for i in range(len(documents))]

"""Accounts a report describes without a handle: "an open Telegram group", "hundreds of accounts
on Instagram", "a TikTok account called 'Journey to England'", "Another TikTok user called
England Albania", "صفحات على فيسبوك تروج للهجرة", "صفحة باسم «…» على فيسبوك". An account noun
(etl/lexicons/platforms.yaml `account_words`) next to a platform, or given a name, is an ACCOUNT
mention: its platform, kind, name and count. A name may come in the next sentence ("… account
found by the Mail on TikTok. Called ‘Journey to England’ it …"); a named account whose sentence
names no platform is on the one the sentences before name. A noun next to a handle or URL is
that account, read already."""

from __future__ import annotations

import re

from graph.model import Mention
from graph.nlp.alternation import literal_alternation
from graph.nlp.lexicon import Lexicon
from graph.nlp.normalise import normalise_with_map, span_back
from graph.nlp.reading.context import ACCOUNTS, Reading

OPENING = "«\"“‘'‹„"
CLOSING = "»\"”’'″›"
QUOTED = re.compile(rf"^[{OPENING}]\s*(?P<name>[^{OPENING}{CLOSING}\n]{{1,60}}?)\s*[{CLOSING}]")
CAPITALISED = re.compile(
    r"^(?P<name>[A-Z][\w'’&-]*(?:\s+(?:(?:of|to|the|and|for|in|de|al)\s+)?[A-Z0-9][\w'’&-]*){0,5})"
)
PLATFORM_BEFORE = (
    3  # words between a platform and the noun after it ("TikTok account", "an open Telegram group")
)
PLATFORM_AFTER = 5  # words between the noun and "on <platform>" ("accounts run by smugglers on TikTok")
NAME_GAP = 45  # characters between the noun and its naming word ("الصفحات التي تحدثت عنها الصحيفة وتدعى")
COUNT_GAP = 30  # characters between a count and the noun it counts
PLATFORM_BACK = 3  # sentences back where a named account's platform may be named
NAME_WORDS = ("ORG", "PERSON", "GPE", "LOC", "NORP")  # labels a word of an account's name is not


def noun_regex(lexicon: Lexicon) -> re.Pattern[str]:
    """An account noun as a word, over normalised text (a proclitic may come before it)."""
    return lexicon.regex(
        "accounts:nouns",
        lambda: rf"(?<!\w)(?:[وفبل]|ال|بال|وال)?(?P<noun>{literal_alternation(lexicon.account_words)})(?!\w)",
    )


def naming_regex(lexicon: Lexicon) -> re.Pattern[str]:
    """Up to NAME_GAP characters, then a naming word and the start of the name, over normalised
    text (no full stop or comma between: the name is the account's)."""
    return lexicon.regex(
        "accounts:naming",
        lambda: (
            rf"^[^.;،,\n]{{0,{NAME_GAP}}}?(?<!\w)(?:{literal_alternation(lexicon.account_naming)})\s*[:\-]?\s*"
        ),
    )


Name = tuple[str, int, int]  # the name, and where it is written


def name_at(reading: Reading, start: int) -> Name | None:
    """The name written at `start`: in quotes, or (English) in capitals."""
    rest = reading.text[start : start + 80]
    found = QUOTED.match(rest) or (CAPITALISED.match(rest) if reading.lang == "en" else None)
    if found is None or not found.group("name").strip():
        return None
    return found.group("name").strip(), start + found.start("name"), start + found.end("name")


def account_name(reading: Reading, sentence: int, end: int) -> Name | None:
    """The name an account noun is given after it, in its sentence ("called 'X'", "وتدعى “X”")."""
    span = reading.x.sentences[sentence]
    norm, index = normalise_with_map(reading.text[end : span.end])
    found = naming_regex(reading.lexicon).match(norm)
    if found is None:
        return None
    return name_at(reading, end + span_back(index, found.end(), found.end() + 1)[0])


def next_sentence_name(reading: Reading, sentence: int) -> Name | None:
    """A name the next sentence opens with ("Called ‘Journey to England’ it used …")."""
    if sentence + 1 >= len(reading.x.sentences):
        return None
    start = reading.x.sentences[sentence + 1].start
    while start < len(reading.text) and not reading.text[start].strip():
        start += 1
    return account_name(reading, sentence + 1, start) if start < len(reading.text) else None


def words_between(reading: Reading, a: int, b: int) -> int:
    return len(reading.text[a:b].split()) if b > a else 0


def nearby_platform(reading: Reading, here: list[Mention], start: int, end: int) -> Mention | None:
    """The platform a noun names an account on: just before it ("TikTok account", "منصة تيك توك
    تحذف حساب") or after it with "on"/"على" ("accounts on Instagram", "صفحات على فيسبوك")."""
    platforms = [m for m in here if m.label == "PLATFORM" and reading.names_entity(m)]
    before = [
        p for p in platforms if p.end <= start and words_between(reading, p.end, start) <= PLATFORM_BEFORE
    ]
    after = [
        p for p in platforms if p.start >= end and words_between(reading, end, p.start) <= PLATFORM_AFTER
    ]
    return before[-1] if before else after[0] if after else None


def earlier_platform(reading: Reading, sentence: int) -> Mention | None:
    """The platform last named in the sentences before (a named account's sentence may not)."""
    for back in range(sentence - 1, max(-1, sentence - 1 - PLATFORM_BACK), -1):
        platforms = [
            m for m in reading.by_sentence[back] if m.label == "PLATFORM" and reading.names_entity(m)
        ]
        if platforms:
            return platforms[-1]
    return None


def accounts(reading: Reading) -> None:
    """ACCOUNT mentions for the accounts each sentence describes."""
    lexicon = reading.lexicon
    if not any(m.label == "PLATFORM" for m in reading.x.mentions):
        return  # an account is described on a platform the report names
    nouns = noun_regex(lexicon)
    pending: Mention | None = None  # an unnamed account the next sentence may name
    with_platform = {m.sentence for m in reading.x.mentions if m.label == "PLATFORM"}
    for sentence, span in enumerate(reading.x.sentences):
        near = any(s in with_platform for s in range(sentence - PLATFORM_BACK, sentence + 1))
        if (not near or nouns.search(span.norm) is None) and pending is None:
            continue
        here = list(reading.by_sentence.get(sentence, []))
        handled = [m for m in here if m.label in ACCOUNTS]
        norm, index = normalise_with_map(reading.text[span.start : span.end])
        found_here = []
        names: list[Name] = []
        for found in noun_regex(lexicon).finditer(norm):
            start, end = (span.start + i for i in span_back(index, *found.span("noun")))
            if any(abs(m.start - end) <= 25 or abs(start - m.end) <= 25 for m in handled):
                continue  # "the TikTok account @x", "الصفحة facebook.com/x": read already
            if any(a <= start < b for _, a, b in names):
                continue  # a word of a name ("a group called Channel Dreams")
            kind = lexicon.account_words[found.group("noun")]
            named = account_name(reading, sentence, end)
            name = named[0] if named else None
            platform = nearby_platform(reading, here, start, end)
            if platform is None and name:
                platform = earlier_platform(reading, sentence)
            if platform is None or (kind in lexicon.account_named_only and not name):
                continue
            count = next(
                (
                    c
                    for c in reversed(here)
                    if c.label == "COUNT" and c.end <= start and start - c.end <= COUNT_GAP
                ),
                None,
            )
            mention = Mention(
                start,
                end,
                reading.text[start:end],
                "ACCOUNT",
                sentence,
                "rule:account_described",
                0.7,
                attrs={
                    "platform": platform.key,
                    "kind": "account" if kind in lexicon.account_named_only else kind,
                    "name": name,
                    "count": count.attrs.get("value") if count else None,
                },
            )
            found_here.append(mention)
            if named:
                names.append(named)
        if (
            pending is not None
            and not pending.attrs["name"]
            and (named := next_sentence_name(reading, sentence - 1))
        ):
            pending.attrs["name"] = named[0]
            names.append(named)
        for mention in found_here:
            reading.add_mention(mention)
        # the words of an account's name name no organisation, person or place of their own
        reading.remove_mentions(
            [
                m
                for m in reading.x.mentions
                if m.label in NAME_WORDS and any(a < m.end and m.start < b for _, a, b in names)
            ]
        )
        pending = found_here[-1] if found_here else None

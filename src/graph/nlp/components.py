"""Custom spaCy components: normalisation with clitic splitting, regex matchers, person rules.

Registered as spaCy factories so the pipeline is built (and serialised) the spaCy way.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.nlp.lexicon import Lexicon, load_lexicon
from graph.nlp.normalise import (
    is_arabic,
    normalise,
    normalise_with_map,
    span_back,
    strip_proclitics,
)

# Regex labels in the order they win an overlap (URL over a platform name inside it, etc.).
TRAILING_PUNCT = re.compile(r"\w[\u064b-\u065f]*([.,،؛:!?؟\"»)]+)$")
PATTERN_PRIORITY = {"URL": 0, "PHONE": 1, "HANDLE": 2, "MONEY": 3, "DATE": 4, "COUNT": 5}

if not Doc.has_extension("pattern_matches"):
    Doc.set_extension("pattern_matches", default=None)


def find_patterns(text: str, lexicon: Lexicon) -> list[dict[str, Any]]:
    """Run every regex of `etl/rules/patterns.yaml` over the normalised text; return
    non-overlapping matches with original offsets, the stronger label winning ties."""
    norm, index = normalise_with_map(text)
    found = []
    for spec in lexicon.patterns:
        for match in lexicon.regex(spec["id"]).finditer(norm):
            if match.end() == match.start():
                continue
            edge = "span" if match.groupdict().get("span") is not None else 0
            start, end = span_back(index, match.start(edge), match.end(edge))
            groups = {k: v for k, v in match.groupdict().items() if v is not None and k != "span"}
            found.append(
                {
                    "start": start,
                    "end": end,
                    "label": spec["label"],
                    "rule": spec["id"],
                    "groups": groups,
                }
            )
    found.sort(key=lambda m: (PATTERN_PRIORITY[m["label"]], m["start"] - m["end"], m["start"]))
    taken: list[tuple[int, int]] = []
    kept = []
    for match in found:
        if any(match["start"] < e and s < match["end"] for s, e in taken):
            continue
        taken.append((match["start"], match["end"]))
        kept.append(match)
    return sorted(kept, key=lambda m: m["start"])


@Language.factory("graph_normaliser")
class Normaliser:
    """Sets each token's NORM to its matching form and splits tokens where a match begins inside
    them: after an Arabic proclitic (وTikTok, للوكالة) or at a regex match's edge."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.lexicon = load_lexicon()
        self.known = (
            frozenset(
                normalise(tok.text) for term, _label, _id in self.lexicon.terms for tok in nlp.tokenizer(term)
            )
            | frozenset(self.lexicon.months)
            | frozenset(self.lexicon.number_words)
        )

    def __call__(self, doc: Doc) -> Doc:
        matches = find_patterns(doc.text, self.lexicon)
        doc._.pattern_matches = matches
        cuts = {m["start"] for m in matches} | {m["end"] for m in matches}
        norms: dict[int, str] = {}
        for token in doc:
            text = token.text
            trailing = TRAILING_PUNCT.search(text)
            if trailing:  # the blank tokenizer leaves "." glued after tanween (ومحركًا.)
                cuts.add(token.idx + trailing.start(1))
                text = text[: trailing.start(1)]
            if is_arabic(text):
                norm, index = normalise_with_map(text)
                split = strip_proclitics(norm, self.known)
                if split:
                    clitic, stem_norm = split
                    cut = token.idx + index[len(clitic)]
                    cuts.add(cut)
                    norms[cut] = stem_norm
        self._split(doc, cuts)
        for token in doc:
            token.norm_ = norms.get(token.idx) or normalise(token.text)
        return doc

    @staticmethod
    def _split(doc: Doc, cuts: set[int]) -> None:
        """Split the tokens that have a cut strictly inside them."""
        starts = [t.idx for t in doc]
        inside: dict[int, list[int]] = {}
        for cut in cuts:
            i = bisect_right(starts, cut) - 1
            if i >= 0 and starts[i] < cut < starts[i] + len(doc[i].text):
                inside.setdefault(i, []).append(cut - starts[i])
        if not inside:
            return
        with doc.retokenize() as retokenizer:
            for i, offsets in inside.items():
                token = doc[i]
                bounds = [0, *sorted(offsets), len(token.text)]
                orths = [token.text[a:b] for a, b in itertools.pairwise(bounds)]
                retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))


@Language.factory("graph_patterns")
class PatternSpans:
    """Turns the normaliser's regex matches into entities; they win over lexicon matches."""

    def __init__(self, nlp: Language, name: str) -> None:
        pass

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match in doc._.pattern_matches or []:
            span = doc.char_span(match["start"], match["end"], label=match["label"], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        doc.ents = filter_spans(spans + keep)
        return doc


@Language.factory("graph_persons")
class PersonRules:
    """Finds person names by their context: after a speech verb and before a comma, after a
    title or honorific, before an apposed title or an age. Names are tokens no lexicon knows."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.lexicon = load_lexicon()
        self.matcher = Matcher(nlp.vocab)
        stop = {normalise(w) for w in nlp.Defaults.stop_words}
        known = {normalise(t.text) for term, *_ in self.lexicon.terms for t in nlp.tokenizer(term)}
        # Words that end a name: speech verbs, honorifics, relation verbs and event triggers.
        context_words = [*self.lexicon.speech_verbs, *self.lexicon.name_prefixes]
        context_words += [w for words in self.lexicon.relation_words.values() for w in words]
        context_words += [w for words in self.lexicon.event_triggers.values() for w in words]
        context = {normalise(t.text) for w in context_words for t in nlp.tokenizer(w)}
        excluded = sorted(stop | known | context | set(self.lexicon.months) | set(self.lexicon.person_nouns))
        name_token: dict[str, Any] = {"IS_ALPHA": True, "NORM": {"NOT_IN": excluded}}
        if nlp.lang == "en":
            name_token["IS_TITLE"] = True
        name = [{**name_token, "OP": "{1,3}"}] if nlp.lang == "en" else [{**name_token, "OP": "{2,4}"}]
        comma = {"ORTH": {"IN": [",", "،"]}}
        titles = [self._tokens(nlp, t) for t in self.lexicon.titles]

        def add(lead: list[list[dict[str, Any]]], trail: list[list[dict[str, Any]]]) -> None:
            for before in lead:
                for after in trail:
                    self.matcher.add(
                        f"PERSON|{len(before)}|{len(after)}",
                        [before + name + after],
                        greedy="LONGEST",
                    )

        speech = [self._tokens(nlp, v) for v in self.lexicon.speech_verbs]
        prefixes = [self._tokens(nlp, p) for p in self.lexicon.name_prefixes]
        add(speech, [[comma]])
        add(prefixes, [[]])
        add([[]], [[comma, *t] for t in titles])
        age = [{"ORTH": {"IN": ["(", ","]}}, {"LIKE_NUM": True}]
        add([[]], [age])
        if nlp.lang == "en":  # "Himen Aziz, a hawala broker", "Dilshad Karim, arrested in ..."
            apposed = {"LOWER": {"IN": ["a", "an", "who", "arrested", "aged", "charged", "known"]}}
            add([[]], [[comma, apposed]])

    @staticmethod
    def _tokens(nlp: Language, phrase: str) -> list[dict[str, Any]]:
        return [{"NORM": normalise(t.text)} for t in nlp.tokenizer(phrase)]

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            _, lead, trail = doc.vocab.strings[match_id].split("|")
            span = Span(doc, start + int(lead), end - int(trail), label="PERSON")
            if not any(t.ent_type_ for t in span):
                spans.append(span)
        spans = filter_spans(spans)
        spans += self._repeats(doc, spans)
        if spans:
            doc.ents = filter_spans(list(doc.ents) + spans)
        return doc

    @staticmethod
    def _repeats(doc: Doc, names: list[Span]) -> list[Span]:
        """Other mentions in the document of a name found by a rule: the same tokens anywhere,
        and the family name alone ("Qadir" after "Rebin Qadir"), which keeps the full name in
        `kb_id` so that both resolve to one person."""
        if not names:
            return []
        matcher = Matcher(doc.vocab)
        full_names = {}
        for name in names:
            matcher.add("REPEAT", [[{"NORM": t.norm_} for t in name]])
            last = name[-1]
            if len(name) >= 2 and len(last.norm_) >= 3:
                key = f"SHORT|{last.norm_}"
                full_names[key] = name.text
                matcher.add(key, [[{"NORM": last.norm_}]])
        taken = [(s.start, s.end) for s in names]
        found = []
        for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
            if any(start < e and s < end for s, e in taken) or any(t.ent_type_ for t in doc[start:end]):
                continue
            kind = doc.vocab.strings[match_id]
            found.append(Span(doc, start, end, label="PERSON", kb_id=full_names.get(kind, "")))
            taken.append((start, end))
        return found


@Language.factory("graph_triggers")
class EventTriggers:
    """Marks event trigger phrases of `etl/rules/events.yaml` in `doc.spans['triggers']`,
    labelled with the event kind; matching is on NORM, so clitics and letter variants don't hide them."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.matcher = Matcher(nlp.vocab)
        for kind, phrases in load_lexicon().event_triggers.items():
            patterns = [[{"NORM": normalise(t.text)} for t in nlp.tokenizer(p)] for p in phrases]
            self.matcher.add(kind, [p for p in patterns if p], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        doc.spans["triggers"] = filter_spans(spans)
        return doc


@Language.factory("graph_groups")
class GroupRules:
    """Names of crime groups and companies found by their context (`etl/rules/groups.yaml`):
    a Title Case name after "known as" or ending in "Crew"/"GmbH", or a quoted name after
    شبكة/عصابة. Labelled ORG with the kind in `kb_id`."""

    def __init__(self, nlp: Language, name: str) -> None:
        import yaml

        from graph.paths import etl_dir

        rules = yaml.safe_load((etl_dir() / "rules" / "groups.yaml").read_text(encoding="utf-8"))
        self.matcher = Matcher(nlp.vocab)
        quotes = {"ORTH": {"IN": rules["quotes"]}}
        if nlp.lang == "en":
            en = rules["en"]
            title = {
                "IS_TITLE": True,
                "IS_PUNCT": False,
                "LOWER": {"NOT_IN": ["the", "a", "an", "this", "that"]},
            }
            hyphen = {"ORTH": "-", "OP": "?"}
            for phrase in en["introduced_by"]:
                lead = [{"LOWER": w} for w in phrase.split()]
                self.matcher.add(
                    f"crime_group|{len(lead)}|0",
                    [[*lead, title, hyphen, {**title, "OP": "{0,2}"}]],
                    greedy="LONGEST",
                )
            self.matcher.add(
                "crime_group|0|0",
                [[{**title, "OP": "{1,2}"}, {"LOWER": {"IN": en["group_nouns"]}, "IS_TITLE": True}]],
                greedy="LONGEST",
            )
            self.matcher.add(
                "company|0|0",
                [[{**title, "OP": "{1,3}"}, {"LOWER": {"IN": en["company_suffixes"]}}]],
                greedy="LONGEST",
            )
            for phrase in en["network_words"]:
                trail = [{"LOWER": w} for w in phrase.split()]
                self.matcher.add(
                    f"crime_group|0|{len(trail)}",
                    [
                        [
                            {"LOWER": {"IN": ["al", "el"]}, "OP": "?"},
                            {"ORTH": "-", "OP": "?"},
                            {**title, "OP": "{1,2}"},
                            *trail,
                        ]
                    ],
                    greedy="LONGEST",
                )
        else:
            lead = {"NORM": {"IN": sorted(normalise(w) for w in rules["ar"]["introduced_by"])}}
            self.matcher.add(
                "crime_group|2|1",
                [[lead, quotes, {"IS_PUNCT": False, "OP": "{1,4}"}, quotes]],
                greedy="LONGEST",
            )

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            kind, lead, trail = doc.vocab.strings[match_id].split("|")
            span = Span(doc, start + int(lead), end - int(trail), label="ORG", kb_id=kind)
            if len(span) and not any(t.ent_type_ for t in span):
                spans.append(span)
        if spans:
            doc.ents = filter_spans(list(doc.ents) + filter_spans(spans))
        return doc

"""Custom spaCy components: normalisation with clitic splitting, regex matchers, person rules.

Registered as spaCy factories so the pipeline is built (and serialised) the spaCy way.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Collection
from typing import Any

import numpy
from spacy.attrs import ENT_TYPE, IDX, IS_ALPHA, IS_TITLE, LENGTH, LIKE_NUM, NORM, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from graph.nlp.columns import members, sorted_ids, string_ids
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
CONTEXT_REACH = 60  # characters a pattern's `before` or `context` may span

if not Doc.has_extension("pattern_matches"):
    Doc.set_extension("pattern_matches", default=None)


class TextKeepingTokenizer:
    """The language's tokenizer, keeping the text it was given in `doc.user_data['text']`:
    `Doc.text` rebuilds the string from every token on each call, and the regex matchers
    need it for every document."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data["text"] = text
        return doc

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


def doc_text(doc: Doc) -> str:
    """The Doc's text, from the tokenizer when it kept it."""
    text = doc.user_data.get("text")
    if isinstance(text, str) and (not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) == len(text)):
        return text
    return doc.text


def norms_of(nlp: Language, phrase: str) -> list[str]:
    """The matching forms of a phrase's tokens."""
    return [normalise(t.text) for t in nlp.tokenizer(phrase)]


def pattern_doc(nlp: Language, phrase: str) -> Doc:
    """A phrase for a PhraseMatcher, split into tokens as documents are (the normaliser splits
    المهرب into ال + مهرب when مهرب is a word it knows), so that it matches them."""
    doc = nlp.make_doc(phrase)
    return nlp.get_pipe("graph_normaliser")(doc) if "graph_normaliser" in nlp.pipe_names else doc


def find_patterns(text: str, lexicon: Lexicon) -> list[dict[str, Any]]:
    """Run every regex of `etl/rules/patterns.yaml` over the normalised text; return
    non-overlapping matches with original offsets, the stronger label winning ties."""
    norm, index = normalise_with_map(text)
    found = []
    for pattern in lexicon.compiled_patterns():
        before, context, not_after = pattern.before, pattern.context, pattern.not_after
        priority = PATTERN_PRIORITY[pattern.label]
        for match in pattern.regex.finditer(norm):
            start, end = match.span()
            if end == start:
                continue
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            if before is not None and (lead := before.search(norm, max(0, start - CONTEXT_REACH), start)):
                start = lead.start()
                groups.update((k, v) for k, v in lead.groupdict().items() if v is not None)
            outer = start
            if context is not None:
                lead = context.search(norm, max(0, start - CONTEXT_REACH), start)
                if lead is None:
                    continue
                outer = lead.start()
            if not_after is not None and outer > 0 and not_after.match(norm, outer - 1):
                continue
            found.append((priority, start - end, start, end, pattern, groups))
    found.sort(key=lambda m: m[:3])
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    kept = []
    for _priority, _length, start, end, pattern, groups in found:
        # taken spans never overlap, so only the one starting last before `end` can overlap
        i = bisect_left(taken_starts, end) - 1
        if i >= 0 and taken_ends[i] > start:
            continue
        taken_starts.insert(i + 1, start)
        taken_ends.insert(i + 1, end)
        original_start, original_end = span_back(index, start, end)
        kept.append(
            {
                "start": original_start,
                "end": original_end,
                "label": pattern.label,
                "rule": pattern.id,
                "groups": groups,
            }
        )
    return sorted(kept, key=lambda m: m["start"])


@Language.factory("graph_normaliser")
class Normaliser:
    """Splits tokens where a match begins inside them: after an Arabic proclitic (وTikTok,
    للوكالة), before punctuation glued after tanween, or at a regex match's edge.

    Token NORMs come from the vocabulary (`use_matching_norms`), computed once per distinct
    word; whether a word needs a split is also decided once per word and cached, so the
    per-document work is array lookups rather than a Python pass over every token."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.lexicon = load_lexicon()
        use_matching_norms(nlp.vocab)
        # trigger and relation words too, so that واعتقلت and ويدير split like lexicon words
        verbs = itertools.chain(*self.lexicon.event_triggers.values(), *self.lexicon.relation_words.values())
        self.known = (
            frozenset(n for term, _label, _id in self.lexicon.terms for n in norms_of(nlp, term))
            | frozenset(n for phrase in verbs for n in norms_of(nlp, phrase))
            | frozenset(self.lexicon.months)
            | frozenset(self.lexicon.number_words)
            | frozenset(self.lexicon.person_nouns)
        )
        self.cuts_by_word: dict[int, tuple[tuple[int, str | None], ...]] = {}
        self.words_to_cut = sorted_ids([])

    def _word_cuts(self, text: str) -> tuple[tuple[int, str | None], ...]:
        """Offsets inside one word where it must be split, each with the NORM of the piece
        that starts there when it differs from the piece's own (ل + ال restored after لل)."""
        cuts: list[tuple[int, str | None]] = []
        trailing = TRAILING_PUNCT.search(text)
        if trailing:  # the blank tokenizer leaves "." glued after tanween (ومحركًا.)
            cuts.append((trailing.start(1), None))
            text = text[: trailing.start(1)]
        if is_arabic(text):
            norm, index = normalise_with_map(text)
            split = strip_proclitics(norm, self.known)
            if split:
                clitic, stem_norm = split
                cuts.append((index[len(clitic)], stem_norm))
        return tuple(cuts)

    def __call__(self, doc: Doc) -> Doc:
        matches = find_patterns(doc_text(doc), self.lexicon)
        doc._.pattern_matches = matches
        cuts = {m["start"]: None for m in matches} | {m["end"]: None for m in matches}
        columns = doc.to_array([ORTH, IDX])
        new_words = [o for o in set(columns[:, 0].tolist()) if o not in self.cuts_by_word]
        for orth in new_words:
            self.cuts_by_word[orth] = self._word_cuts(doc.vocab.strings[orth])
        if new_cuts := [orth for orth in new_words if self.cuts_by_word[orth]]:
            self.words_to_cut = numpy.union1d(self.words_to_cut, sorted_ids(new_cuts))
        for orth, idx in columns[members(columns[:, 0], self.words_to_cut)].tolist():
            for offset, norm in self.cuts_by_word[orth]:
                cuts[idx + offset] = norm
        if split_tokens_at(doc, cuts, columns[:, 1].astype(numpy.int64)):
            starts = doc.to_array(IDX).tolist()
            for cut, norm in cuts.items():
                if norm is not None:
                    doc[bisect_left(starts, cut)].norm_ = norm
        return doc


def split_tokens_at(doc: Doc, cuts: Collection[int], starts: numpy.ndarray | None = None) -> bool:
    """Split the tokens that have a cut (a character offset) strictly inside them; True if any
    was. `starts` (the tokens' first characters) saves a lookup when the caller has it."""
    if not cuts:
        return False
    if starts is None:
        starts = doc.to_array(IDX).astype(numpy.int64)
    positions = numpy.fromiter(cuts, dtype=numpy.int64, count=len(cuts))
    tokens = numpy.searchsorted(starts, positions, side="right") - 1
    ends = starts + doc.to_array(LENGTH).astype(numpy.int64)
    safe = numpy.maximum(tokens, 0)
    inside_mask = (tokens >= 0) & (starts[safe] < positions) & (positions < ends[safe])
    if not inside_mask.any():
        return False
    inside: dict[int, list[int]] = {}
    for i, cut in zip(tokens[inside_mask].tolist(), positions[inside_mask].tolist(), strict=True):
        inside.setdefault(i, []).append(cut - int(starts[i]))
    sentences = doc.has_annotation("SENT_START")
    with doc.retokenize() as retokenizer:
        for i, offsets in inside.items():
            token = doc[i]
            bounds = [0, *sorted(offsets), len(token.text)]
            orths = [token.text[a:b] for a, b in itertools.pairwise(bounds)]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))
    if sentences:  # a piece of a split token never starts a sentence
        new_starts = doc.to_array(IDX).tolist()
        for cut in positions[inside_mask].tolist():
            doc[bisect_left(new_starts, cut)].is_sent_start = False
    return True


def use_matching_norms(vocab: Vocab) -> None:
    """Make the vocabulary's NORM the matching form of `normalise` for every word, present
    and future, so matchers on NORM see folded letters without a pass over each token."""
    if vocab.lex_attr_getters.get(NORM) is normalise:
        return
    vocab.lex_attr_getters[NORM] = normalise
    for lexeme in vocab:
        lexeme.norm_ = normalise(lexeme.orth_)


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
        covered = covered_tokens(doc, spans)
        keep = [e for e in doc.ents if not covered[e.start : e.end].any()]
        doc.ents = filter_spans(spans + keep)
        return doc


def matches_near(
    matcher: Matcher, doc: Doc, anchors: numpy.ndarray, reach: int
) -> list[tuple[int, int, int]]:
    """Run `matcher` only on windows of `reach` tokens around the anchor positions, merged.
    Every pattern given to such a matcher contains an anchor and is at most `reach` tokens
    long, so the matches are those over the whole Doc, at a fraction of the cost."""
    if not len(anchors):
        return []
    found = []
    starts = numpy.maximum(anchors - reach, 0).tolist()
    ends = numpy.minimum(anchors + reach + 1, len(doc)).tolist()
    window_start, window_end = starts[0], ends[0]
    for start, end in [*zip(starts[1:], ends[1:], strict=True), (len(doc) + 1, len(doc) + 1)]:
        if start <= window_end:
            window_end = max(window_end, end)
            continue
        window = matcher(doc[window_start:window_end])
        found += [(m, window_start + a, window_start + b) for m, a, b in window]
        window_start, window_end = start, end
    return found


if not Doc.has_extension("model_spans"):
    # "start_char:end_char" -> label (string keys: docs cross processes as msgpack)
    Doc.set_extension("model_spans", default=None)


def from_model(ent: Span, model_spans: dict[str, str] | None = None) -> bool:
    """Whether an entity is the NER model's, unchanged: a rule that matched the same
    characters gives another label or a lexicon id. `model_spans` is the Doc's
    `doc._.model_spans`, for callers that test many entities."""
    if model_spans is None:
        model_spans = ent.doc._.model_spans or {}
    return model_spans.get(f"{ent.start_char}:{ent.end_char}") == ent.label_ and not ent.ent_id_


def covered_tokens(doc: Doc, spans: list[Span]) -> numpy.ndarray:
    """Which tokens lie in one of `spans`."""
    covered = numpy.zeros(len(doc), dtype=bool)
    for span in spans:
        covered[span.start : span.end] = True
    return covered


def rule_entity_tokens(doc: Doc) -> numpy.ndarray:
    """Which tokens lie in an entity found by a rule (not by the NER model, whose entities the
    rules may overrule)."""
    model_spans = doc._.model_spans
    if not model_spans:
        return doc.to_array(ENT_TYPE) != 0
    return covered_tokens(doc, [ent for ent in doc.ents if not from_model(ent, model_spans)])


def add_rule_spans(doc: Doc, spans: list[Span]) -> None:
    """Add entities a rule found: they replace the model's entities they overlap and never
    overlap another rule's (callers check)."""
    kept = list(doc.ents)
    model_spans = doc._.model_spans
    if model_spans:
        covered = covered_tokens(doc, spans)
        kept = [e for e in kept if not covered[e.start : e.end].any() or not from_model(e, model_spans)]
    doc.ents = filter_spans(kept + spans)


@Language.factory("graph_persons")
class PersonRules:
    """Finds person names by their context: after a speech verb and before a comma, after a
    title or honorific, before an apposed title, an age or an apposed description. Names are
    runs of tokens no lexicon knows (Title Case in English).

    Context phrases are found with PhraseMatchers and name tokens with one array test per
    token attribute, so the Python work is per context found, not per token and pattern."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.lexicon = load_lexicon()
        use_matching_norms(nlp.vocab)
        stop = {normalise(w) for w in nlp.Defaults.stop_words}
        known = {n for term, *_ in self.lexicon.terms for n in norms_of(nlp, term)}
        # Words that end a name: speech verbs, honorifics, relation verbs and event triggers.
        context_words = [*self.lexicon.speech_verbs, *self.lexicon.name_prefixes]
        context_words += [w for words in self.lexicon.relation_words.values() for w in words]
        context_words += [w for words in self.lexicon.event_triggers.values() for w in words]
        context = {n for w in context_words for n in norms_of(nlp, w)}
        self.excluded = string_ids(
            nlp, stop | known | context | set(self.lexicon.months) | set(self.lexicon.person_nouns)
        )
        self.title_case = nlp.lang == "en"
        self.shortest, self.longest = (1, 3) if nlp.lang == "en" else (2, 4)
        self.leads = {
            "speech": self._phrases(nlp, self.lexicon.speech_verbs),
            "prefix": self._phrases(nlp, self.lexicon.name_prefixes),
            "title": self._phrases(nlp, self.lexicon.titles),
        }
        self.commas = string_ids(nlp, [",", "،"])
        self.age_openers = string_ids(nlp, ["(", ",", "،"])
        # "Himen Aziz, a hawala broker", "Dilshad Karim, arrested in ..."
        apposed = ["a", "an", "who", "arrested", "aged", "charged", "known"] if nlp.lang == "en" else []
        self.apposed = string_ids(nlp, apposed)

    @staticmethod
    def _phrases(nlp: Language, phrases: list[str]) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        matcher.add("CONTEXT", [pattern_doc(nlp, p) for p in phrases if p.strip()])
        return matcher

    def _name_tokens(self, doc: Doc) -> numpy.ndarray:
        """Which tokens may be part of a name: alphabetic, not a known or context word, not
        in an entity another rule found (the model's may be overruled), Title Case in English."""
        columns = doc.to_array([IS_ALPHA, IS_TITLE, NORM])
        ok = (columns[:, 0] == 1) & ~rule_entity_tokens(doc) & ~members(columns[:, 2], self.excluded)
        if self.title_case:
            ok &= columns[:, 1] == 1
        return ok

    def find_names(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) of every name some context rule supports."""
        ok = self._name_tokens(doc)
        n = len(doc)
        breaks = numpy.flatnonzero(~ok)
        # the first token at or after i that cannot be in a name, and the last one before i
        next_break = numpy.append(breaks, n)[numpy.searchsorted(breaks, numpy.arange(n + 1))]
        prev_break = numpy.insert(breaks, 0, -1)[numpy.searchsorted(breaks, numpy.arange(n + 1))]
        norms = doc.to_array(NORM)
        commas = members(norms, self.commas)
        names = []

        def name_after(start: int, must_end_at_comma: bool) -> None:
            end = int(next_break[start])
            if must_end_at_comma:
                if end < n and commas[end] and self.shortest <= end - start <= self.longest:
                    names.append((start, end))
            elif end - start >= self.shortest:
                names.append((start, min(end, start + self.longest)))

        def name_before(end: int) -> None:
            start = max(int(prev_break[end]) + 1, end - self.longest)
            if end - start >= self.shortest:
                names.append((start, end))

        for _, _, end in self.leads["speech"](doc):
            name_after(end, must_end_at_comma=True)
        for _, _, end in self.leads["prefix"](doc):
            name_after(end, must_end_at_comma=False)
        for _, start, _ in self.leads["title"](doc):
            if start > 0 and commas[start - 1]:
                name_before(start - 1)
        numbers = numpy.flatnonzero(doc.to_array(LIKE_NUM)[1:] == 1) + 1
        for i in numbers[members(norms[numbers - 1], self.age_openers)].tolist():
            name_before(i - 1)
        if len(self.apposed) and n > 1:
            apposed = numpy.flatnonzero(commas[:-1] & members(norms[1:], self.apposed))
            for comma in apposed.tolist():
                name_before(comma)
        return names

    def __call__(self, doc: Doc) -> Doc:
        spans = filter_spans([Span(doc, start, end, label="PERSON") for start, end in self.find_names(doc)])
        model_people = []
        if model_spans := doc._.model_spans:
            model_people = [e for e in doc.ents if e.label_ == "PERSON" and from_model(e, model_spans)]
        spans += self._repeats(doc, spans, model_people)
        if spans:
            add_rule_spans(doc, spans)
        return doc

    @staticmethod
    def _repeats(doc: Doc, names: list[Span], model_people: list[Span]) -> list[Span]:
        """Other mentions in the document of a name a rule found (the same tokens anywhere),
        and the family name alone of any full name, the model's too ("Qadir" after "Rebin
        Qadir"), which keeps the full name in `kb_id` so that both resolve to one person. A
        repeat never takes the place of an entity, except the model's person entities; a
        name the model alone found is not repeated (one wrong guess would spread)."""
        if not names and not model_people:
            return []
        norms = doc.to_array(NORM).tolist()
        blocked = doc.to_array(ENT_TYPE) != 0
        for person in model_people:
            blocked[person.start : person.end] = False
        positions: dict[int, list[int]] = {}
        for i, norm in enumerate(norms):
            positions.setdefault(norm, []).append(i)
        candidates = []  # (start, end, full name or "")
        for name in names:
            words = norms[name.start : name.end]
            repeats = [i for i in positions[words[0]] if norms[i : i + len(words)] == words]
            candidates += [(i, i + len(words), "") for i in repeats]
        for name in [*names, *model_people]:
            if len(name) >= 2 and len(name[-1].norm_) >= 3:
                candidates += [(i, i + 1, name.text) for i in positions[norms[name.end - 1]]]
        taken = [(s.start, s.end) for s in [*names, *(p for p in model_people if len(p) > 1)]]
        found = []
        # longest first; where a family name alone is also a name's repeat, the full name wins
        for start, end, full_name in sorted(set(candidates), key=lambda c: (c[0], -c[1], not c[2], c[2])):
            if any(start < e and s < end for s, e in taken) or blocked[start:end].any():
                continue
            found.append(Span(doc, start, end, label="PERSON", kb_id=full_name))
            taken.append((start, end))
        return found


@Language.factory("graph_triggers")
class EventTriggers:
    """Marks event trigger phrases of `etl/rules/events.yaml` in `doc.spans['triggers']`,
    labelled with the event kind; a PhraseMatcher on NORM, so clitics and letter variants
    don't hide them; the longest trigger wins an overlap."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        use_matching_norms(nlp.vocab)
        for kind, phrases in load_lexicon().event_triggers.items():
            self.matcher.add(kind, [pattern_doc(nlp, p) for p in phrases if p.strip()])

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        doc.spans["triggers"] = filter_spans(spans)
        return doc


@Language.factory("graph_groups")
class GroupRules:
    """Names of crime groups and companies found by their context (`etl/rules/groups.yaml`):
    a Title Case name after "known as" or ending in "Crew"/"GmbH", or a quoted name after
    شبكة/عصابة. Labelled ORG with the kind in `kb_id`. Every pattern holds one of the rule
    words, so the matcher runs only near them (`matches_near`)."""

    REACH = 8  # the longest pattern, in tokens

    def __init__(self, nlp: Language, name: str) -> None:
        import yaml

        from graph.paths import etl_dir

        rules = yaml.safe_load((etl_dir() / "rules" / "groups.yaml").read_text(encoding="utf-8"))
        self.matcher = Matcher(nlp.vocab)
        quotes = {"ORTH": {"IN": rules["quotes"]}}
        if nlp.lang == "en":
            en = rules["en"]
            anchor_words = [*en["introduced_by"], *en["group_nouns"], *en["company_suffixes"]]
            anchor_words += en["network_words"]
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
            anchor_words = rules["ar"]["introduced_by"]
            lead = {"NORM": {"IN": sorted(normalise(w) for w in rules["ar"]["introduced_by"])}}
            self.matcher.add(
                "crime_group|2|1",
                [[lead, quotes, {"IS_PUNCT": False, "OP": "{1,4}"}, quotes]],
                greedy="LONGEST",
            )
        self.anchors = string_ids(nlp, {n for w in anchor_words for n in norms_of(nlp, w)})

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        taken = rule_entity_tokens(doc)
        anchors = numpy.flatnonzero(members(doc.to_array(NORM), self.anchors))
        for match_id, start, end in matches_near(self.matcher, doc, anchors, self.REACH):
            kind, lead, trail = doc.vocab.strings[match_id].split("|")
            span = Span(doc, start + int(lead), end - int(trail), label="ORG", kb_id=kind)
            if len(span) and not taken[span.start : span.end].any():
                spans.append(span)
        if spans:
            add_rule_spans(doc, filter_spans(spans))
        return doc


@Language.factory("graph_model_entities")
class ModelEntities:
    """Turns the NER model's entities into the pipeline's labels (`etl/rules/ner.yaml`),
    drops those it maps to nothing or that are only a title, honorific or stop word, trims a
    relation verb or event trigger off their edges (يدير كاروان صالح → كاروان صالح), starts
    Arabic ones after a proclitic glued to their first word (وأحمد → أحمد), and records them
    in `doc._.model_spans` so that the rules and extraction can tell the model's entities from
    the rules' (`from_model`). Runs right after the model."""

    def __init__(self, nlp: Language, name: str) -> None:
        from graph.nlp.models import model_gazetteer, ner_settings

        settings = ner_settings()
        self.labels: dict[str, str | None] = settings["models"][nlp.lang]["labels"]
        self.arabic = nlp.lang == "ar"
        clitics = settings["proclitics"]
        self.clitic = re.compile(
            f"^([{''.join(clitics['conjunctions'])}]?)([{''.join(clitics['prepositions'])}]?)"
        )
        self.min_stem = int(clitics["min_stem"])
        self.known = model_gazetteer(nlp)
        lexicon = load_lexicon()
        context = [*lexicon.titles, *lexicon.name_prefixes, *lexicon.speech_verbs, *nlp.Defaults.stop_words]
        self.not_names = string_ids(nlp, {n for phrase in context for n in norms_of(nlp, phrase)})
        # trimmed off a name's edges: one-word verbs, triggers, honorifics and ranks that are no
        # name in the gazetteer (مالك is Malik too) and no stop word (أبو، بن، علي are name parts)
        words = itertools.chain(
            *lexicon.relation_words.values(), *lexicon.event_triggers.values(), lexicon.name_prefixes
        )
        one_word = {norms[0] for w in words if len(norms := norms_of(nlp, w)) == 1}
        stop = {normalise(w) for w in nlp.Defaults.stop_words}
        self.not_name_edges = string_ids(nlp, one_word - set(self.known) - stop)

    def clitic_length(self, word: str) -> int:
        """How many characters of `word` are a proclitic to leave out of a name (0 if none):
        a conjunction and a preposition before a known name or the article (لمحمد، بالقاهرة);
        a conjunction alone also before a long unknown word (وكاروان, but not وليد)."""
        norm, index = normalise_with_map(word)
        match = self.clitic.match(norm)
        if not match or norm.startswith("لل") or norm in self.known:
            return 0
        conjunction, preposition = len(match.group(1)), len(match.group(2))
        for length in (conjunction + preposition, conjunction):
            stem = norm[length:]
            if not length or len(stem) < 3:
                continue
            if stem in self.known or (stem.startswith("ال") and len(stem) >= 4):
                return index[length]
            if length == conjunction and len(stem) >= self.min_stem:
                return index[length]
        return 0

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        norms = doc.to_array(NORM)
        not_name, edge = members(norms, self.not_names), members(norms, self.not_name_edges)
        for ent in doc.ents:
            label = self.labels.get(ent.label_)
            if label is None or not_name[ent.start : ent.end].all():
                continue  # a label we don't use, or only a title, honorific or stop word ("Mr")
            first, last = ent.start, ent.end - 1
            while first < last and edge[first]:
                first += 1
            while last > first and edge[last]:
                last -= 1
            start = doc[first].idx + (self.clitic_length(doc[first].text) if self.arabic else 0)
            spans.append((start, doc[last].idx + len(doc[last]), label))
        doc.ents = []
        split_tokens_at(doc, [start for start, _, _ in spans])
        doc.ents = filter_spans(
            [span for s, e, label in spans if (span := doc.char_span(s, e, label=label)) is not None]
        )
        doc._.model_spans = {f"{e.start_char}:{e.end_char}": e.label_ for e in doc.ents}
        return doc


@Language.factory("graph_model_names")
class ModelNames:
    """Runs right after the entity ruler: puts back a model entity that strictly holds the
    ruler's matches when `model_keeps` in `etl/rules/ner.yaml` says its label outranks
    theirs (an ORG holding a NORP: "Italian police")."""

    def __init__(self, nlp: Language, name: str) -> None:
        from graph.nlp.models import ner_settings

        self.keeps = {label: set(inner) for label, inner in ner_settings().get("model_keeps", {}).items()}

    def __call__(self, doc: Doc) -> Doc:
        restored = []
        ents = None
        for key, label in (doc._.model_spans or {}).items():
            if label not in self.keeps:
                continue
            start, end = (int(x) for x in key.split(":"))
            span = doc.char_span(start, end, label=label)
            if span is None:
                continue
            ents = list(doc.ents) if ents is None else ents
            inside = [e for e in ents if e.start < span.end and span.start < e.end]
            if (
                inside
                and all(span.start <= e.start and e.end <= span.end for e in inside)
                and all(e.label_ in self.keeps[label] for e in inside)
                and (len(inside) > 1 or len(inside[0]) < len(span))
            ):
                restored.append(span)
        if restored:
            add_model_spans(doc, restored)
        return doc


def add_model_spans(doc: Doc, spans: list[Span]) -> None:
    """Put model entities back in place of the entities they hold, without the lexicon ids
    those left on their tokens (an entity's id is read from its tokens)."""
    kept = [e for e in doc.ents if not any(s.start <= e.start and e.end <= s.end for s in spans)]
    doc.ents = filter_spans(kept + spans)
    for span in spans:
        for token in span:
            token.ent_id_ = ""

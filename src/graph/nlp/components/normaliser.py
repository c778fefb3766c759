"""`graph_normaliser`: runs the regex patterns over the text and splits tokens where a match
or an Arabic proclitic begins inside them, NORMs being the matching forms of `normalise`."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from typing import Any

import numpy
from spacy.attrs import IDX, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.columns import members, sorted_ids
from graph.nlp.components.helpers import norms_of, split_tokens_at, use_matching_norms
from graph.nlp.components.tokenizer import doc_text
from graph.nlp.lexicon import Lexicon, load_lexicon
from graph.nlp.normalise import is_arabic, normalise_with_map, shared_words, span_back, strip_proclitics

# Regex labels in the order they win an overlap (URL over a platform name inside it, etc.).
TRAILING_PUNCT = re.compile(r"\w[\u064b-\u065f]*([.,،؛:!?؟\"»)]+)$")
PATTERN_PRIORITY = {"URL": 0, "PHONE": 1, "HANDLE": 2, "MONEY": 3, "DATE": 4, "COUNT": 5}
CONTEXT_REACH = 60  # characters a pattern's `before` or `context` may span


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


@Language.factory(
    "graph_normaliser",
    assigns=["token.norm", "doc._.pattern_matches"],
    requires=[],
    retokenizes=True,
    default_config={},
)
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
        self.known = shared_words(
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

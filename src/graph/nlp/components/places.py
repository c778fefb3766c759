"""`graph_places`: the place names of the gazetteer (`etl/lexicons/places_gazetteer.jsonl`),
read with the words around them (`etl/rules/places.yaml`), and the NER model's place entities
checked against it."""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy
import yaml
from spacy.attrs import LIKE_NUM, NORM, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from graph.nlp.clitics import load_clitics
from graph.nlp.columns import members, sorted_ids, string_ids
from graph.nlp.components.helpers import (
    add_rule_spans,
    from_model,
    norms_of,
    rule_entity_tokens,
    split_tokens_at,
)
from graph.nlp.gazetteer import GazetteerName
from graph.nlp.lexicon import load_lexicon
from graph.nlp.normalise import is_arabic, normalise, normalise_with_map, shared_words, strip_proclitics
from graph.paths import etl_dir

PLACE_LABELS = ("LOC", "GPE")
NONE, WEAK, STRONG = 0, 1, 2  # how strongly the words around a name say it is a place
PLAIN = re.compile(r"[^\W_]+(?: [^\W_]+)*")  # a name its words' tokens are, split at spaces


class Found(NamedTuple):
    """A gazetteer name found at tokens [start, end), after `clitic` characters of its first
    token (بكوفنتري); `place` is None for a place named by its context alone."""

    start: int
    end: int
    place: GazetteerName | None
    clitic: int = 0


@Language.factory(
    "graph_places",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_id"],
    requires=["doc.ents", "token.norm"],
    retokenizes=True,
    default_config={},
)
class PlaceNames:
    """Finds the gazetteer's place names (its id on the entity, GPE for a country, LOC
    otherwise) where no rule has taken the words and the words around them say so (see
    `etl/rules/places.yaml`): the model found nothing there, or found this place, or took it
    for a person or an organisation right after a cue; a name that is also a common word or a
    first name only after a cue ("in Reading", "مدينة غنت"); never a word of the name of a
    person the model found. Places no list knows are read from what is said of them: in
    English the Title Case words after "<age>, of" ("Dilan Rostami, 29, of Hollowmere Green")
    or before "a coastal village"; in Arabic the word after a place noun followed by ب and a
    larger place or by "وهي منطقة"; a model person or organisation that a place noun before it
    (or an English apposition) calls a place. A model place that is the family name of a person
    the model found is left to the person rules, and a country's name after a person noun in
    the accusative (مواطنا ألبانيا) is the nationality.

    The names are looked up by their first word with one array test per document; the Python
    work is per name found."""

    def __init__(self, nlp: Language, name: str) -> None:
        lexicon = load_lexicon()
        rules = yaml.safe_load((etl_dir() / "rules" / "places.yaml").read_text(encoding="utf-8"))
        lang = nlp.lang
        self.english = lang == "en"
        # first word -> second word ("" for a one-word name) -> the names, longest first
        self.names: dict[str, dict[str, list[tuple[tuple[str, ...], GazetteerName]]]] = {}
        for key, place in lexicon.gazetteer.items():
            words = tuple(key.split()) if PLAIN.fullmatch(key) else tuple(norms_of(nlp, key))
            second = words[1] if len(words) > 1 else ""
            self.names.setdefault(words[0], {}).setdefault(second, []).append((words, place))
        for by_second in self.names.values():
            for second, candidates in by_second.items():
                by_second[second] = tuple(sorted(candidates, key=lambda c: -len(c[0])))
        self.first_words = shared_words(frozenset(self.names))
        self.first_ids = string_ids(nlp, self.first_words)
        self.cues = {
            WEAK: self._phrases(nlp, rules["before"][lang]),
            STRONG: self._phrases(nlp, rules["place_nouns"][lang]),
        }
        self.cue_words = shared_words(frozenset(w[0] for cues in self.cues.values() for w in cues.get(1, ())))
        self.article, self.lam = load_clitics().article, load_clitics().lam_article
        self.openers = {"(", "[", '"', "“", "«", "'", "‘"}
        self.after = self._phrases(nlp, rules["after"][lang])
        self.naming = self._phrases(nlp, lexicon.naming_cues)  # "named", المدعو: a person's name follows
        self.joiners = {n for w in rules["list_joiners"][lang] for n in norms_of(nlp, w)}
        self.cue_clitics = {normalise(c) for c in rules["before_clitics"]}
        self.inside_clitics = {normalise(c) for c in rules["inside_clitics"]}
        self.residence_words = int(rules["residence_max_words"])
        self.apposers = {normalise(w) for w in rules["apposers"][lang]}
        self.feminine = {norm for norm in lexicon.nationalities if norm.endswith("يه")}
        self.nationalities = lexicon.nationalities
        self.person_nouns = lexicon.person_nouns
        self.clitic_cache: dict[int, tuple[int, str] | None] = {}
        self.place_nouns = {words[0] for words in self.cues[STRONG].get(1, ())}
        self.noun_cache: dict[int, bool] = {}  # orth -> whether the word is a place noun (بمنطقة)
        self.noun_orths = sorted_ids([])
        self.clitic_words = sorted_ids([])

    @staticmethod
    def _phrases(nlp: Language, phrases: list[str]) -> dict[int, set[tuple[str, ...]]]:
        """Phrases by length, as tuples of their tokens' matching forms."""
        by_length: dict[int, set[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(norms_of(nlp, phrase))
            by_length.setdefault(len(words), set()).add(words)
        return by_length

    def _clitic_starts(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(token, clitic length in characters, stem) for Arabic tokens whose stem after a
        proclitic begins a gazetteer name (بكوفنتري); decided once per distinct word."""
        orths = doc.to_array(ORTH)
        new = [o for o in set(orths.tolist()) if o not in self.clitic_cache]
        for orth in new:
            text = doc.vocab.strings[orth]
            split = None
            if is_arabic(text):
                norm, index = normalise_with_map(text)
                found = strip_proclitics(norm, self.first_words)
                # a conjunction or preposition, not the article (المهربين is no مهربين), before a
                # stem of four letters or more that does not itself look like a clitic's (للوقوف)
                if (
                    found is not None
                    and self.article not in found[0]
                    and (not found[0].endswith(self.lam) or found[1].startswith(self.article))
                    and not (found[0].endswith("ل") and found[1].startswith("ل"))
                    and len(found[1].replace(" ", "")) >= 4
                ):
                    split = (index[len(found[0])], found[1])
            self.clitic_cache[orth] = split
        if new_words := [o for o in new if self.clitic_cache[o]]:
            self.clitic_words = numpy.union1d(self.clitic_words, sorted_ids(new_words))
        positions = numpy.flatnonzero(members(orths, self.clitic_words)).tolist()
        return [(i, *self.clitic_cache[int(orths[i])]) for i in positions]  # type: ignore[misc]

    def _match(self, doc: Doc, start: int, first: str, clitic: int = 0) -> Found | None:
        """The longest gazetteer name that starts at token `start` (its first word `first`):
        the names are grouped by their first two words, so only those can be tried."""
        by_second = self.names.get(first)
        if by_second is None:
            return None
        second = doc[start + 1].norm_ if start + 1 < len(doc) else ""
        for words, place in [*by_second.get(second, ()), *by_second.get("", ())]:
            end = start + len(words)
            if end <= len(doc) and all(doc[start + k].norm_ == w for k, w in enumerate(words[2:], 2)):
                return Found(start, end, place, clitic)
        return None

    def _cue(self, doc: Doc, found: Found, places: numpy.ndarray, after_too: bool = True) -> int:
        """How strongly the words around a name say it is a place (NONE, WEAK, STRONG); with
        `after_too` false, only the words before it count."""
        start, end = found.start, found.end
        after = [t.norm_ for t in doc[end : end + 4]] if after_too else []
        if any(tuple(after[:n]) in words for n, words in self.after.items()):
            return STRONG
        if after_too and end < len(doc) and doc[end].norm_ in self.feminine:
            return STRONG
        if after_too and end < len(doc) and self._in_place(doc, end, places):
            return STRONG  # هيلفيلدز بكوفنتري، كوفنتري بإنجلترا: a place in a larger one
        if found.clitic and normalise(doc[start].text[: found.clitic]) in self.cue_clitics:
            return WEAK
        while start > 0 and doc[start - 1].text in self.openers:
            start -= 1
        before = [t.norm_ for t in doc[max(0, start - 3) : start]]
        if start >= 2 and doc[start - 2].norm_ == self.article and not doc[start - 2].whitespace_:
            before[-1] = self.article + before[-1]  # ال + منطقة split off by the normaliser: المنطقة
        if (
            before
            and (split := strip_proclitics(before[-1], self.cue_words))
            and self.article not in split[0]
            and not split[0].endswith(self.lam)
        ):
            before[-1] = split[1]  # بمنطقة، وفي: a conjunction or preposition before the cue
        for strength in (STRONG, WEAK):
            for n, words in self.cues[strength].items():
                if n <= len(before) and tuple(before[len(before) - n :]) in words:
                    return strength
        if before and before[-1] in self.joiners and start >= 2 and places[start - 2]:
            return WEAK  # the next place of a list
        return NONE

    def _in_place(self, doc: Doc, i: int, places: numpy.ndarray) -> bool:
        """Whether token i is "ب" glued to a place: a place entity after it, or a gazetteer
        place of one word after the clitic (بكوفنتري)."""
        token = doc[i]
        if (
            token.norm_ in self.inside_clitics
            and not token.whitespace_
            and i + 1 < len(doc)
            and places[i + 1]
        ):
            return True
        split = self.clitic_cache.get(token.orth)
        return (
            split is not None
            and normalise(token.text[: split[0]]) in self.inside_clitics
            and "" in self.names.get(split[1], {})
        )

    def _capitalised(self, doc: Doc, start: int, end: int) -> bool:
        return all(t.text[:1].isupper() for t in doc[start:end] if t.text.lower() != t.text.upper())

    def _residences(self, doc: Doc, taken: numpy.ndarray) -> list[Found]:
        """English "Dilan Rostami, 29, of Hollowmere Green": the Title Case run after "<age>, of"."""
        found = []
        numbers = numpy.flatnonzero(doc.to_array(LIKE_NUM) == 1).tolist()
        for i in numbers:
            if not (i >= 1 and i + 3 < len(doc) and doc[i - 1].text == "," and doc[i + 1].text == ","):
                continue
            if doc[i + 2].lower_ != "of":
                continue
            start = end = i + 3
            while (
                end < len(doc) and end - start < self.residence_words and doc[end].is_title and not taken[end]
            ):
                end += 1
            if end > start:
                found.append(Found(start, end, None))
        return found

    def _arabic_described(self, doc: Doc, taken: numpy.ndarray, places: numpy.ndarray) -> list[Found]:
        """Arabic "منطقة هيلفيلدز بكوفنتري", "بلدة هيلفيلدز، وهي بلدة ...": the word after a
        place noun is a place no list knows where what follows says so (in a larger place, or
        an apposition "وهي منطقة"). Not an adjective (منطقة صناعية), a word another rule or
        the model took, or a particle."""
        nouns = self.place_nouns
        found = []
        orths = doc.to_array(ORTH)
        for orth in set(orths.tolist()) - self.noun_cache.keys():
            norm = normalise(doc.vocab.strings[orth])
            split = strip_proclitics(norm, self.cue_words) if norm not in nouns else None
            self.noun_cache[orth] = norm in nouns or bool(
                split and split[1] in nouns and self.article not in split[0]
            )
            if self.noun_cache[orth]:
                self.noun_orths = numpy.union1d(self.noun_orths, sorted_ids([orth]))
        for i in numpy.flatnonzero(members(orths[:-2], self.noun_orths)).tolist():
            word, k = doc[i + 1], i + 2
            if taken[i + 1] or word.ent_type_ or not word.norm_.isalpha() or len(word.norm_) < 3:
                continue
            if (
                word.norm_.startswith(self.article)
                or word.norm_.endswith(("ه", "ي"))
                or word.norm_ in self.cue_words
            ):
                continue
            apposed = doc[k].text in (",", "،") and k + 2 < len(doc) and doc[k + 1].norm_ in self.apposers
            if self._in_place(doc, k, places) or (apposed and doc[k + 2].norm_ in nouns):
                found.append(Found(i + 1, i + 2, None))
        return found

    def _described(self, doc: Doc, taken: numpy.ndarray) -> list[Found]:
        """English "Yeniköyağzı, a coastal village in ...": the Title Case run before an
        apposition that says what a place is."""
        found = []
        commas = numpy.flatnonzero(doc.to_array(ORTH) == doc.vocab.strings[","]).tolist()
        for comma in commas:
            after = [t.norm_ for t in doc[comma : comma + 5]]
            if not any(tuple(after[:n]) in words for n, words in self.after.items()):
                continue
            start = comma
            while start > 0 and comma - start < self.residence_words and doc[start - 1].is_title:
                start -= 1
            if start < comma and not taken[start:comma].any():
                found.append(Found(start, comma, None))
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        self._not_places(doc)
        if not self.english:
            self._accusative_nationalities(doc)
        found = [
            m
            for i in numpy.flatnonzero(members(doc.to_array(NORM), self.first_ids)).tolist()
            if (m := self._match(doc, i, doc[i].norm_))
        ]
        if not self.english:
            found += [
                m for i, clitic, stem in self._clitic_starts(doc) if (m := self._match(doc, i, stem, clitic))
            ]
        taken = rule_entity_tokens(doc)
        model_spans = doc._.model_spans or {}
        model = {(e.start, e.end): e for e in doc.ents if from_model(e, model_spans)}
        owner = numpy.full(len(doc), -1, dtype=numpy.int64)  # the model entity of each token
        entities = list(model.values())
        for k, ent in enumerate(entities):
            owner[ent.start : ent.end] = k
        places = numpy.zeros(len(doc), dtype=bool)
        for ent in doc.ents:
            places[ent.start : ent.end] = ent.label_ in PLACE_LABELS
        person_words = {t.norm_ for e in entities if e.label_ == "PERSON" and len(e) > 1 for t in e}
        keep = []
        for m in sorted(found, key=lambda m: (m.start, -m.end)):
            if taken[m.start : m.end].any() or (self.english and not self._capitalised(doc, m.start, m.end)):
                continue
            inside = {int(k) for k in owner[m.start : m.end] if k >= 0}
            if any(entities[k].start < m.start or self._end(entities[k]) > m.end for k in inside):
                continue  # part of a longer name the model found ("West Yorkshire Police")
            if m.end - m.start == 1 and doc[m.start].norm_ in self.cue_words:
                continue  # a place noun or a preposition is no town (حي مدينة نصر)
            labels, cue = {entities[k].label_ for k in inside}, self._cue(doc, m, places)
            if self._is_place(doc, m, labels, cue, person_words):
                keep.append(self._identified(m, labels, cue))
        if self.english:
            context = [*self._residences(doc, taken), *self._described(doc, taken)]
        else:
            context = self._arabic_described(doc, taken, places)
        context += [
            m
            for e in entities
            if e.label_ not in PLACE_LABELS
            and len(e) <= 3
            # in Arabic a place noun before it (منطقة هيلفيلدز), not what follows: an
            # organisation is in a place too (الأمم المتحدة بنيويورك)
            and self._cue(doc, m := Found(e.start, e.end, None), places, self.english) == STRONG
        ]
        keep += [m for m in context if not any(k.start < m.end and m.start < k.end for k in keep)]
        self._add(doc, keep)
        return doc

    def _is_place(self, doc: Doc, m: Found, labels: set[str], cue: int, person_words: set[str]) -> bool:
        """Whether a gazetteer name found where the model found `labels` is a place, given the
        strength of its cue (see `etl/rules/places.yaml`)."""
        place_entity = bool(labels) and labels <= set(PLACE_LABELS)
        common = m.place is not None and m.place.cue
        if labels and not place_entity and (cue == NONE or (not self.english and common and cue < STRONG)):
            return False  # a person or an organisation, unless a cue says otherwise
        if m.end - m.start == 1 and doc[m.start].norm_ in person_words and cue < STRONG:
            return False  # a word of a person's name ("Junior Tucson")
        if cue < STRONG and self._after_naming(doc, m.start):
            return False  # المدعو باران جاف: باران is no ب + the town آران
        if self.english:
            return not common or cue > NONE or place_entity
        if common:
            return cue == STRONG or (cue == WEAK and place_entity)
        return cue > NONE or place_entity

    def _after_naming(self, doc: Doc, start: int) -> bool:
        """Whether the words right before token `start` (an opening bracket or quote skipped)
        are a naming cue ("named", "known as", المدعو, يدعى), after which comes a person's name."""
        while start > 0 and doc[start - 1].text in self.openers:
            start -= 1
        before = tuple(t.norm_ for t in doc[max(0, start - 3) : start])
        cues = self.naming.items()
        return any(n <= len(before) and before[len(before) - n :] in words for n, words in cues)

    def _identified(self, m: Found, labels: set[str], cue: int) -> Found:
        """The place without the gazetteer's id where a common word's identity rests on the
        model alone ("في الجزيرة": a place, but which one the word does not say)."""
        if not self.english and m.place is not None and m.place.cue and cue < STRONG:
            return Found(m.start, m.end, None, m.clitic)
        return m

    def _accusative_nationalities(self, doc: Doc) -> None:
        """مواطنا ألبانيا، لاجئا سوريا: a country's name right after a person noun in the
        accusative is its nationality adjective (NORP, with the country's id), not the place."""
        changed = False
        ents = list(doc.ents)
        for k, ent in enumerate(ents):
            if ent.label_ != "GPE" or len(ent) != 1 or ent.start == 0:
                continue
            norm, before = ent[0].norm_, doc[ent.start - 1]
            adjective = self.nationalities.get(norm[:-1]) if norm.endswith("ا") else None
            if (
                adjective == ent.ent_id_
                and before.norm_.endswith("ا")
                and before.norm_[:-1] in self.person_nouns
            ):
                ents[k] = Span(doc, ent.start, ent.end, label="NORP", span_id=ent.ent_id_)
                changed = True
        if changed:
            doc.ents = ents

    def _end(self, ent: Span) -> int:
        """Where a model entity ends, an article split off the next word left out (غنت ال|بلجيكية)."""
        last = ent[-1]
        dangling = len(ent) > 1 and last.norm_ == self.article and not last.whitespace_
        return ent.end - 1 if dangling else ent.end

    def _not_places(self, doc: Doc) -> None:
        """Drop the model's one-word places that are the family name of a person the model
        found ("Dilan Rostami ... Rostami"), unless the gazetteer knows the word and a cue
        says it is a place: the person rules take them as that person."""
        model_spans = doc._.model_spans or {}
        family = {
            e[-1].norm_
            for e in doc.ents
            if e.label_ == "PERSON" and len(e) > 1 and from_model(e, model_spans)
        }
        if not family:
            return
        places = numpy.zeros(len(doc), dtype=bool)
        for ent in doc.ents:
            places[ent.start : ent.end] = ent.label_ in PLACE_LABELS
        drop = [
            e
            for e in doc.ents
            if e.label_ in PLACE_LABELS
            and len(e) == 1
            and e[0].norm_ in family
            and from_model(e, model_spans)
            and (e[0].norm_ not in self.names or self._cue(doc, Found(e.start, e.end, None), places) == NONE)
        ]
        if drop:
            doc.ents = [e for e in doc.ents if e not in drop]

    @staticmethod
    def _add(doc: Doc, found: list[Found]) -> None:
        if not found:
            return
        bounds = [
            (doc[m.start].idx + m.clitic, doc[m.end - 1].idx + len(doc[m.end - 1]), m.place) for m in found
        ]
        split_tokens_at(doc, [start for start, _, _ in bounds])
        spans = []
        for start, end, place in bounds:
            label = place.label if place else "LOC"
            span = doc.char_span(start, end, label=label, span_id=place.entry_id if place else 0)
            if span is not None:
                spans.append(span)
        taken = rule_entity_tokens(doc)
        spans = [s for s in _disjoint(spans) if not taken[s.start : s.end].any()]
        add_rule_spans(doc, spans)
        model_spans = doc._.model_spans or {}
        for span in spans:  # a rule's now, which later rules do not overrule as they may the model's
            model_spans.pop(f"{span.start_char}:{span.end_char}", None)


def _disjoint(spans: list[Span]) -> list[Span]:
    """The spans, longest first where two overlap."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-len(s), s.start)):
        if not any(k.start < span.end and span.start < k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)

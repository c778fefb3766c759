"""`graph_persons`: person names found by the words around them, and their repeats."""

from __future__ import annotations

import numpy
from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_TITLE, LIKE_NUM, NORM, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.nlp.columns import members, sorted_ids, string_ids
from graph.nlp.components.groups import after_group_word
from graph.nlp.components.helpers import (
    add_rule_spans,
    from_model,
    norms_of,
    pattern_doc,
    rule_entity_tokens,
    use_matching_norms,
)
from graph.nlp.lexicon import load_lexicon
from graph.nlp.models import ner_settings
from graph.nlp.non_actors import load_non_actors
from graph.nlp.normalise import normalise

OPENERS = frozenset("\"'“‘«(")
ARTICLES = frozenset({"a", "an", "the"})
JOINERS = frozenset("-‐’'")  # inside a Latin name, unspaced: Stacey-Lee, O’Connor


@Language.factory(
    "graph_persons",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_kb_id"],
    requires=["token.norm", "doc.ents"],
    default_config={},
)
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
            nlp,
            stop
            | known
            | context
            | set(self.lexicon.months)
            | set(self.lexicon.person_nouns)
            | load_non_actors().words
            | {n for w in self.lexicon.name_ends for n in norms_of(nlp, w)},
        )
        self.title_case = nlp.lang == "en"
        self.shortest, self.longest = (1, 3) if nlp.lang == "en" else (2, 4)
        self.leads = {
            "speech": self._phrases(nlp, self.lexicon.speech_verbs),
            "prefix": self._phrases(nlp, self.lexicon.name_prefixes),
            "title": self._phrases(nlp, self.lexicon.titles),
            "naming": self._phrases(nlp, self.lexicon.naming_cues),
            "against": self._phrases(nlp, self.lexicon.against_cues),
        }
        self.name_ends = string_ids(nlp, {n for w in self.lexicon.name_ends for n in norms_of(nlp, w)})
        self.joiner_ids = string_ids(nlp, JOINERS)
        self.no_joiners = str.maketrans("", "", "".join(JOINERS))
        self.joined_seen: dict[int, bool] = {}
        places = ner_settings()["place_prepositions"].get(nlp.lang, [])
        self.place_prepositions = string_ids(nlp, {n for w in places for n in norms_of(nlp, w)})
        self.commas = string_ids(nlp, [",", "،"])
        self.age_openers = string_ids(nlp, ["(", ",", "،"])
        # "Himen Aziz, a hawala broker", "Dilshad Karim, arrested in ..."
        apposed = ["a", "an", "who", "arrested", "aged", "charged", "known"] if nlp.lang == "en" else []
        self.apposed = string_ids(nlp, apposed)
        self.singular_nouns = string_ids(nlp, self.lexicon.singular_person_nouns.get(nlp.lang, set()))

    @staticmethod
    def _phrases(nlp: Language, phrases: list[str]) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        matcher.add("CONTEXT", [pattern_doc(nlp, p) for p in phrases if p.strip()])
        return matcher

    def _name_tokens(self, doc: Doc) -> numpy.ndarray:
        """Which tokens may be part of a name: alphabetic, not a known or context word, not
        in an entity another rule found (the model's may be overruled), Title Case in English."""
        columns = doc.to_array([IS_ALPHA, IS_TITLE, NORM, ORTH])
        not_taken = ~rule_entity_tokens(doc) & ~members(columns[:, 2], self.excluded)
        ok = (columns[:, 0] == 1) & not_taken
        if self.title_case:
            ok &= columns[:, 1] == 1
            ok |= members(columns[:, 3], self.joined_names(doc, columns[:, 3])) & not_taken  # O’Connor
            for i in numpy.flatnonzero(members(columns[:, 3], self.joiner_ids)).tolist():
                if 0 < i < len(doc) - 1 and not doc[i - 1].whitespace_ and not doc[i].whitespace_:
                    ok[i] = ok[i - 1] and ok[i + 1]  # "Stacey-Lee": one name, unspaced
        return ok

    def joined_names(self, doc: Doc, orths: numpy.ndarray) -> numpy.ndarray:
        """The ids of the words of `orths` that are one capitalised name with an apostrophe
        or a hyphen inside ("O’Connor", "Al-Hashimi"), each word decided once."""
        for orth in set(orths.tolist()) - self.joined_seen.keys():
            text = doc.vocab.strings[orth]
            plain = text.translate(self.no_joiners)
            self.joined_seen[orth] = plain != text and plain.isalpha() and text[:1].isupper()
        return sorted_ids(o for o in set(orths.tolist()) if self.joined_seen[o])

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
        joiners = members(doc.to_array(ORTH), self.joiner_ids) if self.title_case else commas & False
        names = []
        surnames = self._place_surnames(doc, ok)

        def name_after(start: int, must_end_at_comma: bool, strong: bool = False) -> None:
            end = int(next_break[start])
            if strong and start < end < n and surnames[end]:  # "prosecutor Stacey-Lee Holland"
                end = int(surnames[end])
            longest = self.longest + int(joiners[start:end].sum())  # "Stacey-Lee" is one name
            if must_end_at_comma:
                if end < n and commas[end] and self.shortest <= end - start <= longest:
                    names.append((start, end))
            elif end - start >= self.shortest:
                names.append((start, min(end, start + longest)))

        def name_before(end: int, strong: bool = False) -> None:
            last = end
            surname = [i for i in (end - 1, end - 2) if i > 0 and surnames[i] == end]
            if strong and surname:  # "Tom Holland, 34,": a place as surname
                last = surname[0]
            start = max(int(prev_break[last]) + 1, last - self.longest)
            if last < end and last - start < 1:
                return
            placed = start > 0 and members(norms[start - 1 : start], self.place_prepositions)[0]
            if end - start >= self.shortest and not placed:  # "was in Gülpınar, a village"
                names.append((start, end))

        for _, _, end in self.leads["speech"](doc):
            name_after(end, must_end_at_comma=True)
        # "a gang dubbed Black Hawks", 'شبكة تدعى "…"': after a word for a group, a group's name
        groups = {(s, e) for _, s, e in self.leads["naming"](doc) if after_group_word(doc, s)}
        leads = {(s, e) for kind in ("prefix", "naming") for _, s, e in self.leads[kind](doc)} - groups
        for _, end in sorted(leads):
            while end < n and doc[end].text in OPENERS:  # يدعى (بارزان كمال مجيد), alias “Kabuli”
                end += 1
            name_after(end, must_end_at_comma=False, strong=True)
        if self.title_case:  # "prosecutor Francesco Lo Voi": a title before a full name
            for _, _, end in self.leads["title"](doc):
                if next_break[end] - end >= 2 or (next_break[end] - end == 1 and surnames[end + 1] > 0):
                    name_after(end, must_end_at_comma=False, strong=True)
        ends = members(norms, self.name_ends)

        def name_up_to_an_end(start: int) -> None:
            stop = int(next_break[start]) if start < n else n
            if self.shortest <= stop - start <= self.longest and stop < n and ends[stop]:
                names.append((start, stop))

        for _, _, end in self.leads["against"](doc):  # بحق روبرت ستيلويل،
            name_up_to_an_end(end)
        if not self.title_case:  # وقال رئيس الوحدة ميشيل دوران إن
            for _, _, end in self.leads["title"](doc):
                name_up_to_an_end(self._past_complement(doc, end, ok))
        for _, start, _ in self.leads["title"](doc):
            if start > 0 and commas[start - 1]:
                name_before(start - 1)
        numbers = numpy.flatnonzero(doc.to_array(LIKE_NUM)[1:] == 1) + 1
        for i in numbers[members(norms[numbers - 1], self.age_openers)].tolist():
            name_before(i - 1, strong=True)
        if len(self.apposed) and n > 1:
            apposed = numpy.flatnonzero(commas[:-1] & members(norms[1:], self.apposed))
            for comma in apposed.tolist():
                name_before(comma, strong=True)
            # "Himen Aziz, hawala broker in ...": a person noun within three lower-case words
            nouns = members(norms, self.singular_nouns)
            for comma in numpy.flatnonzero(commas).tolist():
                after = [t for t in doc[comma + 1 : comma + 4] if t.is_alpha and t.is_lower]
                noun = next((k for k, t in enumerate(after) if nouns[t.i]), None)
                # not "Zagros Crew, whose leader ...": only articles and content words before it
                if noun is not None and after[0].i == comma + 1 and all(
                    t.lower_ in ARTICLES or not t.is_stop for t in after[:noun]
                ):
                    name_before(comma, strong=True)
        return names

    @staticmethod
    def _past_complement(doc: Doc, start: int, ok: numpy.ndarray, most: int = 4) -> int:
        """The first token after an Arabic title's complement: up to `most` words with the
        article or of an entity a rule found ("رئيس الوحدة", "قائد الشرطة البريطانية"); a
        name's first word never has the article."""
        end = start
        while end < len(doc) and end - start < most and (doc[end].norm_.startswith("ال") or not ok[end]):
            if not doc[end].is_alpha:
                break
            end += 1
        return end

    def _place_surnames(self, doc: Doc, ok: numpy.ndarray) -> numpy.ndarray:
        """Per token, the end of the surname that starts there (0 where none): what may end a
        person's name in a strong context (after a title, a prefix or a naming cue, before an
        age or an apposed description), right after a name word. In English a one-word place a
        lexicon matched, in Title Case ("prosecutor Stacey-Lee Holland", "Tom Holland, 34,"); in
        Arabic a nationality with the article, the nisba many family names are ("ويدعى محمد
        المصري")."""
        surname_ends = numpy.zeros(len(doc), dtype=int)
        for ent in doc.ents:
            if len(ent) != 1 or ent.start == 0:
                continue
            if self.title_case and ent.label_ in ("GPE", "LOC") and ent[0].is_title and ok[ent.start - 1]:
                surname_ends[ent.start] = ent.end
            article = ent.start - 1  # the tokenizer splits the article off: ال + مصري
            if not self.title_case and ent.label_ == "NORP" and doc[article].norm_ == "ال" and article > 0:
                surname_ends[article] = ent.end if ok[article - 1] else 0
        return surname_ends

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
        Qadir"), which keeps the full name in `kb_id` so that both resolve to one person; not
        when two full names share it (two Kapoors stay two, and "Kapoor" alone neither). A
        repeat never takes the place of an entity, except the model's person entities and
        its one-word places and organisations (a family name the model read as a place); a
        name the model alone found is not repeated (one wrong guess would spread)."""
        if not names and not model_people:
            return []
        norms = doc.to_array(NORM).tolist()
        blocked = doc.to_array(ENT_TYPE) != 0
        for person in model_people:
            blocked[person.start : person.end] = False
        model_spans = doc._.model_spans or {}
        for ent in doc.ents:  # "Mohamad" read as a place after "Nzar Jabar Mohamad"
            if len(ent) == 1 and ent.label_ in ("LOC", "ORG") and from_model(ent, model_spans):
                blocked[ent.start] = False
        positions: dict[int, list[int]] = {}
        for i, norm in enumerate(norms):
            positions.setdefault(norm, []).append(i)
        candidates = []  # (start, end, full name or "")
        for name in names:
            words = norms[name.start : name.end]
            repeats = [i for i in positions[words[0]] if norms[i : i + len(words)] == words]
            candidates += [(i, i + len(words), "") for i in repeats]
        full_names: dict[int, set[str]] = {}  # family name -> the full names that end in it
        for name in [*names, *model_people]:
            if len(name) >= 2 and len(name[-1].norm_) >= 3:
                full_names.setdefault(norms[name.end - 1], set()).add(normalise(name.text))
        for name in [*names, *model_people]:
            family = norms[name.end - 1]
            if len(name) >= 2 and len(name[-1].norm_) >= 3 and len(full_names[family]) == 1:
                candidates += [(i, i + 1, name.text) for i in positions[family]]
        taken = [(s.start, s.end) for s in [*names, *(p for p in model_people if len(p) > 1)]]
        found = []
        # longest first; where a family name alone is also a name's repeat, the full name wins
        for start, end, full_name in sorted(set(candidates), key=lambda c: (c[0], -c[1], not c[2], c[2])):
            if any(start < e and s < end for s, e in taken) or blocked[start:end].any():
                continue
            found.append(Span(doc, start, end, label="PERSON", kb_id=full_name))
            taken.append((start, end))
        return found

"""`graph_organisations`: organisations named by their head noun (`etl/rules/organisations.yaml`):
police forces, courts, prosecutors, coastguards, ministries, agencies and NGOs no lexicon lists."""

from __future__ import annotations

from typing import Any

import numpy
import yaml
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.nlp.clitics import load_clitics
from graph.nlp.columns import members, sorted_ids, string_ids
from graph.nlp.components.helpers import from_model, matches_near, norms_of, split_tokens_at
from graph.nlp.lexicon import load_lexicon
from graph.nlp.normalise import is_arabic, normalise, normalise_with_map, shared_words, strip_proclitics
from graph.paths import etl_dir

INSIDE = ("LOC", "GPE", "NORP")  # rule entities a name may hold ("West Yorkshire Police")
# and in Arabic, after its head noun, an organisation or a title (مكتب + المدعي العام)
HELD = ("ORG", "TITLE")


@Language.factory(
    "graph_organisations",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_kb_id"],
    requires=["doc.ents", "token.norm"],
    retokenizes=True,
    default_config={},
)
class OrganisationNames:
    """Organisations named by a head noun that says their kind (court, agency, ngo; in
    `kb_id`, as `graph_groups` does): in English a Title Case run ending in the head ("West
    Midlands Police", "Antwerp Correctional Court"), a head then "of" ("the Ministry of the
    Interior") or a nationality then a lower-case head ("the Greek coastguard"); in Arabic
    the head in construct with what names it, up to a verb, a preposition or punctuation
    ("شرطة ويست يوركشاير", "مكتب المدعي العام", 'محكمة "سنيرسبروك كراون كورت"'), or the head with
    the article and an adjective that names it ("النيابة العامة", "خفر السواحل الليبي"). A
    name may hold places and nationalities; it never takes the words of another rule's
    entity (a lexicon's organisation, a person the rules found). An Arabic organisation the
    model found that is a head noun alone, or an adjective that is also a head ("جريمة منظمة
    تقوم بتهريب": organised crime), is dropped."""

    def __init__(self, nlp: Language, name: str) -> None:
        rules = yaml.safe_load((etl_dir() / "rules" / "organisations.yaml").read_text(encoding="utf-8"))
        self.english = nlp.lang == "en"
        self.quotes = set(rules["quotes"])
        if self.english:
            self._english(nlp, rules["en"])
        else:
            self._arabic(rules["ar"])
        self.head_cache: dict[int, tuple[int, str] | None] = {}
        self.head_orths = sorted_ids([])

    # --- English -------------------------------------------------------------------------
    def _english(self, nlp: Language, en: dict[str, Any]) -> None:
        self.matcher = Matcher(nlp.vocab)
        stop = {w.lower() for w in nlp.Defaults.stop_words}
        not_first = sorted(stop | {w.lower() for w in en["not_first"]})
        title = {"IS_TITLE": True, "LOWER": {"NOT_IN": not_first}}
        word = {"IS_TITLE": True}
        for kind, heads in en["heads"].items():
            for head in heads:
                tail = [{"ORTH": t.text} for t in nlp.make_doc(head)]
                self.matcher.add(
                    kind, [[title, {**word, "OP": f"{{0,{en['longest'] - 1}}}"}, *tail]], greedy="LONGEST"
                )
        for kind, heads in en["heads_of"].items():
            for head in heads:
                lead = [{"ORTH": t.text} for t in nlp.make_doc(head)]
                of = [{"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, {**word, "OP": "{1,3}"}]
                self.matcher.add(kind, [[*lead, *of]], greedy="LONGEST")
        for kind, heads in en["after_nationality"].items():
            for head in heads:
                tail = [{"LOWER": t.text.lower()} for t in nlp.make_doc(head)]
                self.matcher.add(kind, [[{"ENT_TYPE": "NORP", "OP": "+"}, *tail]], greedy="LONGEST")

        words = [h for heads in (*en["heads"].values(), *en["heads_of"].values()) for h in heads]
        words += [h for heads in en["after_nationality"].values() for h in heads]
        self.anchors = string_ids(nlp, {n for phrase in words for n in norms_of(nlp, phrase)})
        self.reach = int(en["longest"]) + 8  # the longest pattern, in tokens

    def _english_names(self, doc: Doc) -> list[Span]:
        """Every pattern holds a word of a head, so the matcher runs only near them."""
        anchors = numpy.flatnonzero(members(doc.to_array(NORM), self.anchors))
        found = matches_near(self.matcher, doc, anchors, self.reach)
        return [Span(doc, s, e, label="ORG", kb_id=doc.vocab.strings[m]) for m, s, e in found]

    # --- Arabic --------------------------------------------------------------------------
    def _arabic(self, ar: dict[str, Any]) -> None:
        article = load_clitics().article
        self.article = article
        self.kinds = {normalise(h): kind for kind, heads in ar["heads"].items() for h in heads}
        self.head_forms = shared_words(frozenset(self.kinds) | {article + h for h in self.kinds})
        self.ambiguous = {normalise(h) for h in ar["ambiguous"]}
        self.national = {normalise(h) for h in ar["national"]}
        self.seat_heads = {normalise(h) for h in ar["seat_heads"]}
        self.apposed = {normalise(h) for h in ar["apposed"]}
        self.adjective_heads = {normalise(h) for h in ar["adjective_heads"]}
        self.described = {normalise(w) for w in ar["described_nouns"]}
        self.prepositions = load_clitics().prepositions
        self.seat_words = {normalise(w) for w in ar["seat_words"]}
        self.institution = {normalise(w) for w in ar["institution_words"]}
        self.chain = {normalise(w) for w in ar["chain_nouns"]}
        self.adjectives = {normalise(w) for w in ar["adjectives"]}
        self.not_adjectives = {normalise(w) for w in ar["not_adjectives"]}
        self.stop = {normalise(w) for w in ar["stop"]}
        self.nationalities = frozenset(load_lexicon().nationalities)
        self.longest, self.free_words = int(ar["longest"]), int(ar["free_words"])

    def _heads(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(token, characters of proclitic before the head, head's norm) of every Arabic head
        noun, with or without a conjunction or preposition glued to it (لقوة، وشرطة);
        decided once per distinct word."""
        orths = doc.to_array(ORTH)
        new = [o for o in set(orths.tolist()) if o not in self.head_cache]
        for orth in new:
            text = doc.vocab.strings[orth]
            found = None
            if is_arabic(text):
                norm, index = normalise_with_map(text)
                if norm in self.head_forms:
                    found = (0, norm)
                elif (split := strip_proclitics(norm, self.head_forms)) is not None:
                    found = (index[len(split[0])], split[1])
            self.head_cache[orth] = found
        if hits := [o for o in new if self.head_cache[o]]:
            self.head_orths = numpy.union1d(self.head_orths, sorted_ids(hits))
        positions = numpy.flatnonzero(members(orths, self.head_orths)).tolist()
        return [(i, *self.head_cache[int(orths[i])]) for i in positions]  # type: ignore[misc]

    def _word(self, doc: Doc, i: int) -> tuple[str, int]:
        """The norm of the word at token i and the token after it: an article the normaliser
        split off (ال + محكمة) is joined back."""
        if doc[i].norm_ == self.article and not doc[i].whitespace_ and i + 1 < len(doc):
            return self.article + doc[i + 1].norm_, i + 2
        return doc[i].norm_, i + 1

    def _tail_word(self, norm: str) -> bool:
        """A word a name may end with after what the rules read of it: a definite word or one
        after ل (للنفط، للطاقة), not a particle."""
        lam = norm[:1] == "ل" and norm[1:].startswith(("ل", self.article))
        return norm not in self.stop and ((norm.startswith(self.article) and len(norm) > 3) or lam)

    def _is_adjective(self, norm: str) -> bool:
        """A definite adjective that names: a nationality (البريطانية) or one of the list."""
        return norm in self.adjectives or self._is_nationality(norm)

    def _is_nationality(self, norm: str) -> bool:
        return norm.startswith(self.article) and norm.removeprefix(self.article) in self.nationalities

    def _arabic_name(self, doc: Doc, head: int, norm: str, ents: dict[int, Span]) -> int | None:
        """The end of the name that starts with the head at token `head`, or None."""
        definite = norm.startswith(self.article) or (
            head > 0 and doc[head - 1].norm_ == self.article and not doc[head - 1].whitespace_
        )
        bare = norm.removeprefix(self.article)
        ambiguous = bare in self.ambiguous
        if definite and ambiguous:
            return None  # الوحدة الوطنية، المصلحة العامة: everyday nouns with an adjective
        end, anchored, institution, free = head + 1, False, not ambiguous, 0
        named_by_place = False
        foreign: list[str] = []
        if not definite:
            i = end
            while i < len(doc) and i - head <= self.longest:
                if doc[i].text in self.quotes:  # محكمة "سنيرسبروك كراون كورت"، محكمة مدينة (غنت)
                    close = next(
                        (j for j in range(i + 1, min(i + 7, len(doc))) if doc[j].text in self.quotes), None
                    )
                    if close is None or close == i + 1:
                        break
                    end, anchored, named_by_place = close + 1, True, True
                    break
                word, after = self._word(doc, i)
                ent = ents.get(i)
                ent = ent if ent is not None and ent.start == i else None  # one that starts here
                if word in self.stop or not doc[i].is_alpha or word in self.nationalities:
                    if free and bare in self.national and not any(w.endswith("ه") for w in foreign):
                        # شرطة ويست يوركشاير, then a particle or a stop
                        end, anchored, named_by_place = i, True, True
                    break  # محكمة بريطانية: a court, described
                if (ent is not None and ent.label_ in ("LOC", "GPE")) or (
                    ent is not None and ent.label_ == "ORG" and not ambiguous and bare not in self.apposed
                ):  # a place, or a name: مجلس أمن محافظة دهوك، شرطة ويست يوركشاير
                    end, anchored, named_by_place = ent.end, True, True
                    break
                if free and self._is_adjective(word):  # محكمة تشيلمسفورد الملكية
                    end, anchored, named_by_place = i, True, True
                    break
                if word.startswith(self.article) and not free:  # after a foreign word only a name anchors
                    end, anchored = after, True
                    institution |= word.removeprefix(self.article) in self.institution
                    break
                if word[:1] in ("و", "ف") and word[1:].startswith(self.article):
                    break  # والأجهزة: the next item of a list
                if (
                    word[:1] in self.prepositions
                    and not word.startswith(self.article)
                    and word not in self.chain
                ):
                    break  # بتهريب، بولاية: a preposition's object, not the name
                institution |= word in self.institution
                if word not in self.chain:
                    free += 1
                    foreign.append(word)
                    if free > self.free_words:
                        break
                i = after
            if not anchored:
                return None
        named = False
        while end < len(doc) and end - head <= self.longest:  # adjectives: الملكي، البريطانية
            word, after = self._word(doc, end)
            if word in self.not_adjectives or not self._is_adjective(word):
                break
            end = after
            named |= word in self.adjectives or anchored or bare in self.national
        if definite and not named:
            return None  # الشرطة, المحكمة alone name no one
        if not (institution or definite):
            return None
        model = ents.get(head)
        longer = model is not None and model.label_ == "ORG" and model.start == head and model.end > end
        if longer and all(self._tail_word(doc[k].norm_) for k in range(end, model.end)):
            return model.end  # the model's longer name: منظمة التحرير الفلسطينية
        if bare in self.seat_heads and end + 1 < len(doc) and doc[end].norm_ in self.seat_words:
            # محكمة التاج في ليدز: a court named by its kind takes its seat into its name (one
            # named by its place already is in the place after it), or as the model read it
            place, model = ents.get(end + 1), ents.get(head)
            if place is not None and place.start == end + 1 and place.label_ in ("LOC", "GPE"):
                if not named_by_place:
                    end = place.end
            elif (
                model is not None
                and model.label_ == "ORG"
                and model.start == head
                and end < model.end <= end + 4
            ):
                end = model.end
        return end

    def _arabic_names(self, doc: Doc) -> tuple[list[Span], list[int]]:
        ents = {i: e for e in doc.ents for i in range(e.start, e.end)}
        model_spans = doc._.model_spans or {}
        spans, cuts, unnamed = [], [], []
        for i, clitic, norm in self._heads(doc):
            described = norm in self.adjective_heads and i > 0 and doc[i - 1].norm_ in self.described
            end = None if described else self._arabic_name(doc, i, norm, ents)
            ent = ents.get(i)
            model = (
                ent is not None and ent.start == i and ent.label_ == "ORG" and from_model(ent, model_spans)
            )
            if model and (described or len(ent) == 1):
                unnamed.append(ent)  # "جريمة منظمة تقوم", "منظمة" alone: a head noun that names no one
            if end is not None:
                spans.append(
                    Span(doc, i, end, label="ORG", kb_id=self.kinds[norm.removeprefix(self.article)])
                )
                if clitic:
                    cuts.append(doc[i].idx + clitic)
        if unnamed:
            doc.ents = [e for e in doc.ents if e not in unnamed]
        return spans, cuts

    # --- both ----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if self.english:
            spans, cuts = self._english_names(doc), []
        else:
            spans, cuts = self._arabic_names(doc)
        if not spans:
            return doc
        bounds = [(s.start_char, s.end_char, s.kb_id_) for s in spans]
        if cuts:  # the name starts after its proclitic (وشرطة → شرطة)
            split_tokens_at(doc, cuts)
            bounds = [(s + next((c - s for c in cuts if s <= c < e), 0), e, k) for s, e, k in bounds]
        spans = [sp for s, e, k in bounds if (sp := doc.char_span(s, e, label="ORG", kb_id=k)) is not None]
        _add(doc, filter_spans(spans), not self.english)
        return doc


def _holds(name: Span, ent: Span, arabic: bool) -> bool:
    """Whether an organisation's name may take the place of another rule's entity: a place or
    nationality inside it, or in Arabic an organisation or a title after its own head noun (in
    English the head comes last: "British National Crime Agency" is the agency, described)."""
    inside = name.start <= ent.start and ent.end <= name.end
    return inside and (ent.label_ in INSIDE or (arabic and ent.label_ in HELD and ent.start > name.start))


def _add(doc: Doc, spans: list[Span], arabic: bool) -> None:
    """Add the names that take no word of another rule's entity but a place or nationality;
    they replace the entities they overlap that they may (the model's, places inside them)."""
    model_spans = doc._.model_spans or {}
    kept, added = list(doc.ents), []
    for span in spans:
        clash = [e for e in kept if e.start < span.end and span.start < e.end]
        if any(not from_model(e, model_spans) and not _holds(span, e, arabic) for e in clash):
            continue
        if any(
            from_model(e, model_spans) and e.label_ == "PERSON" and (e.start < span.start or e.end > span.end)
            for e in clash
        ):
            continue
        kept = [e for e in kept if e not in clash]
        added.append(span)
    if added:
        doc.ents = filter_spans(kept + added)
        for span in added:
            for token in span:
                token.ent_id_ = ""

"""`graph_model_evidence`: the NER model's entities that have the evidence to be names; the
others (a weekday, a headline word, a common noun read as a name) are dropped before any rule
builds on them."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from graph.nlp.clitics import load_clitics
from graph.nlp.components.accurate_entities import model_probability
from graph.nlp.components.helpers import covered_tokens, pattern_doc
from graph.nlp.lexicon import load_lexicon
from graph.nlp.models import model_gazetteer, ner_settings
from graph.nlp.non_actors import load_non_actors
from graph.nlp.normalise import normalise

COMPOUND_ADJECTIVE = re.compile(r"[A-Z][A-Za-z]*-[a-z]+")
# What may stand before a word that opens a sentence, a quotation or a list item.
OPENERS = frozenset("\"'“‘«„(*#•-–—:")


@Language.factory(
    "graph_model_evidence",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "doc._.model_spans"],
    requires=["doc.ents", "doc._.model_spans", "token.norm", "token.is_sent_start"],
    default_config={},
)
class ModelEvidence:
    """Drops a model entity that is wholly a non-actor (`etl/lexicons/non_actors.yaml`, months,
    currency codes), starts inside a collocation that is no name ("جريمة منظمة", "organised
    crime"), is a headline in capitals ("LATEST DEVELOPMENTS") or an English compound
    adjective ("Indian-origin"); and a one-word entity
    without a minimum of evidence. A one-word entity is kept when a lexicon or the model's
    gazetteer knows it, when it is a word of a longer entity of the document ("Hoxha" after
    "Besnik Hoxha"), or when a title, an honorific or a naming cue stands before it ("Mr
    Murray", "alias Kabuli", "يدعى كاروان"). Without these, an English one is dropped when the
    document also writes it in lower case ("Hawala is", then "hawala"), or when it opens a
    sentence, a quotation or a line and is nowhere written with a capital inside a sentence
    ("Known as", "“Hello", "Photo:"); an Arabic phrase that describes a group rather than
    names it (الشبكة الإجرامية: `NonActors.describes`); an Arabic person when it carries the article and is
    no nisba (البحر، المهرب, but not الرملي). Arabic places and
    organisations keep the model's word (القاعدة، الناتو: one-word names with the article
    are common). Where the model gives probabilities (the accurate mode), an entity below
    `min_probability` goes, and a one-word entity below `one_word_probability` needs the
    evidence above (`etl/rules/ner.yaml`). Runs right after `graph_model_entities`. It also
    reads as places the organisations and persons that their words say are places
    (`relabelled`)."""

    def __init__(self, nlp: Language, name: str) -> None:
        lexicon = load_lexicon()
        self.non_actors = load_non_actors()
        self.arabic = nlp.lang == "ar"
        self.known = {normalise(term) for term, *_ in lexicon.terms} | set(model_gazetteer(nlp))
        self.cues = PhraseMatcher(nlp.vocab, attr="NORM")
        cues = [*lexicon.titles, *lexicon.name_prefixes, *lexicon.naming_cues]
        self.cues.add("CUE", [pattern_doc(nlp, p) for p in cues if p.strip()])
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self.phrases.add("NOT_A_NAME", [pattern_doc(nlp, p) for p in self.non_actors.phrases])
        settings = ner_settings()
        self.min_probability = float(settings["accurate"]["min_probability"])
        self.one_word_probability = float(settings["accurate"]["one_word_probability"])
        self.place_prepositions = {normalise(w) for w in settings["place_prepositions"].get(nlp.lang, [])}
        self.place_heads = {normalise(w) for w in settings["place_heads"].get(nlp.lang, [])}
        clitics = load_clitics()
        self.article = clitics.article
        self.proclitics = tuple(sorted(clitics.sequences, key=len, reverse=True))

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        if not ents:
            return doc
        in_phrase = covered_tokens(doc, [doc[s:e] for _, s, e in self.phrases(doc)])
        cue_ends = {end for _, _, end in self.cues(doc)}
        long_words = {self.stem(t.norm_) for e in ents if len(e.text.split()) > 1 for t in e}
        lower, capitalised = set(), set()
        if not self.arabic:
            lower = {t.text for t in doc if t.is_lower}
            capitalised = {t.text for t in doc if t.is_title and not self.initial(t)}
        kept = [
            e
            for e in ents
            if self.evident(e, in_phrase[e.start], self.cued(e, cue_ends), long_words, lower, capitalised)
        ]
        relabelled = one_label_per_name([self.relabelled(e) for e in kept])
        if len(kept) < len(ents) or any(r is not e for r, e in zip(relabelled, kept, strict=True)):
            doc.ents = relabelled
            doc._.model_spans = {f"{e.start_char}:{e.end_char}": e.label_ for e in relabelled}
        return doc

    def relabelled(self, ent: Span) -> Span:
        """The entity as a place when its words say so: an organisation whose name ends
        (English) or starts (Arabic) with a place's head word ("Sahara Desert", "بحر المانش"),
        a one-word organisation right after a place preposition ("في ليفربول"), and a person
        right after one that follows a comma ("Jane Doe, 47, of Mill Hill")."""
        head = ent[0] if self.arabic else ent[-1]
        doc, before = ent.doc, ent.doc[ent.start - 1] if ent.start else None
        placed = before is not None and before.norm_ in self.place_prepositions
        if ent.label_ == "ORG" and (
            (len(ent) > 1 and head.norm_ in self.place_heads) or (placed and len(ent.text.split()) == 1)
        ):
            return Span(doc, ent.start, ent.end, label="LOC")
        if ent.label_ == "PERSON" and placed and ent.start > 1 and doc[ent.start - 2].text in (",", "،"):
            return Span(doc, ent.start, ent.end, label="LOC")
        return ent

    def evident(
        self, ent: Span, in_phrase: bool, cued: bool, long_words: set, lower: set, capitalised: set
    ) -> bool:
        """Whether the model's entity may stay."""
        if ent.text in self.non_actors or in_phrase:
            return False
        probability = model_probability(ent.doc, ent.start_char, ent.end_char)
        if probability is not None and probability < self.min_probability:
            return False
        words = ent.text.split()
        if len(words) > 1 and self.arabic:
            return normalise(ent.text) in self.known or not self.non_actors.describes(ent.text)
        if len(words) > 1:
            return not all(w.isalpha() and w.isupper() and len(w) >= 4 for w in words)
        if not self.arabic and COMPOUND_ADJECTIVE.fullmatch(ent.text):
            return False  # "Indian-origin", "UK-based": an adjective, no name
        norm = normalise(ent.text)
        stem = self.stem(norm)
        if {norm, stem} & self.known or stem in long_words or (cued and ent.label_ == "PERSON"):
            return True
        if probability is not None and probability < self.one_word_probability:
            return False  # the accurate model doubts a word nothing else vouches for
        if self.arabic:
            plain = stem[len(self.article) :] if stem.startswith(self.article) else ""
            return not (ent.label_ == "PERSON" and len(plain) >= 2 and not plain.endswith("ي"))
        if ent.text.lower() in lower:
            return False
        return not self.initial(ent[0]) or ent.text in capitalised

    def stem(self, norm: str) -> str:
        """A normalised word without a proclitic before the article (والبحر → البحر)."""
        if not self.arabic:
            return norm
        for clitic in self.proclitics:
            rest = norm[len(clitic) :]
            if clitic != self.article and norm.startswith(clitic) and rest.startswith(self.article):
                return rest
        return norm

    @staticmethod
    def cued(ent: Span, cue_ends: set[int]) -> bool:
        """Whether a title, an honorific or a naming cue ends right before the entity, quotes
        or brackets between ("Mr Murray", "alias “Kabuli”", "المدعو (كاروان)")."""
        i = ent.start
        while i > 0 and ent.doc[i - 1].text in OPENERS:
            i -= 1
        return i in cue_ends

    @staticmethod
    def initial(token: Token) -> bool:
        """Whether a token opens a sentence, a line, a quotation or a list item."""
        if token.is_sent_start or token.i == 0:
            return True
        before = token.doc[token.i - 1]
        return before.text in OPENERS or before.is_space or "\n" in before.whitespace_


def one_label_per_name(ents: list[Span]) -> list[Span]:
    """A name of several words the model reads with different labels in one document takes
    the label it reads most often, where one is most often: "Himen Aziz" a person in three
    sentences and an organisation in a fourth is a person (one name, one sense per report)."""
    names = [normalise(e.text) if len(e) > 1 else None for e in ents]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for ent, name in zip(ents, names, strict=True):
        if name is not None:
            votes[name][ent.label_] += 1
    best: dict[str, str] = {}
    for name, labels in votes.items():
        (label, count), *runner_up = labels.most_common(2)
        if runner_up and count > runner_up[0][1]:
            best[name] = label
    if not best:
        return ents
    return [
        Span(e.doc, e.start, e.end, label=best[name]) if name in best and e.label_ != best[name] else e
        for e, name in zip(ents, names, strict=True)
    ]

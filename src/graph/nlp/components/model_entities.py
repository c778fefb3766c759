"""`graph_model_entities`: the NER model's entities in the pipeline's labels, trimmed of the
words, marks and proclitics that are no part of a name, and recorded as the model's."""

from __future__ import annotations

import itertools
import re

import numpy
from spacy.attrs import IS_ALPHA, IS_DIGIT, IS_LOWER, IS_STOP, NORM
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.nlp.alternation import literal_alternation
from graph.nlp.clitics import load_clitics
from graph.nlp.columns import members, string_ids
from graph.nlp.components.helpers import norms_of, split_tokens_at
from graph.nlp.components.tokenizer import doc_text
from graph.nlp.lexicon import load_lexicon
from graph.nlp.models import model_gazetteer, ner_settings
from graph.nlp.non_actors import load_non_actors
from graph.nlp.normalise import normalise, normalise_with_map

GOVERNOR_REACH = 3  # words back to a verb that governs على, its subject between
AFTER_NAME = 60  # characters after a name where a person's description may stand
# Marks that never begin or end a name: quotes, Markdown, bullets, brackets, list dashes.
MARKS = "\"'“”‘’«»„*#•·:;,()[]{}<>|_-–—/\\ \t\n"


@Language.factory(
    "graph_model_entities",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "doc._.model_spans"],
    requires=["doc.ents", "token.norm"],
    retokenizes=True,
    default_config={},
)
class ModelEntities:
    """Turns the NER model's entities into the pipeline's labels (`etl/rules/ner.yaml`),
    drops those it maps to nothing or that are only a title, honorific or stop word, trims a
    relation verb, event trigger, stop word (not a name particle: أبو، ابن) or mark off
    their edges (يدير كاروان صالح → كاروان صالح; "While Jane Doe" → "Jane Doe"; "**Jane Doe**"),
    an English one of the lower-case words that end it after a stop word ("Members of the
    criminal", not "Italian police"), the
    preposition على after a word that governs it (القبض على كريم عزيز → كريم عزيز), and
    keeps only its first line. A byline's trade ends a person's name ("By Jane Doe
    Investigations Editor" → the person Jane Doe). Arabic ones start after a proclitic glued
    to their first word (وأحمد → أحمد). All are recorded in `doc._.model_spans` so that the
    rules and extraction can tell the model's entities from the rules' (`from_model`). Runs
    right after the model."""

    def __init__(self, nlp: Language, name: str) -> None:
        settings = ner_settings()
        accurate = "graph_accurate_ner" in nlp.pipe_names
        self.labels: dict[str, str | None] = (
            settings["accurate"] if accurate else settings["models"][nlp.lang]
        )["labels"]
        self.arabic = nlp.lang == "ar"
        clitics = load_clitics()
        self.clitic = re.compile(f"^({clitics.regex('conjunctions')}?)({clitics.regex('prepositions')}?)")
        self.article, self.lam_article = clitics.article, clitics.lam_article
        self.min_stem = int(settings["proclitics"]["min_stem"])
        self.known = model_gazetteer(nlp)
        lexicon = load_lexicon()
        # names the project's lexicons or place gazetteer know whole (وولفرهامبتون, وارسو)
        self.whole_names = set(lexicon.gazetteer) | {
            normalise(alias) for entry in lexicon.entries.values() for alias in entry.aliases
        }
        context = [*lexicon.titles, *lexicon.name_prefixes, *lexicon.speech_verbs, *nlp.Defaults.stop_words]
        self.not_names = string_ids(nlp, {n for phrase in context for n in norms_of(nlp, phrase)})
        # trimmed off a name's edges: one-word verbs, triggers, honorifics and ranks that are no
        # name in the gazetteer (مالك is Malik too) and no stop word (أبو، بن، علي are name parts)
        words = itertools.chain(
            *lexicon.relation_words.values(), *lexicon.event_triggers.values(), lexicon.name_prefixes
        )
        one_word = {norms[0] for w in words if len(norms := norms_of(nlp, w)) == 1}
        stop = {normalise(w) for w in nlp.Defaults.stop_words}
        particles = {normalise(w) for w in settings["name_particles"].get(nlp.lang, [])}
        self.not_name_edges = string_ids(nlp, (one_word - set(self.known) - stop) | (stop - particles))
        governors = {normalise(w) for w in settings["governs_ala"].get(nlp.lang, [])}
        governors |= {c + w for w in governors for c in clitics.conjunctions}  # وعثرت
        self.governs_ala = string_ids(nlp, governors)
        self.ala = nlp.vocab.strings.add(normalise("على"))
        jailers = {normalise(w) for w in settings["person_governors"].get(nlp.lang, [])}
        jailers |= {c + w for w in jailers for c in clitics.conjunctions}  # وبسجن
        self.person_governors = string_ids(nlp, jailers)
        verbs = {w for rule in settings["verb_first_subjects"] for w in lexicon.relation_words.get(rule, [])}
        verbs = {norms[0] for w in verbs if len(norms := norms_of(nlp, w)) == 1}
        self.subject_verbs = string_ids(nlp, verbs | {c + w for w in verbs for c in clitics.conjunctions})
        jobs = load_non_actors().byline_jobs
        self.byline_jobs = string_ids(nlp, {word for job in jobs for word in job.split()})
        self.person_description = person_description_regex(
            settings["person_descriptions"].get(nlp.lang, []), int(settings["person_description_reach"])
        )

    def clitic_length(self, word: str) -> int:
        """How many characters of `word` are a proclitic to leave out of a name (0 if none):
        a conjunction and a preposition before a known name or the article (لمحمد، بالقاهرة);
        a conjunction alone also before a long unknown word (وكاروان, but not وليد). A word a
        lexicon or the place gazetteer knows whole has none (وولفرهامبتون is Wolverhampton)."""
        norm, index = normalise_with_map(word)
        match = self.clitic.match(norm)
        if not match or norm.startswith(self.lam_article) or norm in self.known or norm in self.whole_names:
            return 0
        conjunction, preposition = len(match.group(1)), len(match.group(2))
        for length in (conjunction + preposition, conjunction):
            stem = norm[length:]
            if not length or len(stem) < 3:
                continue
            # the article and three letters at least: بالقاهرة, but not كاليه (ك + اليه)
            if stem in self.known or (stem.startswith(self.article) and len(stem) >= 5):
                return index[length]
            if length == conjunction and len(stem) >= self.min_stem:
                return index[length]
        return 0

    def verb_subject(self, name: Span, label: str) -> str:
        """PERSON for a model place right after a verb whose subject follows it (حوّل كاروان صالح
        مبلغ), when no gazetteer or lexicon knows the name or its first word and it has no
        article: in Arabic a place follows a preposition, not a verb. `label` otherwise."""
        words = [t.norm_ for t in name]
        if (
            " ".join(words) in self.whole_names
            or words[0] in self.whole_names
            or words[0].startswith(self.article)
        ):
            return label
        return "PERSON"

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        norms = doc.to_array(NORM)
        not_name, edge = members(norms, self.not_names), members(norms, self.not_name_edges)
        columns = doc.to_array([IS_ALPHA, IS_DIGIT, IS_LOWER, IS_STOP])
        edge |= (columns[:, 0] == 0) & (columns[:, 1] == 0)  # marks and spaces
        lower, stop = columns[:, 2] == 1, (columns[:, 3] == 1) & (columns[:, 2] == 1)
        jobs, governed = members(norms, self.byline_jobs), members(norms, self.governs_ala)
        jailed = members(norms, self.person_governors)
        subject = members(norms, self.subject_verbs)
        text = doc_text(doc)  # once: Doc.text rebuilds the string from every token each call
        for ent in doc.ents:
            label = self.labels.get(ent.label_)
            if label is None or not_name[ent.start : ent.end].all():
                continue  # a label we don't use, or only a title, honorific or stop word ("Mr")
            first, last = ent.start, ent.end - 1
            if norms[first] == self.ala and governed[max(first - GOVERNOR_REACH, 0) : first].any():
                first += 1  # القبض على كريم، عثرت الشرطة على: the preposition, not the name Ali
            while first < last and edge[first]:
                first += 1
            if not self.arabic:  # "Members of the criminal": lower-case words after "of the"
                inner = numpy.flatnonzero(stop[first + 1 : last + 1])
                if len(inner) and lower[first + 1 + inner[0] : last + 1].all():
                    last = first + int(inner[0])
            while last > first and (edge[last] or jobs[last]):
                label = "PERSON" if jobs[last] and not self.arabic else label  # a byline's name
                last -= 1
            if first > last or edge[first]:
                continue
            end = doc[last].idx + len(doc[last])
            if label == "ORG" and first > 0 and jailed[first - 1]:
                label = "PERSON"  # بسجن كاروان صالح: the one jailed is a person
            elif label == "ORG" and self.person_description.match(normalise(text[end : end + AFTER_NAME])):
                label = "PERSON"  # "Ahmad Shah Noori, alias …", "Rebaz Kamal, an Iraqi national"
            elif (
                label in ("LOC", "GPE") and self.arabic and first > 0 and subject[first - 1] and last > first
            ):
                label = self.verb_subject(doc[first : last + 1], label)
            start = doc[first].idx + (self.clitic_length(doc[first].text) if self.arabic else 0)
            bounds = first_line(text, start, end)
            if bounds is not None:
                spans.append((*bounds, label))
        doc.ents = []
        split_tokens_at(doc, [cut for start, end, _ in spans for cut in (start, end)])
        doc.ents = filter_spans(
            [span for s, e, label in spans if (span := doc.char_span(s, e, label=label)) is not None]
        )
        doc._.model_spans = {f"{e.start_char}:{e.end_char}": e.label_ for e in doc.ents}
        return doc


def person_description_regex(words: list[str], reach: int) -> re.Pattern[str]:
    """What follows a person's name and no organisation's, in normalised text: a comma or a
    bracket, then one of `words` within `reach` words, or an age.

    >>> regex = person_description_regex(["alias", "national"], 4)
    >>> [bool(regex.match(t)) for t in (', alias "kabuli"', ", an afghan national", " (34),", ", the agency")]
    [True, True, True, False]
    """
    marks = r"^[\s*_\"'“”«»]*[,،(]\s*"
    said = literal_alternation(normalise(w) for w in words)
    described = rf"(?:[^\s,،.;()]+\s+){{0,{reach - 1}}}(?:{said})(?!\w)"
    return re.compile(rf"{marks}(?:{described}|\d{{1,3}}\s*[,،)])")


def first_line(text: str, start: int, end: int) -> tuple[int, int] | None:
    r"""The bounds of a name's first line that holds a letter, without the marks around it
    (None if none is left).

    >>> text = "**Jane Doe**\n\nALBANIAN criminals"
    >>> first_line(text, 0, 25), text[2:10]
    ((2, 10), 'Jane Doe')
    >>> first_line("“Hello", 0, 6), first_line("”", 0, 1)
    ((1, 6), None)
    """
    offset = start
    for line in text[start:end].split("\n"):
        if any(ch.isalpha() for ch in line):
            stripped = line.strip(MARKS)
            lead = offset + line.index(stripped)
            return lead, lead + len(stripped)
        offset += len(line) + 1
    return None

"""`graph_groups`: crime groups and companies named by their context (`etl/rules/groups.yaml`)."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy
import yaml
from spacy.attrs import NORM
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.nlp.columns import members, string_ids
from graph.nlp.components.helpers import add_rule_spans, matches_near, norms_of, rule_entity_tokens
from graph.nlp.non_actors import load_non_actors
from graph.nlp.normalise import normalise
from graph.paths import etl_dir

GROUP_BEFORE = 4  # words before a naming word ("known as", "يدعى") where a word for a group may stand


@cache
def group_rules() -> dict[str, Any]:
    """`etl/rules/groups.yaml`, read once per process (by the group rules and the person rules)."""
    return yaml.safe_load((etl_dir() / "rules" / "groups.yaml").read_text(encoding="utf-8"))


@cache
def naming_words() -> frozenset[str]:
    """The Arabic words that introduce a name by naming it (باسم، يدعى), normalised."""
    return frozenset(normalise(w) for w in group_rules()["ar"]["naming"])


@cache
def group_words(lang: str) -> frozenset[str]:
    """The words for a group (`etl/rules/groups.yaml`), normalised: English group nouns and the
    last words of network words; Arabic words that introduce a group's name but do not name."""
    rules = group_rules()
    if lang == "en":
        return frozenset(rules["en"]["group_nouns"]) | {w.split()[-1] for w in rules["en"]["network_words"]}
    return frozenset(normalise(w) for w in rules["ar"]["introduced_by"]) - naming_words()


def after_group_word(doc: Doc, start: int) -> bool:
    """Whether a word for a group stands in the few words before `start` ("the network, known
    as", "a gang dubbed", "شبكة تهريب تعرف باسم"; in Arabic with its article or a clitic): the
    name a naming word there introduces is a group's, not a person's."""
    words = group_words(doc.lang_)
    before = doc[max(0, start - GROUP_BEFORE) : start]
    if doc.lang_ == "en":
        return any(t.lower_ in words for t in before)
    return any(g in normalise(t.text) for t in before for g in words)


@Language.factory(
    "graph_groups",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_kb_id"],
    requires=["token.norm", "doc.ents"],
    default_config={},
)
class GroupRules:
    """Names of crime groups and companies found by their context (`etl/rules/groups.yaml`):
    a Title Case name after "known as" or ending in "Crew"/"GmbH", or a quoted name after
    شبكة/عصابة. Labelled ORG with the kind in `kb_id`. Every pattern holds one of the rule
    words, so the matcher runs only near them (`matches_near`)."""

    REACH = 8  # the longest pattern, in tokens

    def __init__(self, nlp: Language, name: str) -> None:
        rules = group_rules()
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
        self.lang = nlp.lang
        self.group_nouns = frozenset(rules["en"]["group_nouns"])
        # "a network known as Al-Nawras": a name after a naming word is a group's only after a
        # word for one; after anything else it is a person's ("Police named Rebaz Kamal")
        self.naming = naming_words() if nlp.lang == "ar" else None
        self.non_actors = load_non_actors()  # "Kurdish smuggling network" names no group
        self.anchors = string_ids(nlp, {n for w in anchor_words for n in norms_of(nlp, w)})

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        taken = rule_entity_tokens(doc)
        anchors = numpy.flatnonzero(members(doc.to_array(NORM), self.anchors))
        for match_id, start, end in matches_near(self.matcher, doc, anchors, self.REACH):
            kind, lead, trail = doc.vocab.strings[match_id].split("|")
            if int(lead) and self.names_by_a_word(doc, start) and not after_group_word(doc, start):
                continue
            span = Span(doc, start + int(lead), end - int(trail), label="ORG", kb_id=kind)
            # "the Karwan Saleh network" (the network word in lower case, the name a person's
            # words): not "the Al-Nawras network", "Zagros Crew", "the Kurdish Smuggling Network"
            words = [t for t in span if t.is_alpha and t.lower_ not in ("al", "el")]
            named_by_leader = (
                self.lang == "en"
                and int(trail)
                and doc[end - 1].is_lower
                and span[-1].lower_ not in self.group_nouns
                and not any(normalise(t.text) in self.non_actors.words for t in words)
            )
            if named_by_leader and len(words) >= 2:
                # "the Karwan Saleh network": a network named by its leader's full name names him
                span = Span(doc, span.start, span.end, label="PERSON")
            if len(span) and not taken[span.start : span.end].any() and span.text not in self.non_actors:
                spans.append(span)
        if spans:
            add_rule_spans(doc, filter_spans(spans))
        return doc

    def names_by_a_word(self, doc: Doc, start: int) -> bool:
        """Whether the match at `start` opens with a naming word ("known as", "يدعى"), not a
        word for a group (شبكة "…"); every English lead is a naming word."""
        return self.naming is None or normalise(doc[start].text) in self.naming

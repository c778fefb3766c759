"""Lexicons and rules read from `etl/`: the domain knowledge the pipeline matches against."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from graph.nlp.alternation import literal_alternation, trie_alternation
from graph.nlp.clitics import load_clitics
from graph.nlp.gazetteer import GazetteerName, gazetteer_names, read_rows
from graph.nlp.morphology import nisba_forms
from graph.nlp.normalise import fold, normalise
from graph.nlp.number_phrases import number_phrase
from graph.paths import etl_dir

LANGS = ("en", "ar")


@dataclass(frozen=True)
class LexiconEntry:
    """One canonical thing a lexicon knows (an agency, a platform, a place) with all its names."""

    id: str
    label: str  # pipeline label (ORG, PLATFORM, GPE, LOC)
    node: str  # ontology label
    name: str
    aliases: tuple[str, ...]
    props: dict[str, Any] = field(default_factory=dict)
    domains: tuple[str, ...] = ()
    code: str | None = None
    handles: bool = True  # whether @handles live on it (a platform lexicon field)
    exact: tuple[str, ...] = ()  # names matched only as written (also among the aliases)


@dataclass
class Lexicon:
    """Everything the pipeline matches, loaded once from `etl/lexicons` and `etl/rules`."""

    entries: dict[str, LexiconEntry]
    terms: list[tuple[str, str, str | None]]  # (surface form, label, entry id)
    months: dict[str, int]
    number_words: dict[str, int]
    multipliers: dict[str, int]
    short_multipliers: dict[str, int]  # "m", "bn": after a figure in an amount only
    number_joiners: list[str]  # "and", "و": between the parts of one number in words
    range_words: dict[str, list[str]]  # open / join: "between … and …", "بين … و…"
    qualifiers: dict[str, str]  # normalised phrase -> about | at_least | at_most
    currency_words: dict[str, str]
    currency_symbols: dict[str, str]
    currency_codes: list[str]  # ISO 4217 codes, written before a figure ("GBP 42 million")
    payment_methods: dict[str, str]
    methods_alone: dict[str, str]  # normalised word -> method it names even without an amount
    per_person: dict[str, list[str]]  # after / before: "per person", "للشخص الواحد", "each paid"
    money_kinds: dict[str, str]  # normalised word -> kind of money that is not a payment
    nationalities: dict[str, str]  # normalised adjective -> entry id of the country
    titles: list[str]
    name_prefixes: list[str]
    speech_verbs: list[str]
    person_nouns: set[str]
    singular_person_nouns: dict[str, set[str]]  # lang -> the singular ones
    object_kinds: dict[str, tuple[str, str]]  # normalised word -> (ontology label, kind)
    event_triggers: dict[str, list[str]]  # kind -> phrases in both languages
    event_roles: dict[str, Any]
    patterns: list[dict[str, Any]]
    domains: dict[str, str]  # host -> platform entry id
    account_words: dict[str, str] = field(default_factory=dict)  # normalised noun -> kind of account
    account_named_only: set[str] = field(default_factory=set)  # kinds that need a name
    account_naming: list[str] = field(default_factory=list)  # "called", "باسم"
    relation_words: dict[str, list[str]] = field(default_factory=dict)  # rule -> normalised words
    associated_kinds: list[str] = field(default_factory=list)
    relation_window: dict[str, int] = field(default_factory=dict)
    # (form, label, entry id) of names matched only as written ("Telegraph", "the Sun")
    exact_terms: list[tuple[str, str, str]] = field(default_factory=list)
    naming_cues: list[str] = field(default_factory=list)  # "named", "يدعى": a name follows
    against_cues: list[str] = field(default_factory=list)  # "بحق": whom a sentence is against
    name_ends: list[str] = field(default_factory=list)  # "إن", "،": end a name after a title
    gazetteer: dict[str, GazetteerName] = field(default_factory=dict)  # normalised name -> place

    _patterns: list[CompiledPattern] | None = field(default=None, init=False, repr=False, compare=False)
    _regexes: dict[str, re.Pattern[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def compiled_patterns(self) -> list[CompiledPattern]:
        """The patterns of `etl/rules/patterns.yaml`, placeholders filled from the lexicons,
        compiled once per lexicon."""
        if self._patterns is None:
            self._patterns = _compile_patterns(self)
        return self._patterns

    def speech_regexes(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """Two regexes over normalised text, for telling who reports an event from who takes
        part in it: a clause that opens with a speech verb and ends where a name starts
        ("وقال ", ", said "; not "Police said ", whose name is the speaker's object), and a
        text that starts with one (", said"). Compiled once per lexicon."""

        def verbs() -> str:
            return literal_alternation({normalise(v) for v in self.speech_verbs})

        opens = r"(?:^\s*|[,،.:;؛\"“”«»]\s*)"
        conjunction = load_clitics().regex("conjunctions")
        return (
            self.regex("speech:opens", lambda: rf"{opens}{conjunction}?(?:{verbs()})\s+$"),
            self.regex("speech:starts", lambda: rf"^[\s,،]*{conjunction}?(?:{verbs()})(?!\w)"),
        )

    def verb_regex(self, rule: str) -> re.Pattern[str]:
        """Any verb of a relation rule (`etl/rules/relations.yaml`), with an optional
        conjunction (و ف) and article before it; a lookahead, so that verbs that overlap
        ("paid", "paid to") are each found. Compiled once per rule.

        >>> paid = load_lexicon().verb_regex("paid")
        >>> paid.search("وقال انه ودفع 500").start(), paid.search("he paid 500").start()
        (9, 3)
        """

        def source() -> str:
            words = literal_alternation(self.relation_words.get(rule, []))
            clitics = load_clitics()
            lead = f"(?:{clitics.regex('conjunctions')}?{clitics.regex('article')}?)"
            return rf"(?<!\w)(?={lead}(?:{words})(?!\w))" if words else r"(?!)"

        return self.regex(f"verb:{rule}", source)

    def number_phrase(self) -> str:
        """The regex of one number written in words (`graph.nlp.number_phrases`)."""
        return number_phrase(self.number_words, self.multipliers, self.number_joiners, trie_alternation)

    def regex(self, key: str, source: Callable[[], str], flags: int = 0) -> re.Pattern[str]:
        """The regex `source()` builds from this lexicon's words, compiled once per lexicon
        under `key` (callers build rules from the lexicons once, not per document)."""
        if key not in self._regexes:
            self._regexes[key] = re.compile(source(), flags)
        return self._regexes[key]


class CompiledPattern(NamedTuple):
    """One pattern of `etl/rules/patterns.yaml`, compiled: `before` and `context` are anchored
    to end where the match starts; absent parts are None."""

    id: str
    label: str
    regex: re.Pattern[str]
    before: re.Pattern[str] | None
    context: re.Pattern[str] | None
    not_after: re.Pattern[str] | None


def _read(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _both(spec: dict[str, Any] | None) -> list[str]:
    spec = spec or {}
    return [str(term) for lang in LANGS for term in spec.get(lang, [])]


def _entity_lexicon(path: Path) -> tuple[list[LexiconEntry], dict[str, str], dict[str, str]]:
    """The entries of one lexicon file, the nationality adjectives written in it, and those
    generated from them (`nationality_inflections`). An entry's `exact` names are aliases
    too, matched only as written (`exact_terms`)."""
    data = _read(path)
    suffixes = (data.get("nationality_inflections") or {}).get("ar", [])
    entries = []
    nationalities: dict[str, str] = {}
    generated: dict[str, str] = {}
    for raw in data["entries"]:
        entry = LexiconEntry(
            id=raw["id"],
            label=data["label"],
            node=data["node"],
            name=raw["name"],
            aliases=tuple(dict.fromkeys([raw["name"], *_both(raw.get("aliases")), *_both(raw.get("exact"))])),
            props={**raw.get("props", {}), **({"country": raw["code"]} if "code" in raw else {})},
            domains=tuple(raw.get("domains", [])),
            code=raw.get("code"),
            handles=raw.get("handles", True),
            exact=tuple(_both(raw.get("exact"))),
        )
        entries.append(entry)
        for adjective in _both(raw.get("nationality")):
            nationalities[normalise(adjective)] = entry.id
        for adjective in (raw.get("nationality") or {}).get("ar", []):
            generated.update((normalise(form), entry.id) for form in nisba_forms(adjective, suffixes))
    return entries, nationalities, generated


def _nationalities(
    path: Path, known: dict[str, LexiconEntry], countries: str
) -> tuple[dict[str, LexiconEntry], dict[str, str], dict[str, str]]:
    """The nationality adjectives of `nationalities.jsonl` (tools/build_nationalities.py) for the
    countries the hand lexicon gives none: each points to the lexicon's entry of its country
    (`loc:<code>`), made where no lexicon has one, with the file's name for its node and no
    alias to match (the place lexicons say which names of a country a text may use). Returns the
    entries made, the adjectives, and their regular Arabic inflections."""
    if not path.exists():
        return {}, {}, {}
    country = _read(path.parent / f"{countries}.yaml")
    suffixes = (country.get("nationality_inflections") or {}).get("ar", [])
    entries: dict[str, LexiconEntry] = {}
    adjectives: dict[str, str] = {}
    generated: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line) if line.strip() else {}
        if "code" not in record:
            continue
        entry_id = f"loc:{record['code']}"
        if entry_id not in known:
            entries[entry_id] = LexiconEntry(
                id=entry_id,
                label=country["label"],
                node=country["node"],
                name=record["names"]["en"][0],
                aliases=(),
                props={"kind": "country", "country": record["code"]},
                code=record["code"],
            )
        names = {normalise(name) for lang in LANGS for name in record["names"].get(lang, [])}
        for adjective in [*record["en"], *record["ar"]]:
            adjectives.setdefault(normalise(adjective), entry_id)
        for adjective in record["ar"]:
            forms = (normalise(form) for form in nisba_forms(adjective, suffixes))
            generated.update((form, entry_id) for form in forms if form not in names)  # روسي + ا is روسيا
    return entries, adjectives, generated


@cache
def load_lexicon(root: Path | None = None) -> Lexicon:
    """Read all lexicons and rules under `etl/` once per process."""
    root = root or etl_dir()
    lex_dir = root / "lexicons"
    entries: dict[str, LexiconEntry] = {}
    nationalities: dict[str, str] = {}
    generated: dict[str, str] = {}
    for name in ("agencies", "platforms", "countries", "places", "media"):
        found, adjectives, forms = _entity_lexicon(lex_dir / f"{name}.yaml")
        entries.update({e.id: e for e in found})
        nationalities.update(adjectives)
        generated.update(forms)
    more_entries, adjectives, forms = _nationalities(lex_dir / "nationalities.jsonl", entries, "countries")
    entries.update(more_entries)
    nationalities.update(adjectives)
    generated.update(forms)
    # a generated form that is a name (سوري + ا is سوريا, Syria) stays the name
    names = {normalise(alias) for e in entries.values() for alias in e.aliases}
    nationalities = {form: id_ for form, id_ in generated.items() if form not in names} | nationalities

    terms: list[tuple[str, str, str | None]] = [
        (alias, e.label, e.id) for e in entries.values() for alias in e.aliases if alias not in e.exact
    ]
    terms += [(adj, "NORP", entry_id) for adj, entry_id in nationalities.items()]
    gazetteer = _gazetteer(lex_dir, entries, names | set(nationalities) | _calendar_words(lex_dir))

    titles_data = _read(lex_dir / "titles.yaml")
    titles = _both(titles_data)
    terms += [(t, "TITLE", None) for t in titles]

    months = {
        normalise(name): int(number)
        for number, names in _read(lex_dir / "months.yaml")["months"].items()
        for name in _both(names)
    }
    numbers = _read(lex_dir / "numbers.yaml")
    currencies = _read(lex_dir / "currencies.yaml")
    objects = _read(lex_dir / "objects.yaml")
    object_kinds: dict[str, tuple[str, str]] = {}
    for section, node in (("vessels", "Vessel"), ("equipment", "Equipment")):
        for kind, words in objects[section]["kind_words"].items():
            for word in _both(words):
                object_kinds[normalise(word)] = (node, kind)
                terms.append((word, node.upper(), None))

    platforms = _read(lex_dir / "platforms.yaml")
    rules = _read(root / "rules" / "events.yaml")
    relations = _read(root / "rules" / "relations.yaml")
    return Lexicon(
        entries=entries,
        terms=terms,
        months=months,
        number_words={normalise(k): v for lang in LANGS for k, v in numbers["words"][lang].items()},
        multipliers={normalise(k): v for lang in LANGS for k, v in numbers["multipliers"][lang].items()},
        short_multipliers={
            normalise(k): v
            for lang in LANGS
            for k, v in (numbers["short_multipliers"].get(lang) or {}).items()
        },
        number_joiners=sorted({normalise(w) for w in _both(numbers["joiners"])}),
        range_words={
            part: sorted({normalise(w) for w in _both(spec)}) for part, spec in numbers["ranges"].items()
        },
        qualifiers={
            normalise(phrase): qual for qual, spec in numbers["qualifiers"].items() for phrase in _both(spec)
        },
        currency_words={
            normalise(w): code for code, spec in currencies["currencies"].items() for w in _both(spec)
        },
        currency_symbols={
            s: code for code, spec in currencies["currencies"].items() for s in spec["symbols"]
        },
        currency_codes=sorted(currencies["currencies"]),
        payment_methods={
            normalise(w): method for method, spec in currencies["methods"].items() for w in _both(spec)
        },
        methods_alone={
            normalise(w): method
            for method, spec in currencies["methods"].items()
            for w in spec.get("alone", [])
        },
        per_person={
            part: sorted({normalise(w) for w in _both(spec)})
            for part, spec in currencies["per_person"].items()
        },
        money_kinds={normalise(w): kind for kind, spec in currencies["kinds"].items() for w in _both(spec)},
        nationalities=nationalities,
        titles=titles,
        name_prefixes=[*titles_data["prefix_en"], *titles_data["prefix_ar"]],
        speech_verbs=[*titles_data["speech_en"], *titles_data["speech_ar"]],
        person_nouns={normalise(w) for w in _both(objects["person_nouns"])},
        singular_person_nouns={
            lang: {normalise(w) for w in words} for lang, words in objects["person_nouns"]["singular"].items()
        },
        object_kinds=object_kinds,
        event_triggers={kind: _both(spec) for kind, spec in rules["events"].items()},
        event_roles=rules["roles"],
        patterns=_checked_patterns(root / "rules" / "patterns.yaml"),
        domains={d: e.id for e in entries.values() for d in e.domains},
        account_words={
            normalise(w): kind for kind, spec in platforms["account_words"].items() for w in _both(spec)
        },
        account_named_only=set(platforms["named_only"]),
        account_naming=sorted({normalise(w) for w in _both(platforms["account_naming"])}),
        relation_words={
            rule: sorted({normalise(w) for w in _both(spec)}, key=len, reverse=True)
            for rule, spec in relations.items()
            if isinstance(spec, dict)
        },
        associated_kinds=list(relations.get("associated_kinds", [])),
        relation_window=dict(relations.get("window", {})),
        exact_terms=[(form, e.label, e.id) for e in entries.values() for form in e.exact],
        naming_cues=[*titles_data.get("naming_en", []), *titles_data.get("naming_ar", [])],
        against_cues=[*titles_data.get("against_en", []), *titles_data.get("against_ar", [])],
        name_ends=[*titles_data.get("name_ends_en", []), *titles_data.get("name_ends_ar", [])],
        gazetteer=gazetteer,
    )


GAZETTEER = "places_gazetteer.jsonl"


def _calendar_words(lex_dir: Path) -> set[str]:
    """Month and weekday names, normalised: a town called March is no place in "in March"."""
    months = _read(lex_dir / "months.yaml")
    return {
        normalise(w)
        for key in ("months", "weekdays")
        for names in (months.get(key) or {}).values()
        for w in _both(names)
    }


def _gazetteer(lex_dir: Path, entries: dict[str, LexiconEntry], taken: set[str]) -> dict[str, GazetteerName]:
    """The gazetteer's places as lexicon entries (added to `entries`; an id a hand lexicon
    holds with names stays the hand lexicon's; a country the nationality lexicon made without
    names takes the gazetteer's), and its names no hand lexicon holds; none when the file is
    absent. Its names are no ruler terms: `graph_places` matches them in context."""
    path = lex_dir / GAZETTEER
    if not path.is_file():
        return {}
    rows = [row for row in read_rows(path) if row.id not in entries or not entries[row.id].aliases]
    for row in rows:
        entries[row.id] = LexiconEntry(
            id=row.id,
            label="GPE" if row.kind == "country" else "LOC",
            node="Location",
            name=row.name,
            aliases=tuple(dict.fromkeys([row.name, *row.names])),
            props={"kind": row.kind, **({"country": row.country} if row.country else {})},
            code=row.country if row.kind == "country" else None,
        )
    return gazetteer_names(rows, taken)


PATTERN_FIELDS = ("regex", "before", "context", "not_after")


def _checked_patterns(path: Path) -> list[dict[str, Any]]:
    """The pattern specs; a regex holding an Arabic letter that normalisation folds away
    (أ, ة, ى...) could never match the normalised text, so it is refused by name."""
    patterns = _read(path)["patterns"]
    for spec in patterns:
        for field_name in PATTERN_FIELDS:
            source = spec.get(field_name) or ""
            unfolded = sorted({c for c in source if "\u0600" <= c <= "\u06ff" and fold(c) != c})
            if unfolded:
                raise ValueError(
                    f"{path}: pattern {spec['id']!r} {field_name} holds {' '.join(unfolded)}, "
                    f"which never occur in normalised text; write {' '.join(fold(c) for c in unfolded)}"
                )
    return patterns


def _compile_patterns(lexicon: Lexicon) -> list[CompiledPattern]:
    quals = {
        q: [p for p, v in lexicon.qualifiers.items() if v == q] for q in ("about", "at_least", "at_most")
    }
    fills = {
        "months": trie_alternation(lexicon.months),
        "currency_words": trie_alternation(lexicon.currency_words),
        "currency_symbols": "|".join(
            re.escape(s) for s in sorted(lexicon.currency_symbols, key=len, reverse=True)
        ),
        "number_words": trie_alternation(lexicon.number_words),
        "multipliers": trie_alternation(lexicon.multipliers),
        "short_multipliers": trie_alternation(lexicon.short_multipliers) or "(?!)",
        "currency_codes": trie_alternation(lexicon.currency_codes),
        "number_phrase": lexicon.number_phrase(),
        "qual_about": trie_alternation(quals["about"]),
        "qual_at_least": trie_alternation(quals["at_least"]),
        "qual_at_most": trie_alternation(quals["at_most"]),
        "conjunctions": load_clitics().regex("conjunctions"),
        "month_clitics": load_clitics().regex("month"),
    }

    def compiled(spec: dict[str, Any], field_name: str) -> re.Pattern[str] | None:
        if not spec.get(field_name):
            return None
        source = re.sub(
            r"\{([a-z_]+)\}",
            lambda m: f"(?:{fills[m.group(1)]})" if m.group(1) in fills else m.group(0),
            spec[field_name],
        )
        return re.compile(f"(?:{source})\\Z" if field_name in ("before", "context") else source)

    return [
        CompiledPattern(spec["id"], spec["label"], *(compiled(spec, f) for f in PATTERN_FIELDS))
        for spec in lexicon.patterns
    ]

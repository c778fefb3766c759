"""Build the evaluation gold set: read tests/gold/source.yaml (reports annotated by surface
string), compute character offsets, validate everything, write tests/gold/gold.jsonl and print
coverage tables. Also builds the NER training reports (tests/gold/ner_source.yaml, name entities
only, never used for evaluation) into tests/gold/ner_train.jsonl the same way.

    .venv/bin/python tests/gold/build_gold.py            # both sets: validate, write, print stats
    .venv/bin/python tests/gold/build_gold.py --check    # validate only, write nothing
    .venv/bin/python tests/gold/build_gold.py --ner      # the NER training set only
    .venv/bin/python tests/gold/build_gold.py --show g05 # print one report with its spans marked
    .venv/bin/python tests/gold/build_gold.py --check --partial  # gold: per-report checks only

An entity's `occurrence` is the n-th (1-based) *token-bounded* occurrence of its exact text in
the report: the character after it is not a letter or digit, and the character before it is not
one either, except that an Arabic proclitic (و ف ب ل ك and their combinations, or لل for ل + the
article; `etl/lexicons/clitics.yaml`) may sit between the word boundary and the text
(وأحمد -> أحمد, للشرطة الفرنسية -> شرطة الفرنسية).
Any validation error stops the build with the report id in the message.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ONTOLOGY = REPO / "etl" / "ontology.yaml"
SOURCE = HERE / "source.yaml"
OUTPUT = HERE / "gold.jsonl"
NER_SOURCE = HERE / "ner_source.yaml"
NER_OUTPUT = HERE / "ner_train.jsonl"

# Entity label -> ontology node label (None: a value that becomes a property, not a node).
LABEL_NODE = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "PLATFORM": "Platform",
    "GPE": "Location",
    "LOC": "Location",
    "NORP": "Location",  # a nationality points at its country
    "HANDLE": "Account",
    "URL": "Account",
    "PHONE": "Account",
    "MONEY": "Payment",
    "DATE": None,
    "COUNT": None,
    "VESSEL": "Vessel",
    "EQUIPMENT": "Equipment",
}
LABELS = tuple(LABEL_NODE)
# Labels whose surface forms repeat innocently ("boat", "12", "March"): no completeness check,
# no canonical id required.
VALUE_LABELS = {"MONEY", "DATE", "COUNT", "VESSEL", "EQUIPMENT"}
# Labels that may sit inside an unnamed person's span ("three men from Leeds", "مواطن عراقي").
NESTABLE = {"COUNT", "NORP", "GPE", "LOC"}
ROLES = ("subject", "agent", "target", "partner", "court")
QUALIFIERS = ("exact", "about", "at_least", "at_most")
PRECISION_FORMAT = {"day": r"\d{4}-\d\d-\d\d", "month": r"\d{4}-\d\d", "year": r"\d{4}"}
# Ontology relationships that the gold set expresses in another way: MENTIONS are the entity
# spans, PARTICIPATED_IN the event participants, SEIZED a seizure's targets, SAME_AS `canonical`.
IMPLICIT_RELATIONSHIPS = {"MENTIONS", "PARTICIPATED_IN", "SEIZED", "SAME_AS"}
LANGS = ("ar", "en")
SPLITS = ("train", "test")
WORDS_MIN, WORDS_MAX = 120, 250
# What the set promises to cover, per language (see README.md).
MIN_PER_KIND, MIN_PER_RELATION = 3, 3

# The NER training reports: name labels only, one split, ids n01.. (English) and a01.. (Arabic).
NER_LABELS = ("PERSON", "ORG", "GPE", "LOC")
NER_SPLITS = ("ner_train",)
NER_ID_PREFIX = {"en": "n", "ar": "a"}

CLITICS = REPO / "etl" / "lexicons" / "clitics.yaml"


def arabic_clitics() -> tuple[str, ...]:
    """The proclitics that sit outside a gold span (`etl/lexicons/clitics.yaml`, the sequences
    the pipeline splits off, less those that end in the article, which stays inside)."""
    data = yaml.safe_load(CLITICS.read_text(encoding="utf-8"))
    return tuple(s for s in data["sequences"] if not s.endswith(data["article"]))


ARABIC_CLITICS = arabic_clitics()


class GoldError(Exception):
    pass


def load_ontology() -> tuple[dict[str, dict], list[str], dict]:
    """Relation types usable in the gold set (with their endpoint labels), event kinds, and the
    PARTICIPATED_IN spec."""
    data = yaml.safe_load(ONTOLOGY.read_text(encoding="utf-8"))
    # the tool's own records (`record: true`: documents, watch list entries, alerts) are read
    # from no text: a relationship that starts only from them is no fact of a report
    records = {label for label, spec in data["nodes"].items() if spec.get("record")}
    rels = {
        k: v
        for k, v in data["relationships"].items()
        if k not in IMPLICIT_RELATIONSHIPS and not set(v["from"]) <= records
    }
    kinds = list(data["nodes"]["Event"]["properties"]["kind"]["enum"])
    return rels, kinds, data["relationships"]["PARTICIPATED_IN"]


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) in ("Mn", "Mc")


def bounded_occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every token-bounded occurrence of `needle` in `text`."""
    found = []
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        after_ok = end == len(text) or not is_word_char(text[end]) or not is_word_char(needle[-1])
        before_ok = start == 0 or not is_word_char(text[start - 1]) or not is_word_char(needle[0])
        if not before_ok:
            for clitic in ARABIC_CLITICS:
                c0 = start - len(clitic)
                if c0 >= 0 and text[c0:start] == clitic and (c0 == 0 or not is_word_char(text[c0 - 1])):
                    before_ok = True
                    break
        if after_ok and before_ok:
            found.append(start)
        start = text.find(needle, start + 1)
    return found


def locate(rid: str, text: str, needle: str, occurrence: int, what: str) -> tuple[int, int]:
    if not needle:
        raise GoldError(f"{rid}: {what}: empty text")
    hits = bounded_occurrences(text, needle)
    if not 1 <= occurrence <= len(hits):
        raise GoldError(
            f"{rid}: {what}: occurrence {occurrence} of {needle!r} requested, "
            f"{len(hits)} token-bounded occurrence(s) in the text"
        )
    start = hits[occurrence - 1]
    return start, start + len(needle)


def check_date(rid: str, where: str, date, precision) -> str | None:
    if date is None:
        if precision is not None:
            raise GoldError(f"{rid}: {where}: date_precision {precision!r} without a date")
        return None
    date = str(date)  # YAML reads 2024-05-17 as a date
    if precision not in PRECISION_FORMAT:
        raise GoldError(f"{rid}: {where}: date_precision must be one of {list(PRECISION_FORMAT)}")
    if not re.fullmatch(PRECISION_FORMAT[precision], date):
        raise GoldError(f"{rid}: {where}: date {date!r} does not have precision {precision!r}")
    valid_date(rid, where, date)
    return date


def valid_date(rid: str, where: str, value: str) -> None:
    try:
        datetime.date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        raise GoldError(f"{rid}: {where}: {value!r} is not a calendar date") from None


def check_header(raw: dict, splits: tuple[str, ...]) -> tuple[str, str, str]:
    """A report's required fields, text, lang, split and publication date: (id, text, published)."""
    rid = raw.get("id", "?")
    for field in ("id", "lang", "published", "split", "text", "entities"):
        if field not in raw:
            raise GoldError(f"{rid}: missing field {field!r}")
    text = raw["text"]
    if text != unicodedata.normalize("NFC", text):
        raise GoldError(f"{rid}: text is not NFC-normalised")
    if text != text.strip():
        raise GoldError(f"{rid}: text has leading or trailing whitespace")
    if raw["lang"] not in LANGS:
        raise GoldError(f"{rid}: lang must be one of {LANGS}")
    if raw["split"] not in splits:
        raise GoldError(f"{rid}: split must be one of {splits}")
    published = check_date(rid, "published", raw["published"], "day")
    return rid, text, published


def report_fields(raw: dict, rid: str, published: str | None, text: str, entities: list[dict]) -> dict:
    """The fields every built report starts with, in both the gold and the NER-training sets."""
    return {
        "id": rid,
        "lang": raw["lang"],
        "split": raw["split"],
        "published": published,
        "text": text,
        "entities": sorted(entities, key=lambda e: (e["start"], -e["end"])),
    }


def check_overlaps(rid: str, entities: list[dict]) -> None:
    """No two spans overlap, except NESTABLE labels fully inside an unnamed person's span."""
    ordered = sorted(entities, key=lambda e: (e["start"], -e["end"]))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b["start"] >= a["end"]:
                break
            inside = b["end"] <= a["end"]
            if a.get("unnamed") and inside and b["label"] in NESTABLE:
                continue
            raise GoldError(
                f"{rid}: spans overlap: {a['key']} {a['text']!r} [{a['start']},{a['end']}) and "
                f"{b['key']} {b['text']!r} [{b['start']},{b['end']})"
            )


def check_complete(rid: str, text: str, entities: list[dict], skip: list[dict] | None) -> None:
    """Every token-bounded occurrence of an annotated name (and of each word of a named person's
    name) lies inside some annotated span, unless listed under `skip`."""
    skipped = set()
    for item in skip or []:
        s, _ = locate(rid, text, item["text"], int(item.get("occurrence", 1)), "skip")
        skipped.add((item["text"], s))
    spans = [(e["start"], e["end"]) for e in entities]
    needles = set()
    for e in entities:
        if e["label"] in VALUE_LABELS or e.get("unnamed"):
            continue
        needles.add(e["text"])
        if e["label"] == "PERSON":
            needles.update(w for w in e["text"].split() if len(w) >= 3)
    for needle in sorted(needles):
        for n, s in enumerate(bounded_occurrences(text, needle), 1):
            if (needle, s) in skipped:
                continue
            if not any(a <= s and s + len(needle) <= b for a, b in spans):
                raise GoldError(
                    f"{rid}: occurrence {n} of {needle!r} (offset {s}) is not annotated; "
                    "annotate it or list it under `skip`"
                )


def build_report(raw: dict, names: dict[str, str], ontology) -> dict:
    rels_spec, kinds, participated = ontology
    rid, text, published = check_header(raw, SPLITS)
    words = len(text.split())
    if not WORDS_MIN <= words <= WORDS_MAX:
        raise GoldError(f"{rid}: {words} words, expected {WORDS_MIN}-{WORDS_MAX}")

    entities, by_key = [], {}
    for ent in raw["entities"]:
        key, label = ent.get("key"), ent.get("label")
        if not key or key in by_key:
            raise GoldError(f"{rid}: entity key {key!r} missing or not unique")
        if label not in LABELS:
            raise GoldError(f"{rid}: entity {key}: label {label!r} not in {LABELS}")
        unknown = set(ent) - {"key", "text", "label", "occurrence", "unnamed", "count", "value"}
        if unknown:
            raise GoldError(f"{rid}: entity {key}: unknown field(s) {sorted(unknown)}")
        start, end = locate(rid, text, ent.get("text", ""), int(ent.get("occurrence", 1)), f"entity {key}")
        out = {"key": key, "start": start, "end": end, "label": label, "text": text[start:end]}
        if label == "DATE":  # the resolved date, year taken from context where the text omits it
            value = str(ent.get("value", ""))
            if not any(re.fullmatch(f, value) for f in PRECISION_FORMAT.values()):
                raise GoldError(f"{rid}: DATE {key} needs a value YYYY, YYYY-MM or YYYY-MM-DD")
            valid_date(rid, f"DATE {key}", value)
            out["value"] = value
        elif "value" in ent:
            raise GoldError(f"{rid}: entity {key}: value is only for DATE")
        if ent.get("unnamed"):
            if label != "PERSON":
                raise GoldError(f"{rid}: entity {key}: only a PERSON can be unnamed")
            count = ent.get("count", 1)
            if count is not None and (not isinstance(count, int) or count < 1):
                raise GoldError(f"{rid}: entity {key}: count must be a positive integer or null")
            out.update(unnamed=True, count=count)
        elif "count" in ent:
            raise GoldError(f"{rid}: entity {key}: count is only for unnamed people")
        entities.append(out)
        by_key[key] = out

    check_overlaps(rid, entities)
    check_complete(rid, text, entities, raw.get("skip"))

    # Canonical ids: the global name table, then the report's own entries.
    canonical = {}
    for e in entities:
        if e["label"] in VALUE_LABELS or e.get("unnamed"):
            continue
        if e["text"] in names:
            canonical[e["key"]] = names[e["text"]]
    for key, cid in (raw.get("canonical") or {}).items():
        if key not in by_key:
            raise GoldError(f"{rid}: canonical: unknown entity key {key!r}")
        canonical[key] = cid
    for e in entities:
        if e["label"] not in VALUE_LABELS and not e.get("unnamed") and e["key"] not in canonical:
            raise GoldError(f"{rid}: entity {e['key']} {e['text']!r} has no canonical id")
    for key, cid in canonical.items():
        if by_key[key].get("unnamed") and not cid.startswith(f"unnamed:{rid}:"):
            raise GoldError(f"{rid}: unnamed {key} may only get a report-local id unnamed:{rid}:...")

    relations = []
    seen_rel = set()
    for rel in raw.get("relations", []) or []:
        rtype, src, dst = rel.get("type"), rel.get("from"), rel.get("to")
        if rtype not in rels_spec:
            raise GoldError(f"{rid}: relation type {rtype!r} not in {sorted(rels_spec)}")
        for end_key, allowed in ((src, rels_spec[rtype]["from"]), (dst, rels_spec[rtype]["to"])):
            if end_key not in by_key:
                raise GoldError(f"{rid}: {rtype}: unknown entity key {end_key!r}")
            node = LABEL_NODE[by_key[end_key]["label"]]
            if "*" not in allowed and node not in allowed:
                raise GoldError(f"{rid}: {rtype} {src}->{dst}: {end_key} is a {node}, allowed {allowed}")
        if src == dst:
            raise GoldError(f"{rid}: {rtype}: self-relation on {src}")
        if "role" in rel and rtype != "WORKS_FOR":
            raise GoldError(f"{rid}: {rtype} {src}->{dst}: only WORKS_FOR has a role")
        if rtype == "WORKS_FOR" and not rel.get("role"):
            raise GoldError(f"{rid}: WORKS_FOR {src}->{dst} needs a role")
        sig = (rtype, src, dst)
        if sig in seen_rel or (rtype == "ASSOCIATED_WITH" and (rtype, dst, src) in seen_rel):
            raise GoldError(f"{rid}: duplicate relation {sig}")
        seen_rel.add(sig)
        out = {"type": rtype, "from": src, "to": dst}
        if rel.get("role"):
            out["role"] = rel["role"]
        relations.append(out)

    events, triggers = [], {}
    participant_nodes = set(participated["from"])
    for n, ev in enumerate(raw.get("events", []) or [], 1):
        where = f"event {n} ({ev.get('kind')})"
        if ev.get("kind") not in kinds:
            raise GoldError(f"{rid}: {where}: kind not in {kinds}")
        unknown = set(ev) - {
            "kind",
            "trigger",
            "date",
            "date_precision",
            "count",
            "count_qualifier",
            "participants",
            "location",
            "money",
            "id",
        }
        if unknown:
            raise GoldError(f"{rid}: {where}: unknown field(s) {sorted(unknown)}")
        trig = ev.get("trigger") or {}
        t0, t1 = locate(rid, text, trig.get("text", ""), int(trig.get("occurrence", 1)), f"{where} trigger")
        if (t0, t1) in triggers:
            raise GoldError(f"{rid}: {where}: trigger shared with event {triggers[(t0, t1)]}")
        triggers[(t0, t1)] = n
        for e in entities:
            if t0 < e["end"] and e["start"] < t1:
                raise GoldError(f"{rid}: {where}: trigger {trig['text']!r} overlaps entity {e['key']}")
        date = check_date(rid, where, ev.get("date"), ev.get("date_precision"))
        count, qual = ev.get("count"), ev.get("count_qualifier")
        if count is None and qual is not None:
            raise GoldError(f"{rid}: {where}: count_qualifier without a count")
        if count is not None:
            if not isinstance(count, int) or count < 1:
                raise GoldError(f"{rid}: {where}: count must be a positive integer")
            if qual not in QUALIFIERS:
                raise GoldError(f"{rid}: {where}: count_qualifier must be one of {QUALIFIERS}")
        participants = []
        seen_part = set()
        for p in ev.get("participants", []) or []:
            key, role = p.get("key"), p.get("role")
            if key not in by_key:
                raise GoldError(f"{rid}: {where}: unknown participant {key!r}")
            if role not in ROLES:
                raise GoldError(f"{rid}: {where}: role {role!r} not in {ROLES}")
            node = LABEL_NODE[by_key[key]["label"]]
            seized = role == "target" and node in ("Vessel", "Equipment")
            if node not in participant_nodes and not seized:
                raise GoldError(f"{rid}: {where}: {key} is a {node}, which cannot take part in an event")
            if role == "court" and by_key[key]["label"] != "ORG":
                raise GoldError(f"{rid}: {where}: court {key} is not an ORG")
            if (key, role) in seen_part:
                raise GoldError(f"{rid}: {where}: participant {key} listed twice as {role}")
            seen_part.add((key, role))
            participants.append({"key": key, "role": role})
        out = {
            "kind": ev["kind"],
            "trigger": {"text": text[t0:t1], "start": t0, "end": t1},
            "date": date,
            "date_precision": ev.get("date_precision"),
            "count": count,
            "count_qualifier": qual,
            "participants": participants,
        }
        loc = ev.get("location")
        if loc is not None:
            if loc not in by_key or by_key[loc]["label"] not in ("LOC", "GPE"):
                raise GoldError(f"{rid}: {where}: location {loc!r} is not a LOC/GPE entity")
            out["location"] = loc
        money = ev.get("money") or []
        for key in money:
            if key not in by_key or by_key[key]["label"] != "MONEY":
                raise GoldError(f"{rid}: {where}: money {key!r} is not a MONEY entity")
        if money:
            out["money"] = list(money)
        if ev.get("id"):
            if not str(ev["id"]).startswith("event:"):
                raise GoldError(f"{rid}: {where}: id must start with 'event:'")
            out["id"] = ev["id"]
        events.append(out)

    return {
        **report_fields(raw, rid, published, text, entities),
        "relations": relations,
        "events": sorted(events, key=lambda e: e["trigger"]["start"]),
        "canonical": dict(sorted(canonical.items())),
    }


def build(source: Path = SOURCE, set_checks: bool = True) -> list[dict]:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    names = data.get("canonical_names") or {}
    ontology = load_ontology()
    reports, ids = [], set()
    for raw in data["reports"]:
        report = build_report(raw, names, ontology)
        if report["id"] in ids:
            raise GoldError(f"{report['id']}: duplicate report id")
        ids.add(report["id"])
        reports.append(report)
    if set_checks:
        check_set(reports, ontology)
    return reports


def check_set(reports: list[dict], ontology) -> None:
    """Set-level promises: balanced languages and splits, every event kind and relation type
    at least MIN times per language, cross-document people and accounts in both languages."""
    rels_spec, kinds, _ = ontology
    by_lang = Counter(r["lang"] for r in reports)
    if by_lang["ar"] != by_lang["en"]:
        raise GoldError(f"set: languages unbalanced {dict(by_lang)}")
    for lang in LANGS:
        splits = Counter(r["split"] for r in reports if r["lang"] == lang)
        if splits["train"] != 12:
            raise GoldError(f"set: {lang}: expected 12 train reports, found {splits['train']}")
        kinds_seen = Counter(e["kind"] for r in reports if r["lang"] == lang for e in r["events"])
        for kind in kinds:
            if kinds_seen[kind] < MIN_PER_KIND:
                raise GoldError(f"set: {lang}: event kind {kind} only {kinds_seen[kind]} times")
        rel_seen = Counter(x["type"] for r in reports if r["lang"] == lang for x in r["relations"])
        for rtype in rels_spec:
            if rel_seen[rtype] < MIN_PER_RELATION:
                raise GoldError(f"set: {lang}: relation {rtype} only {rel_seen[rtype]} times")


def cross_document(reports: list[dict], labels: tuple[str, ...]) -> dict[str, dict]:
    """Canonical ids of entities with one of `labels` that appear in two or more reports."""
    found: dict[str, dict] = defaultdict(lambda: {"reports": set(), "langs": set(), "forms": set()})
    for r in reports:
        by_key = {e["key"]: e for e in r["entities"]}
        for key, cid in r["canonical"].items():
            if by_key[key]["label"] not in labels:
                continue
            item = found[cid]
            item["reports"].add(r["id"])
            item["langs"].add(r["lang"])
            item["forms"].add(by_key[key]["text"])
    return {k: v for k, v in sorted(found.items()) if len(v["reports"]) > 1}


def stats_markdown(reports: list[dict], ontology) -> str:
    rels_spec, kinds, _ = ontology
    lines = []

    def table(title: str, rows: list[str], counts: dict[str, Counter]) -> None:
        lines.append(f"### {title}\n")
        lines.append("| | ar | en | total |")
        lines.append("|---|---:|---:|---:|")
        for row in rows:
            a, e = counts["ar"][row], counts["en"][row]
            lines.append(f"| {row} | {a} | {e} | {a + e} |")
        lines.append("")

    per = {lang: [r for r in reports if r["lang"] == lang] for lang in LANGS}
    docs = {lang: Counter() for lang in LANGS}
    ents = {lang: Counter() for lang in LANGS}
    rels = {lang: Counter() for lang in LANGS}
    evs = {lang: Counter() for lang in LANGS}
    for lang, rs in per.items():
        for r in rs:
            docs[lang]["reports"] += 1
            docs[lang][r["split"]] += 1
            docs[lang]["words"] += len(r["text"].split())
            for e in r["entities"]:
                ents[lang][e["label"]] += 1
                if e.get("unnamed"):
                    ents[lang]["PERSON (unnamed)"] += 1
            for x in r["relations"]:
                rels[lang][x["type"]] += 1
            for ev in r["events"]:
                evs[lang][ev["kind"]] += 1
                evs[lang]["with a date"] += ev["date"] is not None
                evs[lang]["with a count"] += ev["count"] is not None
            docs[lang]["entities"] += len(r["entities"])
            docs[lang]["relations"] += len(r["relations"])
            docs[lang]["events"] += len(r["events"])
    table("Reports", ["reports", "train", "test", "words", "entities", "relations", "events"], docs)
    table("Entities per label", [*LABELS, "PERSON (unnamed)"], ents)
    table("Relations per type", list(rels_spec), rels)
    table("Events per kind", [*kinds, "with a date", "with a count"], evs)
    groups = (
        ("People and accounts", ("PERSON", "HANDLE", "URL", "PHONE")),
        ("Organisations, vessels, equipment and payments", ("ORG", "VESSEL", "EQUIPMENT", "MONEY")),
    )
    for title, labels in groups:
        lines.append(f"### Cross-document entities: {title.lower()} (canonical id in two or more reports)\n")
        lines.append("| canonical id | reports | languages | surface forms |")
        lines.append("|---|---|---|---|")
        for cid, item in cross_document(reports, labels).items():
            rids = ", ".join(sorted(item["reports"]))
            langs = "+".join(sorted(item["langs"]))
            lines.append(f"| `{cid}` | {rids} | {langs} | {', '.join(sorted(item['forms']))} |")
        lines.append("")
    ev_ids: dict[str, set] = defaultdict(set)
    for r in reports:
        for ev in r["events"]:
            if ev.get("id"):
                ev_ids[ev["id"]].add(r["id"])
    lines.append("### Cross-document events (event id in two or more reports)\n")
    lines.append("| event id | reports |")
    lines.append("|---|---|")
    for eid, rids in sorted(ev_ids.items()):
        if len(rids) > 1:
            lines.append(f"| `{eid}` | {', '.join(sorted(rids))} |")
    lines.append("")
    return "\n".join(lines)


def build_ner_report(raw: dict) -> dict:
    """One NER training report: name entities located by surface string, validated like the
    gold set's (no overlaps, every occurrence of an annotated name annotated)."""
    rid, text, published = check_header(raw, NER_SPLITS)
    prefix = NER_ID_PREFIX[raw["lang"]]
    if not re.fullmatch(rf"{prefix}\d{{2,}}", str(rid)):
        raise GoldError(f"{rid}: a {raw['lang']} NER report's id is {prefix!r} and two or more digits")
    entities, keys = [], set()
    for ent in raw["entities"] or []:
        key, label = ent.get("key"), ent.get("label")
        if not key or key in keys:
            raise GoldError(f"{rid}: entity key {key!r} missing or not unique")
        keys.add(key)
        if label not in NER_LABELS:
            raise GoldError(f"{rid}: entity {key}: label {label!r} not in {NER_LABELS}")
        unknown = set(ent) - {"key", "text", "label", "occurrence"}
        if unknown:
            raise GoldError(f"{rid}: entity {key}: unknown field(s) {sorted(unknown)}")
        start, end = locate(rid, text, ent.get("text", ""), int(ent.get("occurrence", 1)), f"entity {key}")
        entities.append({"key": key, "start": start, "end": end, "label": label, "text": text[start:end]})
    check_overlaps(rid, entities)
    check_complete(rid, text, entities, raw.get("skip"))
    return report_fields(raw, rid, published, text, entities)


def gold_people(source: Path = SOURCE) -> set[str]:
    """Surface forms of the named people of the evaluation set."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    return {
        e["text"]
        for r in data["reports"]
        for e in r.get("entities") or []
        if e.get("label") == "PERSON" and not e.get("unnamed")
    }


def build_ner(source: Path = NER_SOURCE, gold_source: Path = SOURCE) -> list[dict]:
    """The NER training reports. Their people must not be the evaluation set's (a model that has
    seen a gold name in training would be scored on memory); a surface form labelled differently
    in different places is reported as a warning."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    people = gold_people(gold_source)
    reports, ids = [], set()
    labels_of: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for raw in data["reports"]:
        report = build_ner_report(raw)
        if report["id"] in ids:
            raise GoldError(f"{report['id']}: duplicate report id")
        ids.add(report["id"])
        for e in report["entities"]:
            if e["label"] == "PERSON" and e["text"] in people:
                raise GoldError(f"{report['id']}: {e['text']!r} is a person of the evaluation set")
            labels_of[e["text"]][e["label"]].add(report["id"])
        reports.append(report)
    for surface, by_label in sorted(labels_of.items()):
        if len(by_label) > 1:
            where = "; ".join(f"{lab} in {', '.join(sorted(rids))}" for lab, rids in sorted(by_label.items()))
            print(f"ner: warning: {surface!r} labelled differently: {where}", file=sys.stderr)
    return reports


def ner_stats_markdown(reports: list[dict]) -> str:
    """Reports, sentences (non-empty lines), words and entities per label, per language."""
    counts = {lang: Counter() for lang in LANGS}
    for r in reports:
        c = counts[r["lang"]]
        c["reports"] += 1
        c["sentences (lines)"] += sum(1 for line in r["text"].split("\n") if line.strip())
        c["words"] += len(r["text"].split())
        c["entities"] += len(r["entities"])
        for e in r["entities"]:
            c[e["label"]] += 1
    lines = ["### NER training reports\n", "| | ar | en | total |", "|---|---:|---:|---:|"]
    for row in ("reports", "sentences (lines)", "words", "entities", *NER_LABELS):
        a, e = counts["ar"][row], counts["en"][row]
        lines.append(f"| {row} | {a} | {e} | {a + e} |")
    lines.append("")
    return "\n".join(lines)


def write_jsonl(reports: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in reports:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def show(report: dict) -> str:
    """The text with every entity span bracketed as [text|LABEL:key] and triggers as {text|kind}."""
    marks = []
    for e in report["entities"]:  # at one position: close inner spans, then open outer ones
        marks.append((e["start"], 1, -e["end"], "["))
        marks.append((e["end"], 0, -e["start"], f"|{e['label']}:{e['key']}]"))
    for ev in report.get("events", []):
        marks.append((ev["trigger"]["start"], 1, 0, "{"))
        marks.append((ev["trigger"]["end"], 0, 0, f"|{ev['kind']}}}"))
    out, last = [], 0
    text = report["text"]
    for pos, _, _, mark in sorted(marks, key=lambda m: m[:3]):
        out.append(text[last:pos])
        out.append(mark)
        last = pos
    out.append(text[last:])
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate only")
    parser.add_argument("--show", metavar="ID", help="print one report with its spans marked")
    parser.add_argument("--partial", action="store_true", help="skip the set-level checks (while authoring)")
    parser.add_argument("--ner", action="store_true", help="only the NER training set (ner_source.yaml)")
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--ner-source", type=Path, default=NER_SOURCE)
    parser.add_argument("--ner-output", type=Path, default=NER_OUTPUT)
    args = parser.parse_args(argv)
    try:
        if args.show:
            return show_one(args)
        if not args.ner:
            reports = build(args.source, set_checks=not args.partial)
            if not args.check:
                write_jsonl(reports, args.output)
                print(f"gold: wrote {len(reports)} reports to {args.output.relative_to(REPO)}\n")
            print(stats_markdown(reports, load_ontology()))
        ner_reports = build_ner(args.ner_source, args.source)
    except GoldError as exc:
        print(f"gold: ERROR: {exc}", file=sys.stderr)
        return 1
    if not args.check:
        write_jsonl(ner_reports, args.ner_output)
        print(f"ner: wrote {len(ner_reports)} reports to {args.ner_output.relative_to(REPO)}\n")
    print(ner_stats_markdown(ner_reports))
    return 0


def show_one(args: argparse.Namespace) -> int:
    """--show: the report with that id, from the gold set (unless --ner) or the NER set."""
    reports = [] if args.ner else build(args.source, set_checks=False)
    if not any(r["id"] == args.show for r in reports):
        reports = build_ner(args.ner_source, args.source)
    for r in reports:
        if r["id"] == args.show:
            print(show(r))
            return 0
    print(f"gold: no report {args.show}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

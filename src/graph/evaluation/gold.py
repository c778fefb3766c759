"""`graph eval`: the pipeline measured against an annotated gold set (`tests/gold/gold.jsonl`):
precision, recall and F1 per entity label, per relation type and per event kind, and at the
graph level (which mentions the resolver puts in one canonical entity). The pipeline can run
whole (`combined`: the NER model, then the rules), or with the rules or the model alone."""

from __future__ import annotations

import json
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from graph.evaluation.scoring import Score
from graph.model import Document, GraphBatch
from graph.ontology import load_ontology
from graph.stages import process

# The pipeline's mention labels, as the gold set names them.
GOLD_LABEL = {"UNNAMED": "PERSON"}
EVALUATED = {
    "PERSON",
    "ORG",
    "PLATFORM",
    "GPE",
    "LOC",
    "NORP",
    "HANDLE",
    "URL",
    "PHONE",
    "MONEY",
    "DATE",
    "COUNT",
    "VESSEL",
    "EQUIPMENT",
}
# Edges that are not relations of the gold format: mentions, merges, and an event's arguments
# (its participants, and what a seizure seized: gold lists those as the event's `target`s).
NOT_RELATIONS = {"MENTIONS", "PARTICIPATED_IN", "SAME_AS", "SEIZED"}
# Which parts of the pipeline run in each evaluation mode.
# `accurate` runs the accurate NER model (the `accurate` extra) instead of the fast one.
MODES = {"combined": {"model": True, "rules": True}, "rules": {"model": False, "rules": True},
         "model": {"model": True, "rules": False},
         "accurate": {"model": True, "rules": True, "ner": "accurate"},
         "accurate-model": {"model": True, "rules": False, "ner": "accurate"}}  # fmt: skip


@dataclass
class Evaluation:
    entities: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    relations: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    events: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    event_dates: Score = field(default_factory=Score)
    graph: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    reports: int = 0
    words: int = 0  # in the reports, split on white space
    seconds: float = 0.0  # extracting and resolving them (the pipelines loaded beforehand)

    @staticmethod
    def micro(scores: dict[str, Score]) -> Score:
        total = Score()
        for score in scores.values():
            total.add(score)
        return total

    def entity_scores(self) -> dict[str, dict[str, float]]:
        """Precision, recall and F1 per entity label and their micro average, and the words
        read per second."""
        rows = {**self.entities, "micro": self.micro(self.entities)}
        scores = {
            label: {"p": round(s.precision, 3), "r": round(s.recall, 3), "f1": round(s.f1, 3)}
            for label, s in rows.items()
        }
        return {**scores, "speed": {"words_per_second": self.words_per_second}}

    @property
    def words_per_second(self) -> int:
        return round(self.words / self.seconds) if self.seconds else 0

    def summary(self) -> dict[str, float]:
        return {
            "entities": round(self.micro(self.entities).f1, 3),
            "relations": round(self.micro(self.relations).f1, 3),
            "events": round(self.micro(self.events).f1, 3),
            "event_dates": round(self.event_dates.precision, 3),
            "coreference": round(self.graph["coreference"].f1, 3),
        }


def load_gold(path: Path, split: str | None = None, lang: str | None = None) -> list[dict[str, Any]]:
    reports = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        r
        for r in reports
        if (split is None or r.get("split") == split) and (lang is None or r["lang"] == lang)
    ]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score_sets(predicted: set, gold: set, scores: dict[str, Score], key_of) -> None:
    for item in predicted & gold:
        scores[key_of(item)].tp += 1
    for item in predicted - gold:
        scores[key_of(item)].fp += 1
    for item in gold - predicted:
        scores[key_of(item)].fn += 1


def evaluate_report(report: dict[str, Any], result: Evaluation, mode: str = "combined") -> GraphBatch:
    document = Document(
        id=f"gold-{report['id']}".ljust(64, "0"),
        text=report["text"],
        lang=report["lang"],
        path=f"gold:{report['id']}",
        published=report.get("published"),
        seen=report.get("published"),
    )
    [(extraction, batch)] = process([document], **MODES[mode])
    predicted = {(m.start, m.end, GOLD_LABEL.get(m.label, m.label)) for m in extraction.mentions}
    predicted = {p for p in predicted if p[2] in EVALUATED}
    gold = {(e["start"], e["end"], e["label"]) for e in report["entities"]}
    _score_sets(predicted, gold, result.entities, lambda item: item[2])

    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)  # node id -> its mention spans here
    for edge in batch.edges:
        if edge.type == "MENTIONS":
            text = edge.props.get("text", "")
            start = int(edge.key)
            spans[edge.target_id].append((start, start + len(text)))
    entity_span = {e["key"]: (e["start"], e["end"]) for e in report["entities"]}
    matched: set[int] = set()
    relation_types = load_ontology().relations

    def links(edge, source: tuple[int, int], target: tuple[int, int]) -> bool:
        return _touches(spans[edge.source_id], edge, source) and _touches(spans[edge.target_id], edge, target)

    for relation in report.get("relations", []):
        source, target = entity_span[relation["from"]], entity_span[relation["to"]]
        symmetric = relation_types[relation["type"]].symmetric
        hit = next(
            (
                i
                for i, e in enumerate(batch.edges)
                if i not in matched
                and e.type == relation["type"]
                and (links(e, source, target) or (symmetric and links(e, target, source)))
            ),
            None,
        )
        if hit is None:
            result.relations[relation["type"]].fn += 1
        else:
            matched.add(hit)
            result.relations[relation["type"]].tp += 1
    for i, edge in enumerate(batch.edges):
        if edge.type not in NOT_RELATIONS and i not in matched:
            result.relations[edge.type].fp += 1

    events = [n for n in batch.nodes if n.label == "Event"]
    used: set[str] = set()
    for gold_event in report.get("events", []):
        trigger = (gold_event["trigger"]["start"], gold_event["trigger"]["end"])
        found = next(
            (
                n
                for n in events
                if n.id not in used
                and n.props["kind"] == gold_event["kind"]
                and n.prov
                and _overlaps((n.prov.start, n.prov.end), trigger)
            ),
            None,
        )
        if found is None:
            found = next(
                (
                    n
                    for n in events
                    if n.id not in used
                    and n.props["kind"] == gold_event["kind"]
                    and n.prov
                    and _same_sentence(extraction, n.prov.start, trigger[0])
                ),
                None,
            )
        if found is None:
            result.events[gold_event["kind"]].fn += 1
            continue
        used.add(found.id)
        result.events[gold_event["kind"]].tp += 1
        if gold_event.get("date"):
            if found.props.get("date") == gold_event["date"]:
                result.event_dates.tp += 1
            else:
                result.event_dates.fp += 1
    for node in events:
        if node.id not in used:
            result.events[node.props["kind"]].fp += 1
    result.reports += 1
    return batch


def _touches(spans: list[tuple[int, int]], edge, gold: tuple[int, int]) -> bool:
    """A node stands for a gold entity when one of its mentions (or the edge's evidence) covers it."""
    evidence = [(edge.prov.start, edge.prov.end)] if edge.prov else []
    return any(_overlaps(span, gold) for span in spans) or (
        not spans and any(_overlaps(e, gold) for e in evidence)
    )


def _same_sentence(extraction, position: int, other: int) -> bool:
    return any(s.start <= position < s.end and s.start <= other < s.end for s in extraction.sentences)


def evaluate_coreference(
    reports: list[dict[str, Any]], batches: list[GraphBatch], result: Evaluation
) -> None:
    """Graph level: pairs of gold mentions with one canonical id, against pairs the pipeline puts
    in one node or one SAME_AS cluster after resolution (in a throwaway embedded store)."""
    import networkx as nx

    from graph.resolve.crossdoc import resolve_people
    from graph.store.embedded import EmbeddedStore

    with tempfile.TemporaryDirectory() as folder, EmbeddedStore(Path(folder) / "eval", write=True) as store:
        for batch in batches:
            store.write_batch(batch)
        links = resolve_people(store)
    clusters = nx.Graph()
    clusters.add_edges_from((link.a, link.b) for link in links)
    root = {node: min(component) for component in nx.connected_components(clusters) for node in component}
    gold_of, predicted_of = {}, {}
    for report, batch in zip(reports, batches, strict=True):
        canonical = report.get("canonical") or {}
        mention_node = {}
        for edge in batch.edges:
            if edge.type == "MENTIONS":
                mention_node[int(edge.key)] = edge.target_id
        for entity in report["entities"]:
            if entity["key"] in canonical and entity["label"] in ("PERSON", "HANDLE", "URL", "PHONE", "ORG"):
                mention = (report["id"], entity["start"])
                gold_of[mention] = canonical[entity["key"]]
                node = mention_node.get(entity["start"])
                predicted_of[mention] = root.get(node, node) if node else f"missing:{mention}"
    pairs = list(combinations(sorted(gold_of), 2))
    score = result.graph["coreference"]
    for a, b in pairs:
        same_gold, same_predicted = gold_of[a] == gold_of[b], predicted_of[a] == predicted_of[b]
        if same_gold and same_predicted:
            score.tp += 1
        elif same_predicted:
            score.fp += 1
        elif same_gold:
            score.fn += 1


def evaluate(
    path: Path,
    *,
    split: str | None = None,
    lang: str | None = None,
    coreference: bool = True,
    mode: str = "combined",
) -> Evaluation:
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; one of {sorted(MODES)}")
    reports = load_gold(path, split, lang)
    result = Evaluation()
    for language in sorted({report["lang"] for report in reports}):  # warmed before the clock starts
        evaluate_report(next(r for r in reports if r["lang"] == language), Evaluation(), mode)
    started = time.perf_counter()
    batches = [evaluate_report(report, result, mode) for report in reports]
    result.seconds = time.perf_counter() - started
    result.words = sum(len(report["text"].split()) for report in reports)
    if coreference and reports:
        evaluate_coreference(reports, batches, result)
    return result


def evaluate_modes(
    path: Path, *, split: str | None = None, lang: str | None = None, modes: tuple[str, ...] = tuple(MODES)
) -> dict[str, Evaluation]:
    """The same reports evaluated in each mode (model, rules, combined, and the accurate
    model's), without coreference, to compare what each part of the pipeline contributes."""
    return {mode: evaluate(path, split=split, lang=lang, mode=mode, coreference=False) for mode in modes}

"""Alerts: after a run has written its new reports, every watched entity that one of them
mentions raises an Alert node, linked to the watch list entry (ALERTED), the entity (MATCHED)
and the report (FOUND_IN), with the mention's sentence as its provenance. One alert per entry,
report and entity (its id says so), so running again raises nothing twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.store.base import GraphStore
from graph.watch.entries import WatchEntry, read_watches, watch_kinds
from graph.watch.matching import match

DOCUMENTS_PER_READ = 200  # new reports whose mentions one read returns


@dataclass(frozen=True)
class Alert:
    """One watched entity found in one report, as the run report and `graph watch alerts` show it."""

    id: str
    watch_kind: str
    watch_value: str
    entity_id: str
    entity_name: str
    score: float
    method: str
    doc_id: str
    document: str | None
    url: str | None
    published: str | None
    sentence: str | None
    raised_at: str | None = None


def candidates_query(labels: list[str]) -> str:
    """The mentions of watched labels in given reports; `labels` come from the ontology."""
    where = " OR ".join(f"n:{label}" for label in labels)
    return (
        "UNWIND $ids AS id MATCH (d:Document {id: id})-[m:MENTIONS]->(n) "
        f"WHERE {where} "
        "RETURN d.id AS doc_id, coalesce(d.title, d.path) AS document, d.url AS url, "
        "d.published AS published, n.id AS id, labels(n)[0] AS label, n.name AS name, "
        "n.aliases AS aliases, n.handle AS handle, n.kind AS kind, m.start AS start, m.end AS end, "
        "m.sentence_no AS sentence_no, coalesce(m.sentence, d.sentences[m.sentence_no]) AS sentence "
        "ORDER BY doc_id, start"
    )


def find_alerts(store: GraphStore, doc_ids: list[str]) -> list[tuple[Alert, dict[str, Any]]]:
    """Each watched entity the reports `doc_ids` mention, at its first mention in each report,
    with that mention's row."""
    entries = [WatchEntry(w["kind"], w["value"], w["key"]) for w in read_watches(store)]
    entries = [e for e in entries if e.kind in watch_kinds()]
    if not entries or not doc_ids:
        return []
    labels = sorted({store.ontology.check_label(watch_kinds()[e.kind].label) for e in entries})
    query = candidates_query(labels)
    found: dict[str, tuple[Alert, dict[str, Any]]] = {}
    for at in range(0, len(doc_ids), DOCUMENTS_PER_READ):
        for row in store.read(query, {"ids": doc_ids[at : at + DOCUMENTS_PER_READ]}).records():
            for entry in entries:
                matched = match(entry, watch_kinds()[entry.kind], row)
                alert_id = f"alert:{entry.id}:{row['doc_id']}:{row['id']}"
                if matched is None or alert_id in found:
                    continue
                alert = Alert(
                    alert_id, entry.kind, entry.value, row["id"], row["name"] or row["handle"] or row["id"],
                    matched[0], matched[1], row["doc_id"], row["document"], row["url"], row["published"],
                    row["sentence"],
                )  # fmt: skip
                found[alert_id] = (alert, {**row, "watch_id": entry.id})
    return list(found.values())


def alert_batch(found: list[tuple[Alert, dict[str, Any]]], run_id: str | None) -> GraphBatch:
    """The Alert nodes and their links, each supported by the mention that raised it."""
    raised_at = datetime.now(UTC).isoformat(timespec="seconds")
    batch = GraphBatch()
    for alert, row in found:
        prov = Provenance(
            alert.doc_id, row["start"], row["end"], alert.sentence or "", f"watch:{alert.method}",
            alert.score, alert.published, row["sentence_no"],
        )  # fmt: skip
        props = {
            "watch_id": row["watch_id"], "watch_kind": alert.watch_kind, "watch_value": alert.watch_value,
            "entity_id": alert.entity_id, "entity_name": alert.entity_name, "score": alert.score,
            "method": alert.method, "run_id": run_id, "raised_at": raised_at, "published": alert.published,
        }  # fmt: skip
        batch.nodes.append(NodeRecord("Alert", alert.id, props, prov))
        batch.edges += [
            EdgeRecord("ALERTED", "Watch", row["watch_id"], "Alert", alert.id, "", {}, prov),
            EdgeRecord("MATCHED", "Alert", alert.id, row["label"], alert.entity_id, "", {}, prov),
            EdgeRecord("FOUND_IN", "Alert", alert.id, "Document", alert.doc_id, "", {}, prov),
        ]
    return batch


def raise_alerts(store: GraphStore, doc_ids: list[str], run_id: str | None = None) -> list[Alert]:
    """Find the watched entities in the reports `doc_ids` and write their alerts; returns them."""
    found = find_alerts(store, doc_ids)
    if found:
        store.write_batch(alert_batch(found, run_id))
    return [alert for alert, _ in found]


ALERTS = (
    "MATCH (a:Alert) WHERE a.id > $after AND ($since IS NULL OR a.raised_at >= $since) "
    "OPTIONAL MATCH (a)-[:FOUND_IN]->(d:Document) "
    "RETURN a.id AS id, a.watch_kind AS watch_kind, a.watch_value AS watch_value, "
    "a.entity_id AS entity_id, a.entity_name AS entity_name, a.score AS score, a.method AS method, "
    "d.id AS doc_id, coalesce(d.title, d.path) AS document, d.url AS url, d.published AS published, "
    "coalesce(a.sentence, d.sentences[a.sentence_no]) AS sentence, a.raised_at AS raised_at "
    "ORDER BY id LIMIT $page"
)


def list_alerts(store: GraphStore, since: str | None = None) -> list[Alert]:
    """Every alert raised since `since` (an ISO date or time; None: all), newest first."""
    alerts = [Alert(**row) for row in store.read_paged(ALERTS, {"since": since})]
    return sorted(alerts, key=lambda a: (a.raised_at or "", a.id), reverse=True)

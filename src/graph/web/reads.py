"""What the workbench reads from the store: the statements in `cypher/web/`, each run as an
investigator's query is (the store's plan check and read mode, a row limit made on the
server), serialised through one lock since the embedded store's client is shared by the
server's threads. A result cut at its limit says so (`Rows.cut`), never silently."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

from graph.nlp.normalise import normalise
from graph.ontology import load_ontology
from graph.store.base import GraphStore, QueryResult, statement
from graph.store.library import lookup_term
from graph.store.vocabulary import unknown_names

# Rows a page reads at most; a page cut at its bound says so.
SEARCH_ROWS = 200
CLUSTER_ROWS = 200
CO_PARTICIPANT_ROWS = 500
AGE_ROWS = 500
FACT_ROWS = 5000
NEIGHBOUR_ROWS = 2000
NETWORK_ROWS = 20000
PLACE_ROWS = 5000
COMMUNITY_ROWS = 10000
TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Rows:
    """Rows of one read and whether the bound cut them (`cut` is then the bound)."""

    records: list[dict[str, Any]]
    cut: int | None = None


@cache
def web_statement(name: str) -> str:
    """A statement from `cypher/web/NAME.cypher`, comments removed (read once)."""
    return statement(name, folder="web")


def one_per_entity(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Search rows with an entity's SAME_AS twins folded into its first row, whose `names`
    then holds every name of it (its own first).

    >>> rows = [{"id": "p:a", "name": "Himen Aziz", "aliases": None, "twin_ids": ["p:b"],
    ...          "twin_names": ["هيمن عزيز"]},
    ...         {"id": "p:b", "name": "هيمن عزيز", "aliases": ["عزيز"], "twin_ids": ["p:a"],
    ...          "twin_names": ["Himen Aziz"]}]
    >>> [(r["id"], r["names"]) for r in one_per_entity(rows)]
    [('p:a', ['Himen Aziz', 'هيمن عزيز'])]
    """
    kept: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in rows:
        if row["id"] in seen:
            continue
        seen.update([row["id"], *row["twin_ids"]])
        names = [str(row["name"] or row["id"]), *(str(n) for n in row["twin_names"] if n)]
        kept.append({**row, "names": list(dict.fromkeys(names))})
    return kept


class Reads:
    """The workbench's reads on one open store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.lock = threading.Lock()
        self.entity_labels = set(load_ontology().entity_labels)

    def run(
        self, cypher: str, params: dict[str, Any], limit: int, timeout_s: float = TIMEOUT_S
    ) -> QueryResult:
        """Any read-only query, as `graph query` runs it (refused when its plan writes)."""
        with self.lock:
            return self.store.query(cypher, params, limit=limit, timeout_s=timeout_s)

    def counts(self) -> dict[str, int]:
        """Nodes per label of the things found in reports (the tool's records left out)."""
        with self.lock:
            counts = self.store.counts()
        return {label: n for label, n in counts.items() if label in self.entity_labels}

    def unknown_names(self, cypher: str) -> list[str]:
        """Warnings for the labels, types and properties `cypher` names that the graph never held."""
        with self.lock:
            return [str(name) for name in unknown_names(self.store, cypher)]

    def rows(self, name: str, params: dict[str, Any], limit: int, label: str | None = None) -> Rows:
        """The rows of statement `name`; `label` (checked against the ontology) fills its {label}."""
        cypher = web_statement(name)
        if label is not None:
            cypher = cypher.replace("{label}", load_ontology().check_label(label))
        result = self.run(cypher, params, limit)
        return Rows(result.records(), cut=limit if result.truncated else None)

    def search(self, text: str) -> Rows:
        """Entities whose name or alias holds `text` (folded as the graph's names are)."""
        name = normalise(text)
        try:
            term = lookup_term(name)
        except ValueError:
            return Rows([])
        found = self.rows("search", {"term": term, "name": name}, SEARCH_ROWS)
        return Rows(one_per_entity([r for r in found.records if r["label"] in self.entity_labels]), found.cut)

    def cluster(self, label: str, node_id: str) -> Rows:
        """The node and its SAME_AS twins, with their properties."""
        return self.rows("cluster", {"id": node_id}, CLUSTER_ROWS, label=label)

    def by_label(self, ids: list[str]) -> dict[str, list[str]]:
        """`ids` grouped by the label of their node, each found through its label's index (a
        lookup without a label scans every node); ids of no node are left out."""
        lookups = " UNION ALL ".join(
            f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id, '{label}' AS label"
            for label in sorted(self.entity_labels)
        )
        groups: dict[str, list[str]] = {}
        for row in self.run(lookups, {"ids": ids}, len(ids) * len(self.entity_labels)).rows:
            groups.setdefault(row[1], []).append(row[0])
        return groups

    def per_label(self, name: str, ids: list[str], limit: int) -> Rows:
        """The rows of statement `name` for the nodes `ids`, run once per label."""
        records: list[dict[str, Any]] = []
        cut = None
        for label, group in sorted(self.by_label(ids).items()):
            found = self.rows(name, {"ids": group}, limit, label=label)
            records += found.records
            cut = cut or found.cut
        return Rows(records, cut)

    def facts(self, ids: list[str]) -> Rows:
        return self.per_label("facts", ids, FACT_ROWS)

    def co_participants(self, ids: list[str]) -> Rows:
        """Who took part in the same events as the nodes `ids`, most shared first."""
        found = self.per_label("coparticipants", ids, CO_PARTICIPANT_ROWS)
        return Rows(sorted(found.records, key=lambda r: (-r["shared"], r["id"])), found.cut)

    def ages(self, ids: list[str]) -> Rows:
        """The ages the reports give the nodes `ids`, each with its report."""
        return self.per_label("ages", ids, AGE_ROWS)

    def neighbours(self, ids: list[str]) -> Rows:
        return self.per_label("neighbours", ids, NEIGHBOUR_ROWS)

    def nodes(self, ids: list[str]) -> Rows:
        """The nodes `ids` as the network page draws them."""
        return self.per_label("nodes", ids, len(ids))

    def network(self) -> Rows:
        return self.rows("network", {}, NETWORK_ROWS)

    def places(self) -> Rows:
        return self.rows("places", {}, PLACE_ROWS)

    def community(self, community: int) -> Rows:
        return self.rows("community", {"community": community}, COMMUNITY_ROWS)

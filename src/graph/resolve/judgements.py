"""Judgements that last: a person's decision that two records are one person (`same`) or are
not (`not_same`), kept as a Judgement node (who, when, why, the two ids) linked to both. A
`same` judgement links the two by SAME_AS (method `analyst`, score 1); a `not_same` one removes
their links, and the automatic resolver never links a judged pair, so re-ingesting and
re-resolving keep every decision. A new decision on a pair replaces the one before; undoing one
keeps its record (`undone_at`, `undone_by`) and takes back what it did."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.store.base import GraphStore, StoreError, statement

KINDS = ("same", "not_same")
METHOD = "analyst"  # the method of a SAME_AS link a person made

JUDGEMENTS = (
    "MATCH (j:Judgement) WHERE j.id > $after "
    "RETURN j.id AS id, j.kind AS kind, j.a AS a, j.b AS b, j.analyst AS analyst, j.reason AS reason, "
    "j.made_at AS made_at, j.undone_at AS undone_at, j.undone_by AS undone_by ORDER BY id LIMIT $page"
)
PEOPLE = "MATCH (p:Person) WHERE p.id IN $ids RETURN p.id"


@dataclass(frozen=True)
class Judgement:
    id: str
    kind: str
    a: str
    b: str
    analyst: str
    reason: str
    made_at: str
    undone_at: str | None = None
    undone_by: str | None = None

    @property
    def holds(self) -> bool:
        return self.undone_at is None

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))


def judgements(store: GraphStore, *, undone: bool = False) -> list[Judgement]:
    """Every judgement, oldest first (with the undone ones where `undone`)."""
    rows = store.read_paged(JUDGEMENTS)
    found = [Judgement(**{**r, "analyst": r["analyst"] or "", "reason": r["reason"] or ""}) for r in rows]
    return sorted((j for j in found if undone or j.holds), key=lambda j: (j.made_at, j.id))


def judged_pairs(store: GraphStore) -> dict[frozenset[str], str]:
    """The kind of the judgement that holds on each judged pair."""
    return {j.pair: j.kind for j in judgements(store)}


def judge(
    store: GraphStore, kind: str, first: str, second: str, *, analyst: str, reason: str = ""
) -> Judgement:
    """Record a person's decision on two people (by node id) and act on it; a decision on the
    same two made before is undone by it."""
    if kind not in KINDS:
        raise StoreError(f"a judgement is one of {', '.join(KINDS)}, not {kind!r}")
    a, b = sorted((first, second))
    if a == b:
        raise StoreError(f"a judgement needs two different people, got {a!r} twice")
    found = {row[0] for row in store.read(PEOPLE, {"ids": [a, b]}).rows}
    if missing := [x for x in (a, b) if x not in found]:
        raise StoreError(f"no person with the id {missing[0]!r} (see `graph resolve --list`)")
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    judgement = Judgement(f"judgement:{kind}:{a}|{b}:{now}", kind, a, b, analyst, reason, now)
    earlier = [j.id for j in judgements(store) if j.pair == judgement.pair]
    node = NodeRecord(
        "Judgement",
        judgement.id,
        {"kind": kind, "a": a, "b": b, "analyst": analyst, "reason": reason or None, "made_at": now},
    )
    edges = [EdgeRecord("JUDGES", "Judgement", judgement.id, "Person", x, "", {}, None) for x in (a, b)]
    if kind == "same":
        prov = Provenance("", 0, 0, f"{a} = {b}: {reason}".rstrip(": "), f"{METHOD}:{analyst}", 1.0, None)
        link = {"score": 1.0, "method": METHOD}
        edges.append(EdgeRecord("SAME_AS", "Person", a, "Person", b, "", link, prov))
    # what held on the pair goes first, then the decision is written
    undone = [(statement("undo_judgements"), {"ids": earlier, "at": now, "analyst": analyst})]
    unlinked = [(statement("unlink_pair"), {"a": a, "b": b, "method": None})]
    store.write_batch(GraphBatch(), then=undone + unlinked)
    store.write_batch(GraphBatch([node], edges))
    return judgement


def undo(store: GraphStore, judgement_id: str, *, analyst: str) -> Judgement:
    """Undo a judgement that holds: its record stays, marked; a `same` one's link goes (the
    resolver may link the two again by itself), a `not_same` one's veto is lifted."""
    holding = {j.id: j for j in judgements(store)}
    if judgement_id not in holding:
        raise StoreError(f"no judgement {judgement_id!r} holds (see `graph resolve --judgements`)")
    judgement = holding[judgement_id]
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    then = [(statement("undo_judgements"), {"ids": [judgement_id], "at": now, "analyst": analyst})]
    if judgement.kind == "same":
        then.append((statement("unlink_pair"), {"a": judgement.a, "b": judgement.b, "method": METHOD}))
    store.write_batch(GraphBatch(), then=then)
    return replace(judgement, undone_at=now, undone_by=analyst)

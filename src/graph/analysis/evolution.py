"""Compares the community structure of two periods: who joined or left the network, and which
communities continued, merged, split, emerged or dissolved (matched by Jaccard overlap)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

Node = Hashable
Partition = dict[Node, int]


@dataclass(frozen=True)
class CommunityMatch:
    """A community of the earlier period matched to one of the later period."""

    before: int
    after: int
    jaccard: float


@dataclass(frozen=True)
class PartitionChange:
    """What changed between two partitions; community numbers are those of each partition."""

    joined: set[Node]
    left: set[Node]
    matches: list[CommunityMatch]
    continued: list[CommunityMatch]
    merged: list[tuple[tuple[int, ...], int]]
    split: list[tuple[int, tuple[int, ...]]]
    emerged: list[int]
    dissolved: list[int]
    moved: dict[Node, tuple[int, int]]


def compare_partitions(before: Partition, after: Partition, *, min_jaccard: float = 0.3) -> PartitionChange:
    """Match communities whose Jaccard overlap is at least `min_jaccard` (Greene et al.'s tracking
    rule): one later community matched by several earlier ones is a merger, the converse a split,
    and an unmatched one emerged or dissolved. `moved` lists nodes present in both periods whose
    later community is not a match of their earlier one, as (before, after) numbers."""
    groups_before, groups_after = _groups(before), _groups(after)
    matches = [
        CommunityMatch(b, a, score)
        for b, members_b in sorted(groups_before.items())
        for a, members_a in sorted(groups_after.items())
        if (score := jaccard(members_b, members_a)) >= min_jaccard and score > 0
    ]
    to_after: dict[int, list[int]] = {}
    to_before: dict[int, list[int]] = {}
    for match in matches:
        to_after.setdefault(match.before, []).append(match.after)
        to_before.setdefault(match.after, []).append(match.before)
    merged = [(tuple(bs), a) for a, bs in sorted(to_before.items()) if len(bs) > 1]
    split = [(b, tuple(as_)) for b, as_ in sorted(to_after.items()) if len(as_) > 1]
    continued = [m for m in matches if len(to_after[m.before]) == 1 and len(to_before[m.after]) == 1]
    moved = {
        node: (before[node], after[node])
        for node in sorted(set(before) & set(after), key=str)
        if after[node] not in to_after.get(before[node], [])
    }
    return PartitionChange(
        joined=set(after) - set(before),
        left=set(before) - set(after),
        matches=matches,
        continued=continued,
        merged=merged,
        split=split,
        emerged=sorted(set(groups_after) - set(to_before)),
        dissolved=sorted(set(groups_before) - set(to_after)),
        moved=moved,
    )


def jaccard(a: set[Node], b: set[Node]) -> float:
    """|a ∩ b| / |a ∪ b|, 0 for two empty sets."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _groups(partition: Partition) -> dict[int, set[Node]]:
    groups: dict[int, set[Node]] = {}
    for node, label in partition.items():
        groups.setdefault(label, set()).add(node)
    return groups

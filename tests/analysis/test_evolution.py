"""Comparing two periods' partitions: arrivals, departures, mergers, splits."""

from __future__ import annotations

from graph.analysis.evolution import CommunityMatch, compare_partitions, jaccard


def test_merge_split_join_leave_and_moves():
    before = {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1, "g": 2, "h": 2, "x": 3, "y": 3, "old": 4}
    after = {"a": 0, "b": 0, "c": 0, "d": 0, "e": 0, "f": 0, "g": 1, "h": 2, "i": 2, "x": 3, "y": 4, "new": 5}
    change = compare_partitions(before, after)
    assert change.joined == {"i", "new"}
    assert change.left == {"old"}
    assert change.merged == [((0, 1), 0)]
    assert change.split == [(2, (1, 2)), (3, (3, 4))]
    assert change.dissolved == [4]
    assert change.emerged == [5]
    assert change.continued == []
    assert change.moved == {}


def test_continuity_and_a_moved_member():
    before = {"a": 0, "b": 0, "c": 0, "d": 0, "e": 1, "f": 1, "g": 1, "h": 1}
    after = {"a": 1, "b": 1, "c": 1, "d": 0, "e": 0, "f": 0, "g": 0, "h": 0}
    change = compare_partitions(before, after)
    assert change.continued == [CommunityMatch(0, 1, 0.75), CommunityMatch(1, 0, 0.8)]
    assert change.moved == {"d": (0, 0)}


def test_jaccard():
    assert jaccard({1, 2}, {2, 3}) == 1 / 3
    assert jaccard(set(), set()) == 0.0

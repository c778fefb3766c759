"""UCINET DL: full matrices (labels given, embedded or absent, symmetric or not), edge lists and
node lists, and the files that are refused with their reason."""

from __future__ import annotations

import pytest

from graph.analysis.ucinet import parse_dl


def test_full_matrix_numbered_and_asymmetric():
    dl = parse_dl("dl n = 3\ndata:\n0 1 0\n0 0 3\n2 0 0\n")
    assert dl.actors == ["1", "2", "3"] and not dl.symmetric_matrix
    assert dl.ties == [("1", "2", 1.0), ("2", "3", 3.0), ("3", "1", 2.0)]


def test_labels_section_quoted_and_over_lines():
    dl = parse_dl('DL N=3\nLABELS:\n"Abu Salim", Bashir\nCarim\nDATA:\n0 1 1\n1 0 0\n1 0 0\n')
    assert dl.actors == ["Abu Salim", "Bashir", "Carim"] and dl.symmetric_matrix
    assert ("Abu Salim", "Carim", 1.0) in dl.ties


def test_edge_and_node_lists():
    edges = parse_dl("DL n=4 format=edgelist1\nlabels embedded:\ndata:\nsalim karim 3\nkarim omar\n")
    assert edges.ties == [("salim", "karim", 3.0), ("karim", "omar", 1.0)]
    nodes = parse_dl("DL n=4\nformat=nodelist1\ndata:\n1 2 3\n4 1\n")
    assert nodes.ties == [("1", "2", 1.0), ("1", "3", 1.0), ("4", "1", 1.0)]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("n=2\ndata:\n0 1\n1 0\n", "not a UCINET DL"),
        ("DL n=2\n0 1\n1 0\n", "no 'data:'"),
        ("DL nr=2 nc=3\ndata:\n0 1 0\n1 0 1\n", "two-mode"),
        ("DL n=2 nm=2\ndata:\n0 1\n1 0\n0 0\n0 0\n", "2 matrices"),
        ("DL format=edgelist1\ndata:\n1 2\n", "no 'n='"),
        ("DL n=2 format=blocks\ndata:\n1 2\n", "not supported"),
        ("DL n=3\ndata:\n0 1\n1 0\n", "3x3 values"),
        ("DL n=2 format=edgelist1\ndata:\n1 5\n", "not a number from 1 to 2"),
        ("DL n=2 format=edgelist1\ndata:\n1 2 many\n", "not a number"),
    ],
)
def test_refused_with_the_reason(text, reason):
    with pytest.raises(ValueError, match=rf"net\.dl: .*{reason}"):
        parse_dl(text, "net.dl")

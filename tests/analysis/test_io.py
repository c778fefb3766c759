"""Reading networks from edge lists (CSV, TSV, whitespace; header or not; weights) and GraphML."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.io import parse_edge_list, read_network

NAMES = st.text(alphabet="abcxyzABC019_-.سمير", min_size=1, max_size=8).map(lambda s: f"n{s}")
WEIGHTS = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)
EDGES = st.lists(st.tuples(NAMES, NAMES, st.one_of(st.none(), WEIGHTS)), min_size=1, max_size=40)
DELIMITERS = st.sampled_from([",", "\t", ";", " "])


def expected_graph(edges: list[tuple[str, str, float | None]]) -> nx.Graph:
    graph = nx.Graph()
    for u, v, w in edges:
        graph.add_nodes_from((u, v))
        if u != v:
            previous = graph.get_edge_data(u, v, {"weight": 0.0})["weight"]
            graph.add_edge(u, v, weight=previous + (1.0 if w is None else w))
    return graph


def render(edges: list[tuple[str, str, float | None]], delimiter: str, header: bool) -> str:
    lines = [delimiter.join(["source", "target", "weight"])] if header else []
    lines += [delimiter.join([u, v] + ([] if w is None else [repr(w)])) for u, v, w in edges]
    return "\n".join(lines) + "\n"


def same(a: nx.Graph, b: nx.Graph) -> bool:
    return set(a) == set(b) and {
        frozenset((u, v)): pytest.approx(w) for u, v, w in a.edges(data="weight")
    } == {frozenset((u, v)): w for u, v, w in b.edges(data="weight")}


@settings(max_examples=150, deadline=None)
@given(EDGES, DELIMITERS, st.booleans())
def test_parser_round_trips_any_edge_list(edges, delimiter, header):
    text = render(edges, delimiter, header)
    assert same(parse_edge_list(text, header=header), expected_graph(edges))


@settings(max_examples=150, deadline=None)
@given(EDGES, DELIMITERS, st.booleans())
def test_parser_detects_the_header_by_itself(edges, delimiter, header):
    assert same(parse_edge_list(render(edges, delimiter, header)), expected_graph(edges))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parser_either_reads_or_raises_value_error(text):
    try:
        graph = parse_edge_list(text)
    except ValueError as error:
        assert "line" in str(error)
    else:
        assert all(w > 0 for _, _, w in graph.edges(data="weight"))


def test_csv_with_header_and_weights(tmp_path: Path):
    path = tmp_path / "net.csv"
    path.write_text("source,target,weight\nا,ب,2\nب,ج,0.5\nا,ب,1\n# comment\n\nج,ج,3\n", encoding="utf-8")
    graph = read_network(path)
    assert sorted(graph) == ["ا", "ب", "ج"]
    assert graph["ا"]["ب"]["weight"] == 3.0  # repeated pairs add up
    assert graph["ب"]["ج"]["weight"] == 0.5
    assert not nx.number_of_selfloops(graph)


def test_tsv_without_header_numeric_ids(tmp_path: Path):
    path = tmp_path / "net.tsv"
    path.write_text("1\t2\n2\t3\n3\t1\n", encoding="utf-8")
    graph = read_network(path)
    assert sorted(graph) == ["1", "2", "3"] and graph.number_of_edges() == 3
    assert {w for _, _, w in graph.edges(data="weight")} == {1.0}


def test_header_with_unknown_names_above_numeric_ids_is_detected():
    graph = parse_edge_list("actor_a;actor_b\n10;11\n11;12\n")
    assert sorted(graph) == ["10", "11", "12"]


def test_whitespace_separated_and_windows_line_ends():
    graph = parse_edge_list("a b 2\r\nb c\r\n")
    assert graph["a"]["b"]["weight"] == 2.0 and graph["b"]["c"]["weight"] == 1.0


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("source,target\na,b\nlonely\nc,d\n", 3, "expected"),
        ("a,b,1\nb,c,heavy\n", 2, "not a number"),
        ("a,b,1\nb,c,-2\n", 2, "positive"),
        ("a,b,1\n\nb,c,0\n", 3, "positive"),
    ],
)
def test_bad_rows_name_the_file_and_line(tmp_path: Path, text, line, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"bad\.csv, line {line}: .*{message}"):
        read_network(path)


def test_graphml(tmp_path: Path):
    source = nx.Graph()
    source.add_node(1, name="Mohammed", label="Person")
    source.add_edge(1, 2, weight=2.5)
    source.add_edge(2, 3)
    nx.write_graphml(source, tmp_path / "net.graphml")
    graph = read_network(tmp_path / "net.graphml")
    assert sorted(graph) == ["1", "2", "3"]
    assert graph.nodes["1"]["name"] == "Mohammed"
    assert graph["1"]["2"]["weight"] == 2.5 and graph["2"]["3"]["weight"] == 1.0


def test_broken_graphml_names_the_file(tmp_path: Path):
    path = tmp_path / "broken.graphml"
    path.write_text("<graphml><graph>", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.graphml"):
        read_network(path)


@pytest.mark.parametrize("duplicates", ["sum", "max", "last"])
def test_ties_read_twice_combine_by_the_rule(duplicates):
    graph = parse_edge_list("a b 2\nb a 5\na b 1\n", duplicates=duplicates)
    assert graph["a"]["b"]["weight"] == {"sum": 8.0, "max": 5.0, "last": 1.0}[duplicates]
    with pytest.raises(ValueError, match="duplicates"):
        parse_edge_list("a b\n", duplicates="mean")


def test_gexf_labels_become_names(tmp_path: Path):
    source = nx.DiGraph()
    source.add_node("n1", label="Karwan Saleh")
    source.add_node("n2", label="هيمن عزيز")
    source.add_edge("n1", "n2", weight=2.0)
    source.add_edge("n2", "n1", weight=3.0)  # the other direction of the same tie
    nx.write_gexf(source, tmp_path / "net.gexf")
    graph = read_network(tmp_path / "net.gexf")
    assert not graph.is_directed() and sorted(graph) == ["n1", "n2"]
    assert graph.nodes["n2"]["name"] == "هيمن عزيز" and "label" not in graph.nodes["n2"]
    assert graph["n1"]["n2"]["weight"] == 5.0


def test_pajek_with_arcs_and_weights(tmp_path: Path):
    path = tmp_path / "net.net"
    path.write_text(
        '*Vertices 3\n1 "Amir"\n2 "Bashir"\n3 "Carim"\n*Arcs\n1 2 2\n2 1 1\n2 3 4\n3 3 1\n', encoding="utf-8"
    )
    graph = read_network(path)
    assert sorted(graph) == ["Amir", "Bashir", "Carim"]
    assert graph["Amir"]["Bashir"]["weight"] == 3.0 and graph["Bashir"]["Carim"]["weight"] == 4.0
    assert not nx.number_of_selfloops(graph)
    broken = tmp_path / "broken.net"
    broken.write_text('*Vertices 2\n1 "a"\n*Edges\n1 x\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.net.*Pajek"):
        read_network(broken)


def test_ucinet_dl_full_matrix_with_embedded_labels(tmp_path: Path):
    path = tmp_path / "net.dl"
    path.write_text(
        "DL N=3 FORMAT=FULLMATRIX\nLABELS EMBEDDED\nDATA:\n  A B C\nA 0 2 0\nB 2 0 1\nC 0 1 0\n",
        encoding="utf-8",
    )
    graph = read_network(path)
    assert sorted(graph) == ["A", "B", "C"]
    # a symmetric matrix gives each tie once, not twice
    assert (
        graph["A"]["B"]["weight"] == 2.0 and graph["B"]["C"]["weight"] == 1.0 and graph.number_of_edges() == 2
    )

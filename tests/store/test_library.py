"""The query library's parameters: a value outside the ontology's allowed ones, or a date that
is not one, is refused naming what is allowed (not answered with an empty table), in either
script's typos, from the library and from `graph query`."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from graph.cli import app
from graph.store.library import allowed_values, load_queries, parse_query_file

EVENTS = load_queries()["events_by_kind"]
KINDS = allowed_values("Event.kind")


def test_a_kind_the_ontology_does_not_have_is_refused_with_the_nearest():
    with pytest.raises(ValueError, match=r"kind='arest' is not one of arrest, charge.*did you mean 'arrest'"):
        EVENTS.bind({"kind": "arest"})
    with pytest.raises(ValueError, match=r"kind='اعتقال' is not one of") as refused:
        EVENTS.bind({"kind": "اعتقال"})
    assert "did you mean" not in str(refused.value)  # nothing near enough to suggest


@given(st.sampled_from(KINDS), st.sampled_from(["2024", 2024, "2024-05", "2024-05-17", "0000"]))
def test_every_allowed_kind_and_date_shape_binds(kind, date):
    bound = EVENTS.bind({"kind": kind, "from": date})
    assert bound["kind"] == kind and bound["from"] == str(date)


@given(st.text(min_size=1, max_size=12).filter(lambda t: t not in KINDS))
def test_any_other_kind_is_refused(kind):
    with pytest.raises(ValueError, match="is not one of"):
        EVENTS.bind({"kind": kind})


def test_a_date_in_arabic_indic_digits_is_a_date():
    assert EVENTS.bind({"kind": "arrest", "from": "٢٠٢٤-٠٥"})["from"] == "2024-05"


@pytest.mark.parametrize("date", ["May 2024", "2024/05", "24-05-17", "أيار ٢٠٢٤", "", None])
def test_a_date_that_is_not_one_is_refused(date):
    with pytest.raises(ValueError, match=r"is not a date; give YYYY, YYYY-MM or YYYY-MM-DD"):
        EVENTS.bind({"kind": "arrest", "to": date})


def test_allowed_values_must_be_an_enum_of_the_ontology(tmp_path):
    path = tmp_path / "q.cypher"
    path.write_text("// name: q\n// params: name\n// allowed: name=Person.name\nRETURN $name AS x\n")
    with pytest.raises(ValueError, match=r"Person\.name has no list of allowed values"):
        parse_query_file(path).bind({"name": "x"})


def test_graph_query_says_which_kinds_there_are_and_fails(tmp_path):
    result = CliRunner().invoke(
        app, ["query", "--name", "events_by_kind", "--param", "kind=arest", "--data", str(tmp_path / "d")]
    )
    assert result.exit_code != 0
    assert "did you mean 'arrest'" in result.output

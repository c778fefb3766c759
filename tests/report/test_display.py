"""Huge values (report/display.py): a real 1 MB sentence, title and url in the store, and a name
as long as the store keeps (etl/limits.yaml's `store.value_chars`; a longer one is refused, see
tests/store/test_bounds.py), make a report that stays small and opens in the browser, and a
`graph query` table that stays small, each showing the value cut to the bound of etl/report.yaml
with a mark that gives its full length; the graph and `graph query --json` keep the value whole."""

from __future__ import annotations

import doctest
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.store.embedded import EmbeddedStore

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
MB = 1 << 20
HUGE = "Karwan Saleh " + "x" * MB
HUGE_ID = "person:karwan_saleh_huge"
MARK = f"[cut: {len(HUGE):,} characters in full]"
NAME = "Karwan Saleh " + "x" * 1980  # within the store's bound on an indexed value (2,000)
NAME_MARK = f"[cut: {len(NAME):,} characters in full]"
BOUND = 1000  # etl/report.yaml's value_max_chars, read again below


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one person with a long name (and alias), read from a document whose title,
    url and sentence are 1 MB, linked to others so that they are actors in the report."""
    folder = tmp_path_factory.mktemp("huge") / "data"
    doc = {"title": HUGE, "url": "https://example.org/" + "x" * MB, "text": HUGE, "lang": "en"}
    prov = Provenance("doc:huge", 0, len(HUGE), HUGE, "test", 0.9, "2024-05-01")
    huge = NodeRecord("Person", HUGE_ID, {"name": NAME, "unnamed": False}, prov, [NAME])
    people = [NodeRecord("Person", f"person:p{i}", {"name": f"Person {i}"}, prov) for i in range(3)]
    account = NodeRecord("Account", "account:a", {"name": "@a", "handle": "@a"}, prov)
    edges = [
        EdgeRecord("CONTROLS", "Person", person.id, "Account", account.id, "", {}, prov)
        for person in (huge, *people)
    ]
    with EmbeddedStore(folder, write=True) as store:
        store.write_batch(
            GraphBatch([NodeRecord("Document", "doc:huge", doc), huge, *people, account], edges)
        )
    return folder


def test_the_bound_is_the_one_in_etl_report_yaml_and_the_examples_hold() -> None:
    import graph.report.display
    from graph.report.display import max_chars

    assert max_chars() == BOUND
    examples = doctest.testmod(graph.report.display)
    assert examples.failed == 0 and examples.attempted > 5


def test_the_graph_keeps_the_whole_value(data: Path) -> None:
    with EmbeddedStore(data) as store:
        rows = store.query(
            "MATCH (p:Person {id: $id})-[r:CONTROLS]->() RETURN size(p.name), size(r.sentence)",
            {"id": HUGE_ID},
        ).rows
    assert rows == [[len(NAME), len(HUGE)]]


def test_a_query_table_cuts_the_value_and_json_keeps_it(data: Path) -> None:
    for value, full, mark in (("p.name", NAME, NAME_MARK), ("r.sentence", HUGE, MARK)):
        cypher = f"MATCH (p:Person)-[r:CONTROLS]->(a) WHERE size(p.name) > 100 RETURN {value}"
        table = runner.invoke(app, ["query", "--data", str(data), cypher])
        assert table.exit_code == 0, table.output[:500]
        assert len(table.output) < 2 * BOUND  # a MB, cut to the bound (and folded in one column)
        cell = "".join(line.strip("│ ") for line in table.output.splitlines()[3:-1])  # unfolded
        assert cell.replace(" ", "") == (full[:BOUND] + "…" + mark).replace(" ", "")
    cypher = "MATCH (p:Person)-[r:CONTROLS]->(a) WHERE size(p.name) > 100 RETURN p.id, p.name, r.sentence"
    lines = runner.invoke(app, ["query", "--data", str(data), "--json", cypher]).output.splitlines()
    assert json.loads(lines[0]) == {"p.id": HUGE_ID, "p.name": NAME, "r.sentence": HUGE}


def test_the_names_removed_by_a_what_if_are_cut_too(data: Path) -> None:
    result = runner.invoke(app, ["disrupt", "--data", str(data), "--remove", HUGE_ID])
    assert result.exit_code == 0, result.output[:500]
    assert len(result.output) < 20 * BOUND
    printed = re.sub(r"\s+", "", result.output)  # as folded at the console's width
    assert "removed:KarwanSalehxxx" in printed and NAME_MARK.replace(" ", "") + ";cutoff" in printed
    args = ["disrupt", "--data", str(data), "--remove", HUGE_ID, "--remove", "[bold]nobody"]
    unknown = runner.invoke(app, args)
    assert unknown.exit_code != 0
    assert "no match for '[bold]nobody'" in unknown.output  # a name is text, never markup


@pytest.fixture(scope="module")
def report(data: Path) -> Path:
    target = data.parent / "report.html"
    result = runner.invoke(app, ["report", "--data", str(data), "--out", str(target)])
    assert result.exit_code == 0, result.output
    return target


def test_the_report_stays_small_and_says_what_it_cut(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert report.stat().st_size < MB  # the whole report is smaller than the one name
    assert max(len(run) for run in re.findall("x+", html)) <= BOUND  # no value shown past the bound
    assert MARK in html and NAME_MARK in html  # each marked as cut, with its full length
    assert f"[cut: {len('https://example.org/') + MB:,} characters in full]" in html  # the url, as text
    assert 'href="https://example.org/x' not in html


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_the_report_with_a_huge_name_opens_and_shows_it_cut(report: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(report.as_uri())
        page.wait_for_selector("body[data-drawn='yes']", timeout=60_000)
        node = page.evaluate("NODES.find(n => n.label.startsWith('Karwan Saleh')).id")
        assert len(node) < 2 * BOUND  # the node's key in the page, bounded too
        page.evaluate("id => window.network.focus(id, {scale: 2, animation: false})", node)
        box = page.locator("#network").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_selector("#sources")
        panel = page.inner_text("#panel")
        assert panel.startswith("Karwan Saleh xxx") and NAME_MARK in panel
        browser.close()
    assert not errors, errors

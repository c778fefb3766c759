"""The HTML report as a person sees it: opened in headless Chromium, the network drawn, a node
clicked and its sources shown; pictures written beside it."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    data = folder / "data"
    assert runner.invoke(app, ["etl", "run", "samples", "--data", str(data)]).exit_code == 0
    result = runner.invoke(
        app, ["report", "--data", str(data), "--out", str(folder / "report.html"), "--png"]
    )
    assert result.exit_code == 0, result.output
    return folder / "report.html"


def test_the_report_is_one_self_contained_file_with_pictures_beside_it(report):
    html = report.read_text(encoding="utf-8")
    assert "<script src=" not in html and "<link " not in html and "http://" not in html.split("<main>")[0]
    for section in ("Communities", "Disruption", "Timeline of events", "Provenance", "Contradictions"):
        assert f"<h2>{section}</h2>" in html
    # the samples' planted contradiction (Iraqi in the NCA's release, Iranian in the intel note)
    contradictions = html.split('<table id="contradictions">')[1].split("</table>")[0]
    assert "Karwan Saleh" in contradictions and "Iraq" in contradictions and "Iran" in contradictions
    assert "NCA press office" in contradictions
    # support counts: TikTok hosts channel_taxi_uk in 7 reports from 6 independent sources
    provenance = html.split('<table id="provenance">')[1].split("</table>")[0]
    hosted = [row for row in provenance.split("<tr>") if ">channel_taxi_uk<" in row and "HOSTED_ON" in row]
    assert len(hosted) == 1 and "<td>7</td><td>6</td>" in hosted[0]
    assert "هيمن عزيز" in html and 'dir="auto"' in html
    for name in ("network", "disruption", "timeline"):
        for suffix in (".png", ".svg"):
            assert (report.parent / f"report-{name}{suffix}").stat().st_size > 1000


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_the_network_draws_and_a_click_shows_the_sources(report):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(report.as_uri())
        page.wait_for_selector("body[data-drawn='yes']", timeout=60_000)  # the CSP forbids eval
        drawn = page.evaluate("window.network.body.data.nodes.length")
        expected = page.evaluate("NODES.length")
        assert drawn == expected > 10
        assert page.locator("#network canvas").count() == 1
        point = page.evaluate("""() => { const id = 'person:himen_aziz';
            return window.network.canvasToDOM(window.network.getPositions([id])[id]); }""")
        box = page.locator("#network").bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_selector("#sources")
        panel = page.inner_text("#panel")
        assert "Himen Aziz" in panel and "هيمن عزيز" in panel and "Sources" in panel
        assert page.locator("#sources tr").count() > 2
        # filtering by community hides the others
        page.select_option("#f-community", "0")
        assert page.evaluate("window.network.body.data.nodes.length") < drawn
        shot = report.parent / "report-screenshot.png"
        page.screenshot(path=str(shot), full_page=False)
        browser.close()
    assert not errors, errors
    print(f"\nreport {report} ({report.stat().st_size // 1024} KB); screenshot {shot}")


def test_graph_export_from_the_cli_reads_back(report, tmp_path):
    import networkx as nx

    data = report.parent / "data"
    target = tmp_path / "network.graphml"
    result = runner.invoke(app, ["export", "--data", str(data), "--format", "graphml", "--out", str(target)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(target)
    assert graph.number_of_nodes() > 50
    assert all(d.get("label") for _, d in graph.nodes(data=True))
    assert any(d.get("name") == "هيمن عزيز" for _, d in graph.nodes(data=True))
    refused = runner.invoke(
        app, ["export", "--data", str(data), "--format", "pdf", "--out", str(tmp_path / "x")]
    )
    assert refused.exit_code == 2 and "unknown export format" in refused.output

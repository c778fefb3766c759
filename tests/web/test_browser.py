"""The workbench in a real browser (Chromium through Playwright), as an investigator goes
through it: search a name, open the dossier, open the network and expand a node, run a named
query from its form, save it and ask it again. The same pages are checked for accessibility
(axe-core's rules) and for Arabic set right to left."""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)"
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        opened = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield opened
        opened.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield opened
    context.close()
    assert not errors, errors  # no script error, no resource refused by the CSP, nothing missing


def test_search_dossier_network_query_save_and_rerun(page, served, tmp_path):
    page.goto(served + "/")
    page.fill("#q", "هيمن")
    page.press("#q", "Enter")
    found = page.locator('section[data-label="Person"] li')
    assert found.count() == 1 and "Himen Aziz" in found.inner_text() and "هيمن عزيز" in found.inner_text()
    found.locator("a").first.click()

    page.wait_for_selector("article.dossier")
    assert page.locator("#names li").count() == 2  # the SAME_AS cluster, one entity
    assert page.locator("#timeline li time.event-date").count() >= 3
    page.click("text=Open in the network")

    page.wait_for_selector("body[data-drawn='yes']", timeout=60_000)
    before = page.evaluate("window.graphData.nodeView.length")
    other = page.evaluate("""() => { const ids = window.graphData.nodes.getIds();
        return ids.find((id) => id.startsWith('account:telegram:')); }""")
    # hold the drawing still and put the node where nothing else is, then click it as a person would
    page.evaluate(f"""() => {{ window.network.setOptions({{physics: false}});
        const corner = window.network.DOMtoCanvas({{x: 40, y: 40}});
        window.network.moveNode('{other}', corner.x, corner.y); }}""")
    point = {"x": 40, "y": 40}
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector(f"body:not([data-nodes='{before}'])", timeout=30_000)  # the CSP forbids eval
    assert page.evaluate("window.graphData.nodeView.length") > before
    assert "hawler_boats" in page.inner_text("#selected")
    legend = page.inner_text("#legend")
    assert "community" in legend and "Person: dot" in legend
    page.uncheck("input.f-label[value='Event']")  # a filter hides a label
    assert page.evaluate("window.graphData.nodeView.get().every((n) => n.data.label !== 'Event')")
    page.screenshot(path=str(tmp_path / "network.png"))

    page.click("nav >> text=Queries")
    form = page.locator("#form-events_by_kind")
    form.locator("select").select_option("arrest")
    form.locator("button").click()
    page.wait_for_selector("#answer-table")
    rows = page.locator("#answer-table tbody tr").count()
    assert rows > 0
    page.fill("#save-title", "Arrests, all sources")
    page.click("form.save button")
    page.wait_for_selector("#saved a.rerun")
    page.click("#saved a.rerun >> text=Arrests, all sources")
    page.wait_for_selector("#answer-table")
    assert page.locator("#answer-table tbody tr").count() == rows


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=Himen",
        "/entity/Person/person:himen_aziz",
        "/network?id=person:himen_aziz",
        "/map",
        "/query",
        "/community/0",
    ],
)
def test_pages_have_no_accessibility_violations(page, served, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(served + path)
    if path.startswith("/network"):
        page.wait_for_selector("body[data-drawn='yes']", timeout=60_000)
    results = Axe().run(page)
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s)"
        for v in results.response["violations"]
    ]
    assert not found, "\n".join(found)


def test_arabic_is_set_right_to_left(page, served):
    page.goto(served + "/entity/Person/person:himen_aziz")
    directions = page.evaluate("""() => [...document.querySelectorAll('bdi, q, [dir=auto]')]
        .filter((e) => /[\\u0600-\\u06FF]/.test(e.textContent) && !/[A-Za-z]/.test(e.textContent))
        .map((e) => getComputedStyle(e).direction)""")
    assert directions and set(directions) == {"rtl"}
    english = page.evaluate("""() => [...document.querySelectorAll('q')]
        .filter((e) => /^[A-Z]/.test(e.textContent)).map((e) => getComputedStyle(e).direction)""")
    assert english and set(english) == {"ltr"}
    # an Arabic sentence ends at the left: its box's right edge is where it starts
    box = page.evaluate("""() => { const q = [...document.querySelectorAll('q')]
        .find((e) => e.textContent.startsWith('وفي 9 سبتمبر'));
        const r = q.getBoundingClientRect(); return [r.left, r.right]; }""")
    assert box[1] > box[0]

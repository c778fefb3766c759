"""The HTML report built from a hostile corpus (tests/data/hostile/report: urls, titles, names,
aliases and sentences carrying `javascript:`, `"'><svg onload=…>`, `</script>`, `<img onerror>`)
through the real pipeline (`graph etl run`, then `graph report`) on the embedded store: the
payloads are text in the page, only http(s) urls are links, and in a real browser that clicks
every node, hovers the panels, the links and the nodes, no dialog opens and no payload runs. The
page's Content-Security-Policy refuses an inline handler that gets into it anyway."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "report"
HTTP = re.compile(r"https?://", re.IGNORECASE)
# Set by the page's own listener (an init script) for every CSP violation, and by payloads.
WATCH = """
window.violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.violations.push(e.effectiveDirective + " " + (e.blockedURI || "inline")));
"""

ALL_HREFS = "[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))"


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    data = folder / "data"
    result = runner.invoke(app, ["etl", "run", str(HOSTILE / "hostile.yaml"), "--data", str(data)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["report", "--data", str(data), "--out", str(folder / "report.html")])
    assert result.exit_code == 0, result.output
    return folder / "report.html"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of every <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: list[tuple[str, dict[str, str | None], str]] = []
        self.inside: tuple[str, dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self.inside = (tag, dict(attrs), [])

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.inside[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.inside and tag == self.inside[0]:
            self.raw.append((tag, self.inside[1], "".join(self.inside[2])))
            self.inside = None


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_the_payloads_are_text_and_only_http_urls_are_links(hostile_report: Path) -> None:
    html = hostile_report.read_text(encoding="utf-8")
    page = Elements()
    page.feed(html)
    # the corpus reached the report: its names, titles and urls are there, as escaped text
    assert "&lt;svg onload=alert(&#39;owner&#39;)&gt;" in html
    assert "&lt;/script&gt;&lt;script&gt;alert(&#39;owner 2&#39;)&lt;/script&gt;" in html
    assert "javascript:alert(&#39;url 1&#39;)" in html
    for payload in ("<svg onload", "<img src=x", "</script><script>", "javascript:alert('"):
        assert payload not in html, payload
    assert not [(tag, name) for tag, attrs in page.tags for name in attrs if name.startswith("on")]
    hrefs = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert "https://example.org/news/sentencing" in hrefs
    assert "https://example.org/c'onmouseover='alert(2)'x='" in hrefs  # one attribute, quotes and all
    assert all(href and HTTP.match(href) for href in hrefs), hrefs
    # data blocks are JSON, never run; every script that runs is allowed by its hash
    policy = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv"))
    assert "'unsafe-inline'" not in policy and "object-src 'none'" in policy and "base-uri 'none'" in policy
    scripts = [(attrs.get("type"), text) for tag, attrs, text in page.raw if tag == "script"]
    assert len(scripts) == 4
    for kind, text in scripts:
        if kind == "application/json":
            assert "<" not in text and json.loads(text)  # nothing in the data can close its tag
        else:
            assert sha256(text) in policy


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_clicking_and_hovering_through_a_hostile_report_runs_no_script(hostile_report: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        dialogs: list[str] = []
        errors: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.add_init_script(WATCH)
        page.goto(hostile_report.as_uri())
        page.wait_for_selector("body[data-drawn='yes']", timeout=60_000)  # the CSP forbids eval
        title = page.title()
        ids = page.evaluate("NODES.map(n => n.id)")
        assert len(ids) > 10
        box = page.locator("#network").bounding_box()
        centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        panels: set[str] = set()
        hrefs: set[str | None] = set()
        for node in ids:
            # bring the node to the middle of the canvas, hover it (its tooltip), click it
            page.evaluate("id => window.network.focus(id, {scale: 2, animation: false})", node)
            page.mouse.move(*centre)
            page.mouse.click(*centre)
            page.wait_for_selector("#sources")
            panels.add(page.inner_text("#panel h3"))
            for element in page.locator("#panel h3, #panel a, #panel td:nth-child(2)").all():
                element.hover()
            hrefs |= set(page.evaluate(ALL_HREFS))
        for link in page.locator("main a").all():
            link.hover()
        assert len(panels) > len(ids) / 2  # the clicks opened the nodes' panels
        assert any("<svg onload=alert('owner')>" in text for text in panels)  # shown as text
        assert not dialogs, dialogs
        assert page.evaluate("window.pwned") is None
        assert page.title() == title
        assert all(href and HTTP.match(href) for href in hrefs), hrefs
        assert page.evaluate("window.violations") == []  # vis-network draws within the policy
        assert not errors, errors

        # an inline handler that got into the page anyway is refused, and reported
        page.evaluate("""() => { const b = document.createElement("button"); b.id = "probe";
            const policy = trustedTypes.createPolicy("probe", {createScript: text => text});
            b.textContent = "probe";
            b.setAttribute("onclick", policy.createScript("window.pwned = 'inline'"));
            document.body.prepend(b); }""")
        page.click("#probe")
        page.evaluate("""() => window.violations.length || new Promise(resolve =>
            document.addEventListener("securitypolicyviolation", resolve, {once: true}))""")
        assert page.evaluate("window.pwned") is None
        assert any(v.startswith("script-src") for v in page.evaluate("window.violations"))
        # and markup cannot be built from a string at all (Trusted Types)
        refused = page.evaluate("""() => { try { document.getElementById("panel").innerHTML = "<b>x</b>";
            return false; } catch (e) { return e instanceof TypeError; } }""")
        assert refused
        browser.close()

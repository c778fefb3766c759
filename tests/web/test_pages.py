"""The workbench's pages as the server renders them, over the samples' real embedded store:
search in both scripts, a dossier that holds a SAME_AS cluster as one entity, the map, the
network's data, the query page (named queries, Cypher, errors, saved queries, the audit
trail), and who may use it."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from graph.audit import read_log
from graph.web import saved
from graph.web.app import create_app
from graph.web.reads import Reads
from graph.web.settings import Settings

HIMEN = "/entity/Person/person:himen_aziz"


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["Himen", "هيمن", "هيمن عزيز", "himen aziz"])
def test_a_search_in_either_script_finds_the_person_under_both_names(client, query):
    page = text(client.get("/search", query_string={"q": query}))
    people = page.split('data-label="Person"')[1].split("</section>")[0]
    assert "Himen Aziz" in people and "هيمن عزيز" in people
    assert people.count("<li>") == 1  # one entity, not one per script


def test_letter_variants_and_clitics_are_folded_as_the_cli_folds_them(client):
    # أ/ا and ى/ي are folded; the samples name Ahmad Shah Noori as أحمد شاه نوري
    page = text(client.get("/search", query_string={"q": "احمد شاه"}))
    assert "Ahmad Shah Noori" in page or "أحمد شاه نوري" in page


def test_the_home_page_counts_what_the_graph_holds_but_not_the_tools_records(client):
    page = text(client.get("/"))
    assert "<td>Person</td>" in page and "<td>Document</td>" not in page and "<td>Run</td>" not in page


def test_a_search_that_finds_nothing_says_so(client):
    page = text(client.get("/search", query_string={"q": "Nobody Atall"}))
    assert 'id="no-results"' in page


def test_the_dossier_holds_both_scripts_with_facts_sentences_and_a_timeline(client):
    page = text(client.get(HIMEN))
    assert "Himen Aziz" in page and "هيمن عزيز" in page and "linked by SAME_AS" in page
    timeline = page.split('id="timeline"')[1].split("</section>")[0]
    dates = [part.split('"')[1] for part in timeline.split('<time class="event-date" datetime=')[1:]]
    assert dates == sorted(dates) and "2024-09-09" in dates
    # facts from both scripts' reports, each with its sentence and its document's title
    assert "arrested by the Asayish" in page and "ألقت قوات الأسايش" in page
    assert "Telegram channel behind Kurdish smuggling network taken down" in page
    assert "$90,000" in page  # an amount as people write it, not 90000.000000
    assert "٩٠٬٠٠٠ دولار أمريكي" in page  # the Arabic report's amount, as Arabic press writes it
    assert 'href="/community/' in page and "betweenness" in page
    assert "search_words" not in page and "doc_id" not in page  # bookkeeping is not shown


def test_the_dossier_shows_a_contradiction_between_reports(client):
    page = text(client.get("/entity/Person/person:karwan_saleh"))
    contradictions = page.split('id="contradictions"')[1].split("</section>")[0]
    assert "nationality" in contradictions and "Iraq" in contradictions and "Iran" in contradictions
    assert "Intelligence note" in contradictions  # the report by its title, not its hash
    assert contradictions.count("<tr>") == 3  # a header, Iraq and Iran: once, though both twins carry them
    assert "المرصد العربي في لندن" in contradictions  # the Arabic report that calls him Iraqi
    ages = page.split('id="ages">')[1].split("</p>")[0]  # each report's age, in either script
    assert ages.count('<span class="age">34</span>') >= 2 and "NCA press office" in ages


def test_an_unknown_entity_or_label_is_not_found(client):
    assert client.get("/entity/Person/person:nobody").status_code == 404
    assert client.get("/entity/Secret/person:himen_aziz").status_code == 404


def test_the_network_answers_neighbours_and_the_whole_network(client):
    around = client.get("/api/neighbours", query_string={"id": "person:himen_aziz"}).get_json()
    ids = {n["id"] for n in around["nodes"]}
    assert "person:himen_aziz" in ids and len(ids) > 3 and around["cut"] is None
    assert all(e["from"] in ids and e["to"] in ids for e in around["edges"])
    whole = client.get("/api/network").get_json()
    assert len(whole["nodes"]) > 10 and {n["label"] for n in whole["nodes"]} <= {
        "Person",
        "Organisation",
        "Account",
        "Vessel",
        "Platform",
    }
    assert client.get("/api/neighbours").status_code == 400


def test_nodes_are_found_through_their_labels_index_and_unknown_ids_are_left_out(workbench):
    app, _ = workbench
    asked = ["person:himen_aziz", "account:telegram:hawler_boats", "person:nobody"]
    groups = app.config["READS"].by_label(asked)
    assert groups == {"Person": ["person:himen_aziz"], "Account": ["account:telegram:hawler_boats"]}


def test_the_map_places_the_samples_places_with_their_events(client):
    page = text(client.get("/map"))
    assert 'data-id="loc:erbil"' in page or 'data-id="loc:calais"' in page
    assert page.count('class="country"') > 150
    places = page.split('id="places"')[1].split("</table>")[0]
    assert "arrest" in places


def test_a_community_page_lists_members_and_a_timeline(client):
    page = text(client.get("/community/0"))
    assert "Members" in page and "<time" in page
    assert client.get("/community/99999").status_code == 404


def test_a_named_query_runs_from_its_form_and_is_audited(client, workbench):
    _, settings = workbench
    page = text(client.get("/query", query_string={"name": "events_by_kind", "p.kind": "arrest"}))
    assert 'id="answer-table"' in page and "arrest" in page
    assert 'id="as-network"' in page  # its nodes can be drawn as a network
    asked = [e for e in read_log(settings.data)[0] if e["command"] == "serve query"]
    assert asked and asked[-1]["name"] == "events_by_kind" and asked[-1]["analyst"] == "test-analyst"
    assert asked[-1]["rows"] > 0


def test_the_forms_offer_the_allowed_values_and_refuse_others(client):
    page = text(client.get("/query"))
    form = page.split('id="form-events_by_kind"')[1].split("</form>")[0]
    assert '<option value="arrest"' in form and "YYYY, YYYY-MM or YYYY-MM-DD" in form
    refused = text(client.get("/query", query_string={"name": "events_by_kind", "p.kind": "arest"}))
    assert "did you mean &#39;arrest&#39;?" in refused and 'id="answer-table"' not in refused


def test_cypher_that_writes_is_refused_and_nothing_changes(client, samples_data):
    before = text(client.get("/query", query_string={"cypher": "MATCH (n) RETURN count(n) AS n"}))
    page = text(client.get("/query", query_string={"cypher": "MATCH (p:Person) SET p.name = 'x' RETURN p"}))
    assert "read-only" in page and 'id="query-error"' in page
    after = text(client.get("/query", query_string={"cypher": "MATCH (n) RETURN count(n) AS n"}))
    assert before.split('id="answer-table"')[1] == after.split('id="answer-table"')[1]


def test_free_cypher_warns_of_names_never_held_and_points_at_syntax_errors(client):
    typo = text(client.get("/query", query_string={"cypher": "MATCH (p:Persn) RETURN p.name"}))
    assert "the graph holds no label &#39;Persn&#39; (did you mean &#39;Person&#39;?)" in typo
    broken = text(client.get("/query", query_string={"cypher": "MATCH (p:Person) RETRN p.name"}))
    error = broken.split('id="query-error">')[1].split("</p>")[0]
    assert (
        error.startswith("Cypher syntax error at line 1") and "\n  MATCH (p:Person) RETRN p.name\n" in error
    )
    assert error.rstrip().endswith("^")


def test_a_saved_query_is_kept_beside_the_data_and_asked_again(client, workbench):
    app, settings = workbench
    key = app.config["FORM_KEY"]
    form = {"form_key": key, "name": "events_by_kind", "p.kind": "seizure", "title": "Seizures"}
    assert client.post("/query/save", data=form).status_code == 303
    kept = [q for q in saved.load(settings.data) if q.title == "Seizures"]
    assert kept and kept[0].params == {"kind": "seizure"} and kept[0].saved_by == "test-analyst"
    page = text(client.get("/query"))
    links = page.split('class="rerun" href="')[1:]  # other tests may have saved theirs before
    link = next(part.split('"')[0] for part in links if '">Seizures<' in part).replace("&amp;", "&")
    assert "p.kind=seizure" in link
    assert 'id="answer-table"' in text(client.get(link))
    assert client.post("/query/save", data={**form, "form_key": "forged"}).status_code == 403


def test_a_long_query_is_sent_back_whole_and_escaped_to_be_saved(client):
    cypher = "MATCH (p:Person) WHERE p.name <> '" + "x" * 1500 + "<b>' RETURN p.name AS name LIMIT 1"
    page = text(client.get("/query", query_string={"cypher": cypher}))
    kept = page.split('name="cypher" value="')[1].split('"')[0]
    assert kept == cypher.replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")  # not cut at 1,000


def test_every_page_is_escaped_and_carries_the_content_security_policy(client):
    response = client.get("/search", query_string={"q": "<script>alert(1)</script>"})
    page = text(response)
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_a_foreign_host_name_is_refused_on_a_loopback_binding(client):
    assert client.get("/", headers={"Host": "attacker.example:8765"}).status_code == 421
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200


def test_bound_elsewhere_it_asks_for_its_token(samples_data):
    from graph.store.embedded import EmbeddedStore

    with EmbeddedStore(samples_data) as store:
        with pytest.raises(ValueError, match="needs a token"):
            create_app(Reads(store), Settings(data=samples_data, store=None, analyst=None, host="0.0.0.0"))
        app = create_app(Reads(store), Settings(samples_data, None, None, host="0.0.0.0", token="s3cret"))
        client = app.test_client()
        assert client.get("/").status_code == 401
        assert client.get("/?token=wrong").status_code == 401
        first = client.get("/?token=s3cret")
        assert first.status_code == 200 and "HttpOnly" in first.headers["Set-Cookie"]
        assert client.get("/search?q=Himen").status_code == 200  # the cookie carries it
        assert app.test_client().get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_the_vendored_network_script_is_served_and_nothing_else(client):
    assert client.get("/vendor/vis-network.min.js").status_code == 200
    assert client.get("/vendor/" + quote("../../etc/passwd", safe="")).status_code == 404
    assert json.loads(client.get("/api/network").get_data(as_text=True))["cut"] is None

"""The trained NER pipelines shipped in the package (Arabic: ANERcorp and the project's reports;
English: the project's reports): they load offline, stay small, keep their scores on held-out
data, and join the rules so that the combined pipeline beats the rules alone on every name label."""

import json
from pathlib import Path

import pytest

from graph.evaluation.gold import evaluate
from graph.evaluation.ner import conll_sentences, model_predictions
from graph.evaluation.ner import score as evaluate_ner_score
from graph.model import Document
from graph.nlp.extract import extract
from graph.nlp.models import load_ner, ner_model_path
from graph.nlp.pipeline import get_pipeline
from graph.resolve.records import build_batch

ANERCORP_TEST = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "anercorp" / "test.conll"
GOLD = Path(__file__).resolve().parents[1] / "gold" / "gold.jsonl"
SLICE = 300  # sentences from the start of ANERcorp's test split
# Micro F1 over the name labels when the shipped models were trained, less slack (see the note).
AR_LEVEL = 0.68  # PERS/LOC/ORG on the ANERcorp slice (0.699 when trained; run 9, not shipped: 0.734)
EN_LEVEL = 0.87  # PERSON/ORG/LOC on the gold set's English test split, model alone (0.903)
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC")


def mentions(text: str, lang: str):
    return extract(Document(id="t", text=text, lang=lang, path="t")).mentions


def f1(tp: int, predicted: int, gold: int) -> float:
    precision, recall = tp / predicted, tp / gold
    return 2 * precision * recall / (precision + recall)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_each_model_is_shipped_small_enough_and_loads_offline(lang):
    path = ner_model_path(lang)
    assert sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) < 25 * 1024 * 1024
    assert load_ner(lang).pipe_names[-1] == "ner"


def test_arabic_model_keeps_its_level_on_a_held_out_slice_of_anercorp():
    if not ANERCORP_TEST.is_file():
        pytest.skip(f"{ANERCORP_TEST} is absent (../shared holds ANERcorp)")
    sentences = conll_sentences(ANERCORP_TEST)[:SLICE]
    headline = ("PERS", "LOC", "ORG")
    predicted = model_predictions(load_ner("ar"), sentences)
    score = evaluate_ner_score(predicted, sentences, headline)["micro"]["f"]
    print(f"\nAR NER on {len(sentences)} ANERcorp test sentences: F1 {score:.3f}")
    assert score >= AR_LEVEL


def test_english_model_keeps_its_level_on_the_gold_test_split():
    nlp = get_pipeline("en", rules=False)
    tp = predicted = gold = 0
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        report = json.loads(line)
        if report["lang"] != "en" or report["split"] != "test":
            continue
        label = {"GPE": "LOC"}  # the model is trained with countries folded into LOC
        truth = {
            (e["start"], e["end"], label.get(e["label"], e["label"]))
            for e in report["entities"]
            if e["label"] in NAME_LABELS and not e.get("unnamed")
        }
        guess = {(e.start_char, e.end_char, e.label_) for e in nlp(report["text"]).ents}
        tp, predicted, gold = tp + len(truth & guess), predicted + len(guess), gold + len(truth)
    score = f1(tp, predicted, gold)
    print(f"\nEN NER on the gold test split: F1 {score:.3f}")
    assert score >= EN_LEVEL


def test_the_combined_pipeline_beats_the_rules_on_every_name_label_of_the_test_split():
    combined = evaluate(GOLD, split="test", mode="combined", coreference=False)
    rules = evaluate(GOLD, split="test", mode="rules", coreference=False)
    for label in NAME_LABELS:
        assert combined.entities[label].f1 >= rules.entities[label].f1, label
    assert combined.micro(combined.entities).f1 > rules.micro(rules.entities).f1


def test_rules_win_where_they_find_something():
    # the model alone reads "Barcroft" as a place and "Libya ... ring" as part of a group
    people = mentions('"It works," said Dan Barcroft, head of the unit.', "en")
    assert ("Dan Barcroft", "PERSON") in [(m.text, m.label) for m in people]
    places = mentions("A Sudanese money collector for Libya smuggling ring was arrested.", "en")
    assert ("Libya", "GPE", "rule:lexicon") in [(m.text, m.label, m.extractor) for m in places]


def test_names_only_the_model_knows_carry_its_provenance():
    found = {
        m.text: m.extractor
        for m in mentions("Officers from Kent Police arrested Arben Krasniqi in Folkestone.", "en")
        if m.label in NAME_LABELS
    }
    assert found.get("Arben Krasniqi") == "model:en_ner"


@pytest.mark.parametrize(
    ("word", "clitic"),
    [("وأحمد", "و"), ("بالقاهرة", "ب"), ("ولبنان", "و"), ("وليد", ""), ("كمال", ""), ("لبنان", "")],
)
def test_arabic_model_names_leave_their_proclitic_out(word, clitic):
    entities = get_pipeline("ar").get_pipe("graph_model_entities")
    assert word[: entities.clitic_length(word)] == clitic


def test_a_model_organisation_holding_a_nationality_stays_one_organisation():
    """The ruler finds "Italian" (NORP, id loc:IT) inside the model's "Italian police": the
    organisation stays, without the country's id, so it becomes an Organisation node."""
    found = mentions("Italian police arrested two men in Calais on Monday.", "en")
    assert ("Italian police", "ORG", None) in [(m.text, m.label, m.key) for m in found]
    build_batch(extract(Document(id="t" * 64, text="French police seized a boat.", lang="en", path="t")))


def test_an_arabic_name_found_by_the_model_is_stored_without_its_clitic():
    text = "قال وأحمد الزهراني. ثم وصل وكاروان صالح إلى بيروت."
    found = [(m.text, m.label, m.sentence) for m in mentions(text, "ar") if m.label == "PERSON"]
    assert found == [("أحمد الزهراني", "PERSON", 0), ("كاروان صالح", "PERSON", 1)]
    # a one-word name: the model needs a sentence around it (a word alone is no report)
    found = [(m.text, m.label) for m in mentions("وصل وأحمد إلى بيروت أمس.", "ar")]
    assert found == [("أحمد", "PERSON"), ("بيروت", "LOC")]

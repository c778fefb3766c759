"""Reading vessels: who steers, owns or keeps the boats, in both languages."""

import pytest
from tests.nlp.reading.records import batch, edges


@pytest.mark.parametrize(
    ("lang", "text", "rel_type", "expected"),
    [
        (
            "en",
            "The coast guard intercepted a speedboat off Chios and arrested its pilot, a Turkish national"
            " named as Kemal Ozturk, 33.",
            "OPERATES",
            ("person:kemal_ozturk", "speedboat"),
        ),
        (
            "ar",
            "واعترض خفر السواحل زورقاً سريعاً قبالة خيوس، وألقى القبض على قائده، وهو مواطن تركي يدعى"
            " كمال أوزتورك.",
            "OPERATES",
            ("person:كمال_اوزتورك", "speedboat"),
        ),
        (
            "en",
            "The court heard that Hamza owned at least three speedboats.",
            "OWNS",
            ("person:hamza", "speedboat"),
        ),
        (
            "en",
            "The court heard that Omar stored boats and engines in a garage.",
            "OWNS",
            ("person:omar", "engine"),
        ),
    ],
)
def test_who_steers_owns_or_keeps_the_boats(lang, text, rel_type, expected):
    found = edges(batch(text, lang), rel_type)
    assert any(a == expected[0] and b.endswith(expected[1]) for a, b, _ in found), found


@pytest.mark.parametrize(
    ("lang", "text", "pilot"),
    [
        (
            "en",
            "A dinghy was intercepted off Dover on Monday. Rebwar Aziz was the man at the tiller.",
            "person:rebwar_aziz",
        ),
        (
            "en",
            "Karwan Saleh was arrested in Dover. Police said he was steering the dinghy.",
            "person:karwan_saleh",
        ),
        ("en", "Karwan Saleh, 18, took charge of a small inflatable boat.", "person:karwan_saleh"),
        (
            "ar",
            "وألقت الشرطة القبض على كاروان صالح في دوفر. وقالت إنه كان يقود الزورق.",
            "person:كاروان_صالح",
        ),
        ("ar", "وتولى كاروان صالح قيادة القارب من فرنسا.", "person:كاروان_صالح"),
    ],
)
def test_who_steered_a_boat_named_before_after_or_by_a_pronoun(lang, text, pilot):
    assert {s for s, _, _ in edges(batch(text, lang), "OPERATES")} == {pilot}

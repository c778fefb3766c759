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

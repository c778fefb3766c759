"""Long texts cut into pieces for the pipeline (issue 15, case 4): the pieces tile the text,
none is over the bound, and each ends at the best boundary its window holds (a paragraph,
else a line, a sentence, a space), never between an Arabic letter and its marks."""

from __future__ import annotations

import itertools
import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from graph.nlp.chunks import BREAKS, chunk_spans

TEXT = st.text(alphabet=st.sampled_from(list("ab كتب\u064e\u0651.؟!\n\n \t")), max_size=300)


@given(TEXT, st.integers(min_value=1, max_value=40))
def test_pieces_tile_the_text_under_the_bound(text, limit):
    spans = chunk_spans(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in itertools.pairwise(spans))
    assert all(0 < end - start <= limit for start, end in spans) or spans == [(0, 0)]
    assert "".join(text[a:b] for a, b in spans) == text


@given(TEXT, st.integers(min_value=2, max_value=40))
def test_each_piece_ends_at_the_best_boundary_of_its_window(text, limit):
    for start, end in chunk_spans(text, limit)[:-1]:
        for rank, pattern in enumerate(BREAKS):
            if any(m.start() > start for m in pattern.finditer(text, start, start + limit)):
                assert any(m.end() == end for m in pattern.finditer(text, start, start + limit)), rank
                break
        else:  # no boundary at all: a hard cut, after a letter's marks unless the window is all marks
            marks = all(unicodedata.combining(ch) for ch in text[start + 1 : start + limit + 1])
            assert marks or not unicodedata.combining(text[end])


def test_paragraphs_stay_whole_in_both_languages():
    english = "Police arrested Karwan Saleh in Dover.\n\nThe boat carried 40 people."
    arabic = "ألقت الشرطة القبض على كاروان صالح.\n\nوضبطت 40 قاربًا في كاليه."
    for text in (english, arabic):
        first, second = re.split(r"\n\n", text)
        assert [text[a:b] for a, b in chunk_spans(text, len(first) + 5)] == [first + "\n\n", second]

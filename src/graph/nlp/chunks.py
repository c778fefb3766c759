"""Long documents cut into pieces the pipeline can take. spaCy refuses a text over its
`max_length` (error E088) and its models need memory in proportion to the text, so a document
over `extraction.chunk_chars` (etl/limits.yaml) is cut at paragraph breaks, else line breaks,
else sentence ends, else spaces, else anywhere (never inside a letter and its marks). Every
piece is a slice `text[start:end]` of the original and the pieces tile it, so an offset found
in a piece plus the piece's start is the offset in the whole text.

>>> chunk_spans("First paragraph.\\n\\nSecond one, longer.", 30)
[(0, 18), (18, 37)]
>>> chunk_spans("short", 30)
[(0, 5)]
"""

from __future__ import annotations

import re
import unicodedata

from spacy.language import Language
from spacy.tokens import Doc

from graph.limits import load_limits
from graph.nlp.sentences import SENTENCE_ENDS

_STOPS = "".join(re.escape(ch) for ch in SENTENCE_ENDS if len(ch) == 1 and not ch.isspace())
# Where a piece may end, best first: after a blank line, a line, a sentence, a word.
BREAKS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(rf"[{_STOPS}][\"'”’»)\]]*\s+"),
    re.compile(r"\s+"),
)


def last_break(text: str, start: int, end: int) -> int | None:
    """The end of the best break inside `text[start:end]` that leaves something before it:
    the last paragraph break, else the last line break, and so on; None if there is none."""
    for pattern in BREAKS:
        cut = None
        for found in pattern.finditer(text, start, end):
            if found.start() > start:
                cut = found.end()
        if cut is not None:
            return cut
    return None


def hard_cut(text: str, start: int, end: int) -> int:
    """`end`, moved back over combining marks so a letter keeps its marks (when it can)."""
    cut = end
    while cut > start + 1 and unicodedata.combining(text[cut]):
        cut -= 1
    return cut


def chunk_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """`(start, end)` of the pieces of `text`, in order, each at most `limit` characters,
    together covering the text exactly; one piece when the text is not over `limit`."""
    if limit < 1:
        raise ValueError(f"a piece must hold at least one character, got a limit of {limit}")
    spans = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = last_break(text, start, end) or hard_cut(text, start, end)
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def piece_limit(nlp: Language) -> int:
    """The longest text `nlp` is given at once: `extraction.chunk_chars` of etl/limits.yaml,
    and never more than spaCy's own `max_length`."""
    return min(load_limits().chunk_chars, nlp.max_length)


def doc_pieces(nlp: Language, text: str) -> list[tuple[int, Doc]]:
    """`text` through `nlp`: one Doc, or for a text over `piece_limit` one Doc per piece,
    each with the offset in `text` where its piece starts."""
    limit = piece_limit(nlp)
    if len(text) <= limit:
        return [(0, nlp(text))]
    spans = chunk_spans(text, limit)
    docs = nlp.pipe((text[start:end] for start, end in spans), batch_size=1)
    return [(start, doc) for (start, _), doc in zip(spans, docs, strict=True)]

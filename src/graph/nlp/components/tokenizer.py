"""The pipeline's tokenizer: the language's own, keeping the text it was given, since the
regex matchers need the whole text of every document and `Doc.text` rebuilds it each call."""

from __future__ import annotations

from typing import Any

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc


class TextKeepingTokenizer:
    """The language's tokenizer, keeping the text it was given in `doc.user_data['text']`:
    `Doc.text` rebuilds the string from every token on each call, and the regex matchers
    need it for every document."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data["text"] = text
        return doc

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


def doc_text(doc: Doc) -> str:
    """The Doc's text, from the tokenizer when it kept it."""
    text = doc.user_data.get("text")
    if isinstance(text, str) and (not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) == len(text)):
        return text
    return doc.text

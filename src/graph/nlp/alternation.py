"""Regex alternations of many words: as written, longest first, or as a trie of normalised
forms, so that a pattern of thousands of words rejects a position after one test."""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.nlp.normalise import normalise


def literal_alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words as written, longest first so that it wins.

    >>> print(literal_alternation(["paid", "paid to", "دفع"]))
    paid\\ to|paid|دفع
    """
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def trie_alternation(words: list[str] | set[str]) -> str:
    """A regex alternation of normalised words, spaces made flexible, written as a trie
    (`ma(?:r(?:ch)?|y)`): at each character at most one branch can go on, so the engine
    rejects a position after one test instead of one per word. Longer words still win."""
    trie: dict[str, dict] = {}
    for form in {normalise(w) for w in words if w}:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie_regex(trie)


def trie_regex(node: dict[str, dict]) -> str:
    """The regex of a trie of characters (`""` marks a word's end)."""
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body

"""Regular Arabic word forms generated from a lexicon's base forms, so that the lexicons list
each word once."""

from __future__ import annotations


def nisba_forms(adjective: str, suffixes: list[str]) -> list[str]:
    """The regular forms of an Arabic nisba adjective (سوداني → سودانية، سودانيين، سودانيون،
    سودانيا…): the adjective with each suffix, for adjectives ending in ي.

    >>> nisba_forms("سوداني", ["ة", "ين"])
    ['سودانية', 'سودانيين']
    >>> nisba_forms("Sudanese", ["ة"])
    []
    """
    return [adjective + suffix for suffix in suffixes] if adjective.endswith("ي") else []

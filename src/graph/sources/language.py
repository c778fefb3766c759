"""Language identification with lingua: Arabic and English are processed, others refused."""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

SUPPORTED = {Language.ARABIC: "ar", Language.ENGLISH: "en"}
# Languages a report may come in that we must recognise in order to refuse them.
CANDIDATES = [
    Language.ARABIC, Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH,
    Language.ITALIAN, Language.DUTCH, Language.TURKISH, Language.PERSIAN, Language.URDU,
    Language.RUSSIAN, Language.PORTUGUESE, Language.ALBANIAN, Language.POLISH,
]  # fmt: skip
SAMPLE_CHARS = 4000


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*CANDIDATES).build()


def detect_language(text: str) -> tuple[str | None, str]:
    """Return (code, name): code is 'ar' or 'en', or None with the detected language's name."""
    language = _detector().detect_language_of(text[:SAMPLE_CHARS])
    if language is None:
        return None, "unknown"
    return SUPPORTED.get(language), language.name.title()

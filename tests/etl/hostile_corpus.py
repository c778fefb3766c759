"""The hostile corpus of tests/data/hostile/sources, and what the tests make from it at run time:
documents too long to commit, and the good reports that must get through beside the bad ones."""

from __future__ import annotations

from pathlib import Path

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "sources"
LANGS = ("en", "ar")


def paragraphs(lang: str) -> list[str]:
    """Six short reports in `lang`, one paragraph each, naming people, places, dates, accounts."""
    return (HOSTILE / f"paragraphs_{lang}.txt").read_text(encoding="utf-8").strip().split("\n\n")


def repeated_paragraphs(lang: str, chars: int) -> list[str]:
    """The paragraphs of `lang` in turn until, joined by blank lines, they pass `chars` characters."""
    found, size, cycle = [], 0, paragraphs(lang)
    while size <= chars:
        found.append(cycle[len(found) % len(cycle)])
        size += len(found[-1]) + 2
    return found


def long_text(lang: str, chars: int) -> str:
    """A report of more than `chars` characters: one real paragraph in ten, the rest harbour
    weather that names nobody (so the graph stays small while the text is long)."""
    real = paragraphs(lang)
    filler = (HOSTILE / f"filler_{lang}.txt").read_text(encoding="utf-8").strip().split("\n")
    parts, size = [], 0
    while size <= chars:
        i = len(parts)
        part = real[i // 10 % len(real)] if i % 10 == 0 else " ".join(filler[(i + k) % 3] for k in range(3))
        parts.append(part)
        size += len(part) + 2
    return "\n\n".join(parts)


def write_good_reports(folder: Path) -> list[Path]:
    """The twelve paragraphs of both languages as twelve report files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGS:
        for i, paragraph in enumerate(paragraphs(lang), start=1):
            written.append(folder / f"good_{lang}_{i:02d}.md")
            written[-1].write_text(paragraph + "\n", encoding="utf-8")
    return written

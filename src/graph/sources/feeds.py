"""RSS/Atom feeds (a file or a URL) read with feedparser: each entry becomes a Document, its
text from the entry's content or summary, or from a saved copy of the linked page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph.model import Document
from graph.sources.readers import SourceError, html_to_text, make_document


def read_feed(location: str, saved_pages: Path | None = None) -> Iterator[Document | SourceError]:
    """Entries of the feed at `location`; an entry without text is refused on its own."""
    import feedparser

    feed = feedparser.parse(location)
    if not feed.entries:
        reason = f"not a readable feed ({feed.get('bozo_exception', 'no entries')})"
        yield SourceError(location, reason)
        return
    where = Path(location) if Path(location).exists() else Path.cwd()
    for number, entry in enumerate(feed.entries, start=1):
        text = _entry_text(entry, saved_pages)
        if not text:
            yield SourceError(location, f"feed entry {number} has no text", number)
            continue
        meta = {
            "title": entry.get("title"),
            "url": entry.get("link"),
            "published": entry.get("published") or entry.get("updated"),
            "source": feed.feed.get("title"),
        }
        yield make_document(text, where, line=number, meta=meta)


def _entry_text(entry, saved_pages: Path | None) -> str | None:
    if saved_pages is not None and entry.get("link"):
        page = saved_pages / Path(entry["link"].rstrip("/")).name
        for candidate in (page, page.with_suffix(".html")):
            if candidate.is_file():
                text = html_to_text(candidate.read_text(encoding="utf-8", errors="replace"))
                if text:
                    return text
    for block in entry.get("content", []):
        text = html_to_text(block.get("value", ""))
        if text:
            return text
    summary = entry.get("summary")
    return html_to_text(summary) if summary else None

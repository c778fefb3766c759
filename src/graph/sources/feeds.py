"""RSS/Atom feeds (a file or a URL) read with feedparser: each entry becomes a Document, its
text from the entry's content or summary, or from a saved copy of the linked page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from graph.model import Document
from graph.sources.readers import MAX_BYTES, SourceError, html_to_text, make_document


def read_feed(
    location: str, saved_pages: Path | None = None, *, follow_symlinks: bool = False
) -> Iterator[Document | SourceError]:
    """Entries of the feed at `location`; an entry without text, or whose saved page would be
    read from outside `saved_pages`, is refused on its own."""
    import feedparser

    feed = feedparser.parse(location)
    if not feed.entries:
        reason = f"not a readable feed ({feed.get('bozo_exception', 'no entries')})"
        yield SourceError(location, reason)
        return
    where = Path(location) if Path(location).exists() else Path.cwd()
    for number, entry in enumerate(feed.entries, start=1):
        page = saved_page(entry.get("link"), saved_pages, follow_symlinks) if saved_pages else None
        if isinstance(page, str):
            yield SourceError(location, f"feed entry {number}: {page}", number)
            continue
        text = (html_to_text(page.read_text(encoding="utf-8", errors="replace")) if page else None) or (
            entry_text(entry)
        )
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


def saved_page(link: str | None, folder: Path, follow_symlinks: bool = False) -> Path | str | None:
    """The saved copy of the page at `link` in `folder` (named as the link's last part, or
    with .html for its suffix), None when there is none, or why it is not read: the name climbs out of
    the folder (`..`), the copy is a link that leaves the folder (unless `follow_symlinks`),
    or it is too large."""
    name = Path(link.rstrip("/")).name if link else ""
    if name == "..":
        return f"its saved page {folder / name} would be read from outside {folder}"
    if not name or name == ".":
        return None
    root = os.path.realpath(folder)
    for candidate in (folder / name, (folder / name).with_suffix(".html")):
        if not candidate.is_file():
            continue
        target = os.path.realpath(candidate)
        if not follow_symlinks and not Path(target).is_relative_to(root):
            return (
                f"its saved page {candidate} is a symbolic link leaving {folder} (to {target}); "
                "not followed without --follow-symlinks (follow_symlinks: true in the job source)"
            )
        size = candidate.stat().st_size
        if size > MAX_BYTES:
            return f"its saved page {candidate} is too large ({size} bytes > {MAX_BYTES})"
        return candidate
    return None


def entry_text(entry) -> str | None:
    """The text the feed itself gives for an entry: its content, else its summary."""
    for block in entry.get("content", []):
        text = html_to_text(block.get("value", ""))
        if text:
            return text
    summary = entry.get("summary")
    return html_to_text(summary) if summary else None

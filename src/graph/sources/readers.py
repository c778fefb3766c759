"""Readers for report files (.txt, .md, .html, .jsonl). Each yields Documents, or SourceErrors
that name the file, the line and the reason, so one bad item never stops the rest."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

from graph.limits import load_limits
from graph.model import Document
from graph.sources.dates import date_line, published_date
from graph.sources.furniture import without_furniture
from graph.sources.language import detect_language

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024
MIN_LETTERS = 20
BINARY_SAMPLE = 8192  # bytes read to tell a binary file from a text one
SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class SourceError:
    """A file or line that could not become a Document, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


def document_id(text: str) -> str:
    """SHA-256 of the text normalised for identity (NFC, whitespace collapsed, case kept)."""
    canonical = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def decode_bytes(raw: bytes, path: Path, *, rows: bool = False) -> str | SourceError:
    """The text of a file's bytes (UTF-8, a BOM dropped), or why it is refused: empty, binary,
    or invalid UTF-8 (with the line). Shared by the text readers and the structured ones.

    A NUL byte in the first 8 KB makes a report binary. A file read row by row (`rows`: CSV,
    JSON lines) is binary only when more than `structured.binary_nul_line_share`
    (etl/limits.yaml) of those lines hold one; otherwise each row holding a NUL is refused
    alone, by its reader."""
    if not raw.strip():
        return SourceError(str(path), "empty file")
    sample = raw[:BINARY_SAMPLE]
    if b"\x00" in sample:
        lines = sample.split(b"\n")
        with_nul = sum(b"\x00" in line for line in lines)
        if not rows:
            return SourceError(str(path), "binary file (contains NUL bytes), not a text report")
        if with_nul / len(lines) > load_limits().binary_nul_line_share:
            return SourceError(
                str(path), f"binary file (NUL bytes on {with_nul} of {len(lines)} lines in its first 8 KB)"
            )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return SourceError(str(path), f"invalid UTF-8 at byte {exc.start} ({exc.reason})", line)
    return text


def unstorable(value: str) -> str | None:
    """Why no store can hold `value`, or None: a NUL character, or half a UTF-16 surrogate
    pair (a JSON escape such as "\\ud800" decodes to one), either of which fails the write
    of the whole batch it is in.

    >>> unstorable("ok"), unstorable("a\\x00b"), unstorable("\\ud800")
    (None, 'holds a NUL character', 'holds an unpaired surrogate (\\\\ud800)')
    """
    if "\x00" in value:
        return "holds a NUL character"
    found = SURROGATE.search(value)
    return f"holds an unpaired surrogate (\\u{ord(found.group()):04x})" if found else None


def plain_meta(meta: dict[str, Any]) -> dict[str, str | None] | str:
    """A document's metadata as text (numbers written out), or why it is refused: a value
    that is a list, an object or a truth value, or text no store can hold."""
    plain: dict[str, str | None] = {}
    for key, value in meta.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            return f"'{key}' is a {type(value).__name__} ({value!r:.60}), not text"
        why = unstorable(value) if value else None
        if why:
            return f"'{key}' {why}"
        plain[key] = value
    return plain


def make_document(
    text: str, path: Path, *, line: int | None = None, meta: dict[str, Any] | None = None
) -> Document | SourceError:
    """Validate the text (enough letters, a supported language, nothing a store cannot hold)
    and the metadata (text or numbers: a JSON line may hold anything), and build the Document."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = without_furniture(text)
    why = unstorable(text)
    if why:
        at = line or text[: next(i for i, ch in enumerate(text) if unstorable(ch))].count("\n") + 1
        return SourceError(str(path), f"text {why}", at)
    meta = plain_meta(meta or {})
    if isinstance(meta, str):
        return SourceError(str(path), meta, line)
    letters = sum(ch.isalpha() for ch in text)
    if letters < MIN_LETTERS:
        return SourceError(str(path), f"too little text ({letters} letters)", line)
    lang, name = detect_language(text)
    if lang is None:
        return SourceError(str(path), f"language is {name}; only Arabic and English are supported", line)
    published = published_date(meta.get("published") or meta.get("date"))
    return Document(
        id=document_id(text),
        text=text,
        lang=lang,
        path=str(path),
        line=line,
        title=meta.get("title"),
        url=meta.get("url"),
        published=published,
        source=meta.get("source"),
        seen=published,  # the report's date, never the file's or the run's: unknown stays empty
    )


MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
MARKDOWN_LINE_START = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[*+-][ \t]+|>[ \t]?)", re.MULTILINE)


def markdown_to_text(text: str) -> str:
    r"""A Markdown file's text without its furniture: heading marks, list bullets, quote
    marks and bold markers, which are no part of the names and sentences they frame.

    >>> markdown_to_text("## Key people\n\n- **Himen Aziz**, a broker\n* **Date:** 14 May")
    'Key people\n\nHimen Aziz, a broker\nDate: 14 May'
    """
    return MARKDOWN_EMPHASIS.sub(r"\2", MARKDOWN_LINE_START.sub("", text))


def read_text_file(path: Path, raw: bytes) -> Iterator[Document | SourceError]:
    text = decode_bytes(raw, path)
    if isinstance(text, SourceError):
        yield text
        return
    text = without_furniture(markdown_to_text(text))  # press text copied from the web carries it too
    title = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.strip()), None)
    source = title if path.suffix == ".txt" else None  # press .txt files start with the publisher
    yield make_document(text, path, meta={"title": title, "source": source, "published": date_line(text)})


def read_html_file(path: Path, raw: bytes) -> Iterator[Document | SourceError]:
    html = decode_bytes(raw, path)
    if isinstance(html, SourceError):
        yield html
        return
    import trafilatura

    text = html_to_text(html)
    if not text:
        yield SourceError(str(path), "no article text found in the HTML")
        return
    meta = trafilatura.extract_metadata(html)
    yield make_document(
        text,
        path,
        meta={
            "title": meta.title if meta else None,
            "url": meta.url if meta else None,
            "published": meta.date if meta else None,
            "source": meta.sitename if meta else None,
        },
    )


HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|strong|em|b|i|u|h[1-6]|li|ul|ol|blockquote|figure|figcaption|img)\b[^>]*>",
    re.IGNORECASE,
)
HTML_DROPPED = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
HTML_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|figcaption|tr)\s*>", re.IGNORECASE)
ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def markup_to_text(text: str) -> str:
    r"""Press text exported with its markup (a JSON line's `text`): HTML tags taken out (a
    paragraph or a line break kept as a line, scripts and styles dropped whole), entities read,
    then Markdown's furniture removed, so that no `**` or `<p>` is left in a name or a
    sentence. Every word of the text is kept: this is a fragment, not a page to pick from.

    >>> markup_to_text("<p>Four men were <strong>jailed</strong> in Hull &amp; Leeds.</p><p>Two fled.</p>")
    'Four men were jailed in Hull & Leeds.\nTwo fled.'
    >>> markup_to_text("## عاجل\n**هيمن عزيز** اعتُقل في أربيل")
    'عاجل\nهيمن عزيز اعتُقل في أربيل'
    """
    if HTML_TAG.search(text):
        text = ANY_TAG.sub("", HTML_BREAK.sub("\n", HTML_DROPPED.sub("", text))).strip()
    return markdown_to_text(unescape(text))


def html_to_text(html: str) -> str | None:
    """The main text of an HTML page or fragment (trafilatura), without scripts or navigation."""
    import trafilatura

    if "<" not in html:
        return html.strip() or None
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # fragments are handled below
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if text:
        return text
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError):
        return None
    for bad in tree.xpath("//script|//style|//nav|//footer"):
        bad.drop_tree()
    return " ".join(tree.text_content().split()) or None


def read_jsonl_file(path: Path, raw: bytes) -> Iterator[Document | SourceError]:
    """One Document per line of a JSON-lines dump; a bad line (a NUL byte in it, not JSON,
    no text) is refused alone."""
    content = decode_bytes(raw, path, rows=True)
    if isinstance(content, SourceError):
        yield content
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceError(str(path), f"malformed JSON ({exc.msg} at column {exc.colno})", number)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield SourceError(str(path), "JSON line has no 'text' string", number)
            continue
        meta = {k: record.get(k) for k in ("title", "url", "published", "date", "source")}
        yield make_document(markup_to_text(record["text"]), path, line=number, meta=meta)


READERS = {
    **dict.fromkeys(TEXT_SUFFIXES, read_text_file),
    **dict.fromkeys(HTML_SUFFIXES, read_html_file),
    **dict.fromkeys(JSONL_SUFFIXES, read_jsonl_file),
}


def read_file(path: Path) -> Iterator[Document | SourceError]:
    """The Documents of one report file, or why it is refused; anything but a regular file
    (a FIFO would never end, a device never stop) is refused before it is opened."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield SourceError(str(path), f"unsupported file type '{path.suffix}' (use {sorted(SUFFIXES)})")
        return
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            yield SourceError(str(path), f"not a regular file ({file_kind(status.st_mode)})")
            return
        if status.st_size > MAX_BYTES:
            yield SourceError(str(path), f"file too large ({status.st_size} bytes > {MAX_BYTES})")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield SourceError(str(path), f"cannot read: {exc.strerror}")
        return
    yield from reader(path, raw)


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, in words."""
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a FIFO", stat.S_ISSOCK: "a socket",
             stat.S_ISCHR: "a character device", stat.S_ISBLK: "a block device"}  # fmt: skip
    return next((name for test, name in kinds.items() if test(mode)), "not a file")

"""The date a document was published, from what its source says: a feed item's or a JSON
line's date, an HTML page's metadata, a report's own date line, or a job's date for a file.
Never the file's time or the run's: where nothing says when, the date is unknown (None), so
that `first_seen`/`last_seen` mean the event's report, not the ingestion."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

import yaml

from graph.paths import etl_dir

YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
WORD = r"[^\W\d_]+(?:\s[^\W\d_]+)?"
DAY_MONTH_YEAR = re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s+(?P<month>{WORD}),?\s+(?P<year>\d{{4}})(?!\d)")
MONTH_DAY_YEAR = re.compile(rf"(?P<month>{WORD})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})(?!\d)")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})")
# A line of a report that is only its date: "Date: 14 October 2024", "Published 3 June 2024.",
# "التاريخ: 15 تموز 2024", "نشر في 3 يونيو 2024" (the first such line is the report's date).
DATE_LINE = re.compile(
    r"^[ \t]*(?:date|dated|published(?: on)?|posted(?: on)?|updated(?: on)?|issued(?: on)?"
    r"|التاريخ|تاريخ النشر|نشر(?:ت)?(?: في| بتاريخ)?)[ \t]*[:：]?[ \t]*"
    r"(?P<date>[^\n:]{6,40}?)[ \t.]*$",
    re.IGNORECASE | re.MULTILINE,
)
HAMZA = str.maketrans("أإآ", "ااا")


@cache
def month_numbers() -> dict[str, int]:
    """Month names of both languages (both Arabic series) from etl/lexicons/months.yaml,
    lower-cased, Arabic hamza forms folded."""
    spec = yaml.safe_load((etl_dir() / "lexicons" / "months.yaml").read_text(encoding="utf-8"))
    return {
        name.lower().translate(HAMZA): int(number)
        for number, names in spec["months"].items()
        for name in (*names.get("en", []), *names.get("ar", []))
    }


def month_of(words: str) -> int | None:
    """The month a name (one or two words, perhaps with و before it) names, or None."""
    folded = words.lower().translate(HAMZA)
    months = month_numbers()
    return months.get(folded) or months.get(folded.split()[0]) or months.get(folded.split()[-1])


def published_date(value: Any) -> str | None:
    """An ISO date from what a source says of a document's date, or None: a value without a
    year is no date of publication, and today is never assumed.

    >>> published_date("Tue, 08 Oct 2024 09:00:00 GMT"), published_date("15 تموز 2024")
    ('2024-10-08', '2024-07-15')
    >>> published_date("June 3, 2024"), published_date("3 June"), published_date(None)
    ('2024-06-03', None, None)
    """
    if isinstance(value, datetime | date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    text = str(value or "").strip()
    if not YEAR.search(text):
        return None
    found = ISO_DATE.search(text)
    if found:
        try:
            return date(*map(int, found.groups())).isoformat()
        except ValueError:
            return None
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        match = pattern.search(text)
        month = month_of(match.group("month")) if match else None
        if match and month:
            try:
                return date(int(match.group("year")), month, int(match.group("day"))).isoformat()
            except ValueError:
                return None
    import dateparser

    parsed = dateparser.parse(text, languages=["en", "ar"], settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date().isoformat() if parsed else None


def date_line(text: str) -> str | None:
    """The date a report gives itself on a line of its own (a press release's "Published 3
    June 2024.", a note's "Date: 14 October 2024"), as an ISO date, or None.

    >>> date_line("Intelligence note\\nDate: 14 October 2024\\nHimen Aziz was arrested on 9 May.")
    '2024-10-14'
    >>> date_line("التاريخ: 15 تموز 2024"), date_line("He was arrested on 9 May 2024.")
    ('2024-07-15', None)
    """
    for match in DATE_LINE.finditer(text):
        found = published_date(match.group("date"))
        if found:
            return found
    return None

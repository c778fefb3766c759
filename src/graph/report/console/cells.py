"""The one way data reaches a terminal table: as plain text, never read as markup, and within
the bound of `etl/report.yaml` (a longer value is cut and marked with its full length; `graph
query --json` gives it whole)."""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text

from graph.report.display import cut


def cell(value: Any) -> Text:
    """A table cell shown as plain text: data is never read as rich markup or emoji codes, and a
    value longer than the bound is cut, with a mark that says so."""
    if value is None:
        return Text("")
    if isinstance(value, list | dict):
        return Text(cut(json.dumps(value, ensure_ascii=False)))
    return Text(cut(str(value)))

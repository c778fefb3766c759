"""The one way data reaches a terminal table: as plain text, never read as markup."""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text


def cell(value: Any) -> Text:
    """A table cell shown as plain text: data is never read as rich markup or emoji codes."""
    if value is None:
        return Text("")
    if isinstance(value, list | dict):
        return Text(json.dumps(value, ensure_ascii=False))
    return Text(str(value))

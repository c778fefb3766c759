"""Reports for the resolution tests, written as a press export is: a JSON-lines dump, one
report a line (`text`, and `source`, `published`, `title` where given)."""

from __future__ import annotations

import json
from pathlib import Path


def write_reports(folder: Path, name: str, reports: list[dict[str, str]]) -> Path:
    """Write `reports` as `folder/name` (the folder made if missing); the file's path."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in reports) + "\n", encoding="utf-8")
    return path

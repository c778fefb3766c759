"""Bounds on what input may make the tool hold, read from `etl/limits.yaml`: when a document is
extracted in pieces, when a name read from text is too long to be one, when a structured row is
refused, and which ids and indexed values the store digests or refuses. Data rather than
literals, so that an operator can see and change them; validated here so that a wrong value
fails at start with the file named."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph.paths import etl_dir


class LimitsError(ValueError):
    """`etl/limits.yaml` holds a value that cannot be a bound."""


@dataclass(frozen=True)
class Limits:
    chunk_chars: int  # a document longer than this is extracted in pieces
    name_chars: int  # a longer name, handle or URL read from text makes no node
    cell_chars: int  # a structured cell longer than this refuses its row
    binary_nul_line_share: float  # a structured file with NULs on more lines than this is binary
    id_chars: int  # a longer id is stored as a digest
    value_chars: int  # a longer id, key or indexed value is refused


def _positive_int(value: Any, where: str, path: Path) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise LimitsError(f"{path}: {where} must be a whole number of 1 or more, got {value!r}")
    return value


def parse_limits(data: dict[str, Any], path: Path) -> Limits:
    """The bounds in `data` (the parsed YAML of `path`), checked."""
    try:
        extraction, structured, store = data["extraction"], data["structured"], data["store"]
        share = structured["binary_nul_line_share"]
        chunk, name, cell = extraction["chunk_chars"], extraction["name_chars"], structured["cell_chars"]
        id_chars, value_chars = store["id_chars"], store["value_chars"]
    except (KeyError, TypeError) as exc:
        raise LimitsError(f"{path}: missing {exc}") from None
    if not isinstance(share, int | float) or isinstance(share, bool) or not 0 <= share < 1:
        raise LimitsError(f"{path}: structured.binary_nul_line_share must be from 0 up to 1, got {share!r}")
    return Limits(
        chunk_chars=_positive_int(chunk, "extraction.chunk_chars", path),
        name_chars=_positive_int(name, "extraction.name_chars", path),
        cell_chars=_positive_int(cell, "structured.cell_chars", path),
        binary_nul_line_share=float(share),
        id_chars=_positive_int(id_chars, "store.id_chars", path),
        value_chars=_positive_int(value_chars, "store.value_chars", path),
    )


@cache
def load_limits(path: Path | None = None) -> Limits:
    """The bounds, read once per process."""
    path = path or etl_dir() / "limits.yaml"
    with open(path, encoding="utf-8") as handle:
        return parse_limits(yaml.safe_load(handle) or {}, path)

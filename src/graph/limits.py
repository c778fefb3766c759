"""Bounds on raw input, read from `etl/limits.yaml`: when a document is extracted in pieces,
and when a structured row is refused. Data rather than literals, so that an operator can see
and change them; validated here so that a wrong value fails at start with the file named."""

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
    cell_chars: int  # a structured cell longer than this refuses its row
    binary_nul_line_share: float  # a structured file with NULs on more lines than this is binary


def _positive_int(value: Any, where: str, path: Path) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise LimitsError(f"{path}: {where} must be a whole number of 1 or more, got {value!r}")
    return value


def parse_limits(data: dict[str, Any], path: Path) -> Limits:
    """The bounds in `data` (the parsed YAML of `path`), checked."""
    try:
        extraction, structured = data["extraction"], data["structured"]
        share = structured["binary_nul_line_share"]
        chunk, cell = extraction["chunk_chars"], structured["cell_chars"]
    except (KeyError, TypeError) as exc:
        raise LimitsError(f"{path}: missing {exc}") from None
    if not isinstance(share, int | float) or isinstance(share, bool) or not 0 <= share < 1:
        raise LimitsError(f"{path}: structured.binary_nul_line_share must be from 0 up to 1, got {share!r}")
    return Limits(
        chunk_chars=_positive_int(chunk, "extraction.chunk_chars", path),
        cell_chars=_positive_int(cell, "structured.cell_chars", path),
        binary_nul_line_share=float(share),
    )


@cache
def load_limits(path: Path | None = None) -> Limits:
    """The bounds, read once per process."""
    path = path or etl_dir() / "limits.yaml"
    with open(path, encoding="utf-8") as handle:
        return parse_limits(yaml.safe_load(handle) or {}, path)

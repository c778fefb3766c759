"""Where the project's data folders (`etl/`, `cypher/`) are found, in a checkout or an installed wheel."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def project_dir(name: str) -> Path:
    """Return the folder `etl` or `cypher`: the checkout's copy, else the one packaged in the wheel."""
    override = os.environ.get(f"GRAPH_{name.upper()}_DIR")
    candidates = [Path(override)] if override else []
    candidates += [_PACKAGE.parents[1] / name, _PACKAGE / "_data" / name]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cannot find the '{name}' folder (looked in {candidates})")


def etl_dir() -> Path:
    return project_dir("etl")


def cypher_dir() -> Path:
    return project_dir("cypher")


def data_dir(option: str | Path | None = None) -> Path:
    """The store's data folder: `--data`, else `GRAPH_DATA`, else `./data`."""
    return Path(option or os.environ.get("GRAPH_DATA") or "data").resolve()

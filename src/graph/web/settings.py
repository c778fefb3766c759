"""How `graph serve` was started, as every page reads it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """How the workbench was started: the store it reads, where its files live, who asks."""

    data: Path  # the embedded store's folder; saved queries and the audit trail live beside it
    store: str | None  # the --store given (None: the default)
    analyst: str | None
    host: str = "127.0.0.1"
    port: int = 8765  # as given; a test may serve on another
    token: str | None = None  # required when `host` is not a loopback address

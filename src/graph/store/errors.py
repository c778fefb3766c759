"""The store's errors, in a module of their own so that the interface, the plan check and both
stores share them without importing each other."""

from __future__ import annotations


class StoreError(RuntimeError):
    """The store could not be reached or refused an operation."""


class ReadOnlyError(StoreError):
    """An investigator query whose plan does more than read the graph."""


class QueryTimeout(StoreError):
    """A query ran past its time limit and was stopped."""

    def __init__(self, timeout_s: float, detail: str = "") -> None:
        self.timeout_s = timeout_s
        super().__init__(
            f"query timed out after {timeout_s:g} s and was stopped"
            + (f" ({detail})" if detail else "")
            + "; narrow it down, or give more time with --timeout"
        )

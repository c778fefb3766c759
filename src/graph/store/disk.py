"""Room on the disk that holds the store: a write is refused, before it starts, when the folder's
disk has less free space than the store keeps in reserve, and a write that failed because the
disk filled up is reported as that (which folder, how much is free, how much more is needed)
rather than as a server that went away. Nothing committed is lost either way, and the same
command run again once space is freed resumes where it stopped."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path
from typing import Any

from graph.store.base import StoreError

MB = 1024 * 1024
# Free space the embedded store keeps: its append-only log grows by each batch and is rewritten
# in place from time to time. GRAPH_MIN_FREE_MB changes it (0 turns the check off).
DEFAULT_RESERVE_MB = 16
FULL_MESSAGES = (
    "No space left on device",
    "Disk quota exceeded",
    "database or disk is full",
    "Short write while writing to the AOF file",  # Redis, when the disk fills mid-write
)


class DiskFullError(StoreError):
    """The disk holding the store's folder has no room for the next write."""


def reserve_bytes() -> int:
    """The free space a write needs beyond its own size, from GRAPH_MIN_FREE_MB."""
    return int(float(os.environ.get("GRAPH_MIN_FREE_MB", DEFAULT_RESERVE_MB)) * MB)


def free_bytes(folder: Path) -> int:
    """Free space, in bytes, on the disk that holds `folder`."""
    return shutil.disk_usage(folder).free


def estimated_size(statements: list[tuple[str, dict[str, Any]]]) -> int:
    """About how many bytes the store's log grows by when it commits `statements`."""
    return sum(len(query) + len(json.dumps(params, default=str)) for query, params in statements)


def disk_full(folder: Path, write_bytes: int) -> DiskFullError:
    """The error an investigator reads: which folder's disk is full, what it needs, what to do."""
    free, reserve = free_bytes(folder), reserve_bytes()
    parts = [f"about {write_bytes / MB:.1f} MB for this write"] if write_bytes else []
    parts.append(f"{reserve / MB:.0f} MB kept in reserve, set by GRAPH_MIN_FREE_MB")
    return DiskFullError(
        f"the disk holding {folder} is full: {free / MB:.1f} MB free, the store needs at least "
        f"{max(write_bytes + reserve, MB) / MB:.1f} MB to go on ({' and '.join(parts)}). "
        "Nothing already written is lost: free some space and run the same command again, "
        "it resumes where it stopped"
    )


def ensure_room(folder: Path, statements: list[tuple[str, dict[str, Any]]]) -> None:
    """Refuse a write, before it starts, when the disk holding `folder` is below the reserve."""
    reserve = reserve_bytes()
    if reserve and free_bytes(folder) < reserve:
        raise disk_full(folder, estimated_size(statements))


def log_size(log: Path) -> int:
    """Where the server log ends now, so that only what it says after this is read."""
    return log.stat().st_size if log.is_file() else 0


def was_disk_full(exc: BaseException, log: Path | None = None, since: int = 0) -> bool:
    """Whether `exc`, or what the server logged after byte `since`, says the disk filled up."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if any(message in str(seen) for message in FULL_MESSAGES):
            return True
        seen = seen.__cause__ or seen.__context__
    if log is not None and log.is_file():
        with log.open("rb") as handle:
            handle.seek(max(since, log.stat().st_size - 65536))
            tail = handle.read().decode("utf-8", errors="replace")
        return any(message in tail for message in FULL_MESSAGES)
    return False

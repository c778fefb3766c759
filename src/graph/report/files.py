"""How every report, picture and export reaches the disk: written whole beside its target, then
moved into place, so that a failed write (a full disk, a killed process) leaves the file that
was there before untouched, never a truncated one.

`outputs()` writes several files as one: each goes to a temporary file in its target's folder
(`.NAME.XXXX.tmp`, so the rename cannot cross file systems), is flushed to disk, and only when
every one is written are they all renamed into place. Any failure removes the temporary files
and raises `OutputError`, which names the path and the reason in one line.

A missing folder on the way to an output is created (the same for `graph report` and `graph
export`); an output that names an existing folder (or, for a folder output, an existing file) is
refused, as is a path through a file."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


class OutputError(Exception):
    """An output that cannot be written: the path and the reason, for one line of error."""

    def __init__(self, path: Path, reason: str, *, disk_full: bool = False) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason
        self.disk_full = disk_full


def reason(exc: OSError) -> str:
    """An OSError's reason in words, without the path the message already names."""
    if isinstance(exc, IsADirectoryError):
        return "it is a folder (give a file name)"
    if isinstance(exc, NotADirectoryError | FileExistsError):
        return "a part of the path is a file, not a folder"
    return exc.strerror or str(exc)


def failed(path: Path, exc: OSError) -> OutputError:
    """The OutputError for `exc`, raised while writing `path`."""
    return OutputError(path, reason(exc), disk_full=exc.errno in DISK_FULL)


def output_file(path: Path | str) -> Path:
    """`path`, checked to be writable as a file: not a folder, its folder created if missing."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(path, "it is a folder (give a file name)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise failed(path, exc) from exc
    return path


def output_folder(path: Path | str) -> Path:
    """`path`, checked to be usable as a folder of outputs: created if missing, not a file."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputError(path, "it is a file, and this output is a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise failed(path, exc) from exc
    return path


def _new_file_mode() -> int:
    """The mode a new file gets under the process umask (temporary files are created 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _mode_for(target: Path) -> int:
    """The mode the target has, or a new file's: not the temporary file's 0600."""
    return target.stat().st_mode & 0o7777 if target.is_file() else _new_file_mode()


class Outputs:
    """Files being written as one (see `outputs()`): each `open` writes a temporary file."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []  # (temporary file, target)

    @contextmanager
    def open(self, path: Path | str, *, binary: bool = False, newline: str | None = None) -> Iterator[IO]:
        """A handle on a temporary file that becomes `path` when every output is written."""
        target = output_file(path)
        try:
            handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        except OSError as exc:
            raise failed(target, exc) from exc
        temporary = Path(name)
        self.pending.append((temporary, target))
        text = {} if binary else {"encoding": "utf-8", "newline": newline}
        try:
            with os.fdopen(handle, "wb" if binary else "w", **text) as stream:
                os.fchmod(stream.fileno(), _mode_for(target))
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as exc:
            raise failed(target, exc) from exc

    def write_text(self, path: Path | str, text: str) -> None:
        """Write `text` (UTF-8) as `path`."""
        with self.open(path) as stream:
            stream.write(text)

    def commit(self) -> None:
        """Move every written file into place, in the order they were opened."""
        while self.pending:
            temporary, target = self.pending[0]
            try:
                os.replace(temporary, target)
            except OSError as exc:
                raise failed(target, exc) from exc
            self.pending.pop(0)

    def discard(self) -> None:
        """Remove the temporary files not moved into place."""
        for temporary, _ in self.pending:
            temporary.unlink(missing_ok=True)
        self.pending.clear()


@contextmanager
def outputs() -> Iterator[Outputs]:
    """Write several files as one: all are moved into place when the block ends without error;
    on any error none is, their temporary files are removed, and the old files stay as they were.
    """
    files = Outputs()
    try:
        yield files
        files.commit()
    finally:
        files.discard()


@contextmanager
def atomic_write(path: Path | str, *, binary: bool = False, newline: str | None = None) -> Iterator[IO]:
    """One file written whole and moved into place (see `outputs()`)."""
    with outputs() as files, files.open(path, binary=binary, newline=newline) as stream:
        yield stream

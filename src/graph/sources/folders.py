"""The report files under the folders and files given to a run, and the symbolic links among
them. A folder is read recursively in a stable order; a link inside it is read only when what
it points to stays inside the folder, unless the run allows leaving it (`--follow-symlinks`,
`follow_symlinks: true` in a job source): a report folder holding a link to /etc/shadow must
not put the password file in the graph. A link that is refused is reported with where it
points; a folder or file named on the command line is read even when it is a link (naming it
is the user's own choice)."""

from __future__ import annotations

import errno
import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.model import Document
from graph.sources.readers import SUFFIXES, SourceError, read_file

FOLLOW_HINT = "not followed without --follow-symlinks (follow_symlinks: true in a job source)"


def is_readme(path: Path) -> bool:
    """A folder's README describes the reports beside it; it is not one of them."""
    return path.stem.upper() == "README"


def is_report(path: Path, folder: Path, pattern: str) -> bool:
    """Whether `path` under `folder` is a report file that the glob `pattern` selects."""
    relative = str(path.relative_to(folder))
    return path.suffix.lower() in SUFFIXES and not is_readme(path) and fnmatch.fnmatch(relative, pattern)


def link_refusal(link: Path, root: Path, walking: tuple[str, ...], follow: bool) -> SourceError | None:
    """Why the symbolic link `link` inside the folder `root` (real path) is not read, or None
    when it may be: it is dangling or a loop, it leaves `root` and `follow` is off, or it leads
    back to a folder of `walking` (the real paths of the folders being read down to it)."""
    written = os.readlink(link)
    try:
        target = os.path.realpath(link, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return SourceError(str(link), f"cannot read: symbolic link loop ({link} -> {written})")
        return SourceError(str(link), f"cannot read: symbolic link to {written}, which does not exist")
    if not follow and not Path(target).is_relative_to(root):
        resolved = "" if written == target else f" (that is {target})"
        return SourceError(
            str(link), f"symbolic link leaves the folder {root}: {link} -> {written}{resolved}; {FOLLOW_HINT}"
        )
    if target in walking:
        return SourceError(
            str(link), f"cannot read: symbolic link loop ({link} -> {written} leads back to {target})"
        )
    return None


def walk_folder(
    folder: Path, pattern: str = "*", *, follow_symlinks: bool = False
) -> Iterator[Path | SourceError]:
    """Report files under `folder` in a stable order (each folder's files by name, then its
    folders by name), with a refusal for every link not read and every folder that cannot be
    listed. Links that stay inside `folder` are read; with `follow_symlinks`, those that leave
    it too. A link back to a folder being read is refused as a loop, so no walk is endless."""
    if not folder.is_dir():
        yield SourceError(str(folder), "no such folder")
        return
    root = Path(os.path.realpath(folder))
    stack: list[tuple[Path, tuple[str, ...]]] = [(folder, (str(root),))]
    while stack:
        current, walking = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as exc:
            yield SourceError(str(current), f"cannot read folder: {exc.strerror}")
            continue
        folders = []
        for entry in entries:
            path = Path(entry.path)
            try:
                is_folder = entry.is_dir(follow_symlinks=True)
            except OSError:  # a link loop: refused as such below, if it has a report's name
                is_folder = False
            if not is_folder and not is_report(path, folder, pattern):
                continue  # not a report file (notes.pdf), whatever it links to
            refusal = link_refusal(path, root, walking, follow_symlinks) if entry.is_symlink() else None
            if refusal is not None:
                yield refusal
            elif is_folder:
                folders.append((path, (*walking, os.path.realpath(path))))
            else:
                yield path
        stack.extend(reversed(folders))


def iter_files(paths: Iterable[str | Path], *, follow_symlinks: bool = False) -> Iterator[Path | SourceError]:
    """Files under the given paths (folders recursively, sorted; see `walk_folder`), or
    errors for missing paths and refused links."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from walk_folder(path, follow_symlinks=follow_symlinks)
        elif path.exists():  # a file, or something `read_file` refuses as not one (a FIFO)
            yield path
        else:
            yield SourceError(str(path), "no such file or folder")


def iter_documents(
    paths: Iterable[str | Path], *, follow_symlinks: bool = False
) -> Iterator[Document | SourceError]:
    """Every Document (or SourceError) found under `paths`, in a stable order."""
    for item in iter_files(paths, follow_symlinks=follow_symlinks):
        if isinstance(item, SourceError):
            yield item
        else:
            yield from read_file(item)

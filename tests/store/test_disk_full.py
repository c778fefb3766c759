"""A full disk during ingest: the command says which folder's disk is full and how much room
it needs, exits non-zero, loses nothing committed, and the same command resumes once space is
freed. The real case runs on a small tmpfs (needs the right to mount, as root in CI); the
reserve check and the diagnosis run everywhere."""

import errno
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.store.base import StoreError
from graph.store.disk import DiskFullError, ensure_room, was_disk_full
from graph.store.embedded import EmbeddedStore

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parents[2] / "etl" / "samples"
DATA = Path(__file__).resolve().parents[1] / "data"


def ingest(data: Path, *paths: Path, env: dict[str, str] | None = None):
    return runner.invoke(app, ["ingest", *map(str, paths), "--data", str(data)], env=env)


def totals(data: Path) -> dict[str, int]:
    with EmbeddedStore(data) as store:
        return store.counts()


def test_a_write_below_the_reserve_is_refused_before_it_starts(tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPH_MIN_FREE_MB", str(10**9))  # more than any disk has
    result = ingest(tmp_path / "data", DATA / "en_charge.md")
    assert result.exit_code == 3
    assert "the disk holding" in result.output and str(tmp_path / "data") in result.output.replace("\n", "")
    assert "Traceback" not in result.output
    monkeypatch.delenv("GRAPH_MIN_FREE_MB")
    assert ingest(tmp_path / "data", DATA / "en_charge.md").exit_code == 0


def test_ensure_room_names_the_folder_and_the_room_needed(tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPH_MIN_FREE_MB", str(10**9))
    with pytest.raises(DiskFullError, match=r"MB free, the store needs at least") as raised:
        ensure_room(tmp_path, [("CREATE (n)", {"rows": ["x" * 1000]})])
    assert str(tmp_path) in str(raised.value)
    monkeypatch.setenv("GRAPH_MIN_FREE_MB", "0")
    ensure_room(tmp_path, [("CREATE (n)", {})])  # 0 turns the check off


def test_a_full_disk_is_read_from_the_error_or_from_what_the_server_logged_since(tmp_path):
    assert was_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    wrapped = RuntimeError("write failed")
    wrapped.__cause__ = OSError(errno.ENOSPC, "full")
    assert was_disk_full(wrapped)
    log = tmp_path / "server.log"
    log.write_text("# Short write while writing to the AOF file: (nwritten=10, expected=20)\n")
    gone = ConnectionError("Connection closed by server.")
    assert was_disk_full(gone, log, since=0)
    assert not was_disk_full(gone, log, since=log.stat().st_size)  # an old event is not this one
    assert not was_disk_full(gone)


@pytest.fixture
def small_disk(tmp_path):
    """A 24 MB tmpfs, unmounted afterwards; skipped where this process may not mount."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=24M", "tmpfs", str(disk)], capture_output=True, text=True
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a small tmpfs here (needs CAP_SYS_ADMIN): {mounted.stderr.strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path, leave_kb: int) -> Path:
    free_kb = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize // 1024
    filler = disk / "filler"
    with filler.open("wb") as handle:
        handle.truncate(0)
        os.posix_fallocate(handle.fileno(), 0, max(0, free_kb - leave_kb) * 1024)
    return filler


@pytest.mark.slow
@pytest.mark.parametrize(
    ("reserve_mb", "leave_kb"),
    [("16", 8 * 1024), ("0", 300)],  # refused by the reserve; the server dies mid-write
    ids=["reserve", "server-dies"],
)
def test_ingest_on_a_full_disk_says_so_and_resumes_once_space_is_freed(
    small_disk, tmp_path, reserve_mb, leave_kb
):
    reference = tmp_path / "reference"
    assert ingest(reference, SAMPLES).exit_code == 0
    data = small_disk / "data"
    assert ingest(data, DATA / "en_charge.md").exit_code == 0  # something committed before
    before = totals(data)
    filler = fill(small_disk, leave_kb)
    result = ingest(data, SAMPLES, env={"GRAPH_MIN_FREE_MB": reserve_mb})
    assert result.exit_code == 3, result.output
    message = " ".join(result.output.split())
    assert f"the disk holding {data} is full" in message and "MB free" in message
    assert "Traceback" not in result.output and "went away" not in message
    try:  # a server that died of it may not start again while the disk is full: it says why
        totals(data)
    except StoreError as exc:
        assert isinstance(exc, DiskFullError) and "is full" in str(exc)
    filler.unlink()
    assert all(totals(data)[k] >= v for k, v in before.items())  # nothing committed is lost
    resumed = ingest(data, SAMPLES)
    assert resumed.exit_code == 0, resumed.output
    again = ingest(reference, DATA / "en_charge.md")
    assert again.exit_code == 0
    assert totals(data) == totals(reference)

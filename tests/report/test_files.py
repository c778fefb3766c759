"""Where `graph report` and `graph export` write (report/files.py): a missing folder is created;
an --out that is a folder, a path through a file, a read-only file system and a full disk are
each one line of error naming the path and the reason, with no traceback; and a write that fails
in the middle (a real full tmpfs) leaves the old report and the old export byte for byte."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.store.embedded import EmbeddedStore

runner = CliRunner()
OLD = b"<!DOCTYPE html><p>the report of last week</p>\n"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small graph in an embedded store: four people controlling two accounts."""
    folder = tmp_path_factory.mktemp("outputs") / "data"
    prov = Provenance("doc:1", 0, 20, "Karwan Saleh runs @channel_taxi_uk.", "test", 0.9, "2024-05-01")
    people = [NodeRecord("Person", f"person:p{i}", {"name": f"Person {i}"}, prov) for i in range(4)]
    accounts = [
        NodeRecord("Account", f"account:a{i}", {"name": f"@a{i}", "handle": f"@a{i}"}, prov) for i in (0, 1)
    ]
    edges = [
        EdgeRecord("CONTROLS", "Person", p.id, "Account", accounts[i % 2].id, "", {}, prov)
        for i, p in enumerate(people)
    ]
    with EmbeddedStore(folder, write=True) as store:
        store.write_batch(GraphBatch([*people, *accounts], edges))
    return folder


def mount_tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A real tmpfs on `folder`, unmounted afterwards; skipped where this process may not mount."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, text=True
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here (needs CAP_SYS_ADMIN): {mounted.stderr.strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    yield from mount_tmpfs(tmp_path / "disk", "size=256k")


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    yield from mount_tmpfs(tmp_path / "ro", "ro,size=64k")


def fill(disk: Path) -> None:
    """Take every free block of `disk`, so that the next write that needs one fails."""
    stat = os.statvfs(disk)
    with open(disk / "filler", "wb") as handle:
        os.posix_fallocate(handle.fileno(), 0, stat.f_bavail * stat.f_frsize)


def refused(args: list[str], path: Path, reason: str, code: int = 2) -> None:
    """The command fails with one line naming `path` and `reason`, and no traceback."""
    result = runner.invoke(app, args)
    assert result.exit_code == code, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception  # not an uncaught OSError
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert lines[0].startswith(f"error: cannot write {path}: ") and reason in lines[0], lines[0]


def report(data: Path, out: Path, *extra: str) -> list[str]:
    return ["report", "--data", str(data), "--out", str(out), *extra]


def export(data: Path, fmt: str, out: Path) -> list[str]:
    return ["export", "--data", str(data), "--format", fmt, "--out", str(out)]


def test_a_missing_folder_is_created_for_the_report_and_every_export(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "report.html"
    result = runner.invoke(app, report(data, target, "--png"))
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 10_000 and (target.parent / "report-network.png").is_file()
    for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("cypher", "g.cypher"), ("ftm", "g.ftm")):
        result = runner.invoke(app, export(data, fmt, tmp_path / fmt / "deeper" / name))
        assert result.exit_code == 0, result.output
        assert (tmp_path / fmt / "deeper" / name).stat().st_size > 100
    result = runner.invoke(app, export(data, "csv", tmp_path / "csv" / "deeper"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "csv" / "deeper").iterdir()) == [
        "documents.csv",
        "entities.csv",
        "links.csv",
    ]
    assert not [p for p in tmp_path.rglob(".*")]  # no temporary file left behind


def test_an_out_that_is_a_folder_or_goes_through_a_file_is_one_line(data: Path, tmp_path: Path) -> None:
    refused(report(data, tmp_path), tmp_path, "it is a folder")
    refused(export(data, "graphml", tmp_path), tmp_path, "it is a folder")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    refused(export(data, "csv", a_file), a_file, "it is a file")
    through = a_file / "report.html"
    refused(report(data, through), through, "a part of the path is a file")
    refused(export(data, "cypher", a_file / "sub" / "g.cypher"), a_file / "sub" / "g.cypher", "is a file")
    assert a_file.read_text() == "not a folder"


def test_a_read_only_file_system_is_one_line(data: Path, read_only: Path) -> None:
    refused(report(data, read_only / "report.html"), read_only / "report.html", "Read-only file system")
    refused(export(data, "ftm", read_only / "g.ftm"), read_only / "g.ftm", "Read-only file system")
    refused(export(data, "csv", read_only / "csv"), read_only / "csv", "Read-only file system")


def test_a_full_disk_leaves_the_old_report_and_export_byte_for_byte(data: Path, small_disk: Path) -> None:
    old_report = small_disk / "report.html"
    old_report.write_bytes(OLD)
    old_csv = small_disk / "csv"
    old_csv.mkdir()
    for name in ("entities.csv", "links.csv", "documents.csv"):
        (old_csv / name).write_bytes(f"old {name}\n".encode())
    old_graphml = small_disk / "g.graphml"
    old_graphml.write_bytes(b"<graphml/>\n")
    before = {p: p.read_bytes() for p in (old_report, old_graphml, *old_csv.iterdir())}
    fill(small_disk)  # the report (over 256 KB with its scripts) fails in the middle of its write
    refused(report(data, old_report), old_report, "No space left on device", code=3)
    refused(export(data, "graphml", old_graphml), old_graphml, "No space left on device", code=3)
    refused(export(data, "csv", old_csv), old_csv / "entities.csv", "No space left on device", code=3)
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["csv", "filler", "g.graphml", "report.html"]
    assert len(list(old_csv.iterdir())) == 3  # no temporary file left behind


def test_outputs_are_moved_into_place_together_or_not_at_all(tmp_path: Path) -> None:
    from graph.report.files import OutputError, atomic_write, outputs

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("old a")
    second.write_text("old b")
    first.chmod(0o640)
    with pytest.raises(ValueError, match="in the middle"), outputs() as files:
        files.write_text(first, "new a")
        with files.open(second) as handle:
            handle.write("half of b")
            raise ValueError("failed in the middle")
    assert (first.read_text(), second.read_text()) == ("old a", "old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    with outputs() as files:
        files.write_text(first, "new a")
        files.write_text(second, "new b")
    assert (first.read_text(), second.read_text()) == ("new a", "new b")
    assert first.stat().st_mode & 0o777 == 0o640  # the file keeps its mode
    with pytest.raises(OutputError, match="it is a folder"), atomic_write(tmp_path) as handle:
        handle.write("x")

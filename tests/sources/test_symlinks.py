"""Symbolic links in input folders (issue 15, case 5): a link that leaves the folder is refused
with where it points, unless the run allows it (`--follow-symlinks`, `follow_symlinks: true`);
links that stay inside are read; loops end. The links are made at run time (none is committed),
pointing at a secret outside the folder that must never reach the graph or any output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.etl.jobs import JobError, load_job
from graph.etl.runner import job_items
from graph.model import Document
from graph.sources import SourceError, iter_documents
from graph.sources.feeds import read_feed
from graph.sources.folders import walk_folder
from graph.store import open_store

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "sources"
SECRET = "The vault code of the border agency is 4711 and the administrator password is hunter2."
REPORT = "Police arrested Karwan Saleh in Dover on 14 March 2024 after a TikTok advert for crossings."
REPORT_AR = "ألقت الشرطة الفرنسية القبض على المدعو هوكر رسول في كاليه في 14 مارس 2024."


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """A report folder with a real report in each language, links that leave it (a file by an
    absolute and by a relative path, a folder), links that stay in it, a loop, a link to itself
    and a dangling one; the secret lies beside the folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "more.md").write_text(SECRET, encoding="utf-8")
    reports = tmp_path / "reports"
    (reports / "sub").mkdir(parents=True)
    (reports / "en.md").write_text(REPORT, encoding="utf-8")
    (reports / "sub" / "ar.txt").write_text(REPORT_AR, encoding="utf-8")
    (reports / "shadow.txt").symlink_to(outside / "secret.txt")
    (reports / "sub" / "relative.txt").symlink_to(Path("..") / ".." / "outside" / "secret.txt")
    (reports / "outside_folder").symlink_to(outside, target_is_directory=True)
    (reports / "inside.md").symlink_to(Path("sub") / "ar.txt")
    (reports / "sub_again").symlink_to(reports / "sub", target_is_directory=True)
    (reports / "sub" / "loop").symlink_to(Path(".."), target_is_directory=True)
    (reports / "self.txt").symlink_to(reports / "self.txt")
    (reports / "dangling.md").symlink_to(tmp_path / "gone.md")
    return reports


def names(items, root: Path) -> list[str]:
    return [str(Path(i if isinstance(i, Path) else i.path).relative_to(root)) for i in items]


def test_links_that_leave_the_folder_are_refused_with_where_they_point(linked, tmp_path):
    items = list(walk_folder(linked))
    files = [i for i in items if isinstance(i, Path)]
    refused = {str(Path(e.path).relative_to(linked)): e.reason for e in items if isinstance(e, SourceError)}
    assert names(files, linked) == ["en.md", "inside.md", "sub/ar.txt", "sub_again/ar.txt"]
    real = Path(os.path.realpath(linked))
    secret = Path(os.path.realpath(tmp_path / "outside" / "secret.txt"))
    assert refused["shadow.txt"] == (
        f"symbolic link leaves the folder {real}: {linked / 'shadow.txt'} -> {secret}; "
        "not followed without --follow-symlinks (follow_symlinks: true in a job source)"
    )
    relative = linked / "sub" / "relative.txt"
    assert refused["sub/relative.txt"].startswith(
        f"symbolic link leaves the folder {real}: {relative} -> ../../outside/secret.txt (that is {secret})"
    )
    assert refused["outside_folder"].startswith(f"symbolic link leaves the folder {real}")
    assert refused["sub/loop"] == (
        f"cannot read: symbolic link loop ({linked / 'sub' / 'loop'} -> .. leads back to {real})"
    )
    assert refused["sub_again/loop"].startswith("cannot read: symbolic link loop")
    assert refused["self.txt"].startswith("cannot read: symbolic link loop")
    gone = tmp_path / "gone.md"
    assert refused["dangling.md"] == f"cannot read: symbolic link to {gone}, which does not exist"
    texts = [d.text for d in iter_documents([linked]) if isinstance(d, Document)]
    assert texts and not any("hunter2" in t for t in texts)


def test_follow_symlinks_reads_links_that_leave_and_still_ends_loops(linked):
    items = list(walk_folder(linked, follow_symlinks=True))
    files = names([i for i in items if isinstance(i, Path)], linked)
    assert files == [
        "en.md", "inside.md", "shadow.txt", "outside_folder/more.md", "outside_folder/secret.txt",
        "sub/ar.txt", "sub/relative.txt", "sub_again/ar.txt", "sub_again/relative.txt",
    ]  # fmt: skip
    refused = sorted(names([i for i in items if isinstance(i, SourceError)], linked))
    assert refused == ["dangling.md", "self.txt", "sub/loop", "sub_again/loop"]


def test_a_folder_named_on_the_command_line_may_itself_be_a_link(linked, tmp_path):
    (tmp_path / "chosen").symlink_to(linked, target_is_directory=True)
    items = list(walk_folder(tmp_path / "chosen"))
    assert names([i for i in items if isinstance(i, Path)], tmp_path / "chosen") == [
        "en.md", "inside.md", "sub/ar.txt", "sub_again/ar.txt"
    ]  # fmt: skip
    assert "shadow.txt" in names([i for i in items if isinstance(i, SourceError)], tmp_path / "chosen")


def test_a_fifo_with_a_report_name_is_refused_not_read(tmp_path):
    (tmp_path / "en.md").write_text(REPORT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer forever
    items = list(iter_documents([tmp_path, tmp_path / "pipe.txt"]))  # in a folder, and named
    assert [i.reason for i in items if isinstance(i, SourceError)] == ["not a regular file (a FIFO)"] * 2
    assert [i.lang for i in items if isinstance(i, Document)] == ["en"]


def test_graph_ingest_refuses_the_links_and_the_secret_reaches_neither_graph_nor_output(linked, tmp_path):
    runner = CliRunner()
    data = tmp_path / "data"
    result = runner.invoke(app, ["ingest", str(linked), "--data", str(data)])
    assert result.exit_code == 1 and "symbolic link leaves the folder" in result.output
    assert "hunter2" not in result.output and "4711" not in result.output
    with open_store(None, data) as store:
        texts = [r[0] for r in store.query("MATCH (d:Document) RETURN d.text").rows]
        graph = store.query("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r", limit=10**6).rows
    assert len(texts) == 2 and "hunter2" not in str(graph) and "4711" not in str(graph)
    allowed = runner.invoke(app, ["ingest", str(linked), "--data", str(data), "--follow-symlinks"])
    assert allowed.exit_code == 1  # the loops and the dangling link are still refused
    with open_store(None, data) as store:
        texts = [r[0] for r in store.query("MATCH (d:Document) RETURN d.text").rows]
    assert SECRET in texts


def test_a_job_source_follows_links_only_when_it_says_so(linked, tmp_path):
    for follow in ("false", "true"):
        job = tmp_path / f"job_{follow}.yaml"
        job.write_text(f"sources:\n  - kind: folder\n    path: {linked}\n    follow_symlinks: {follow}\n")
        items = list(job_items(load_job(str(job))))
        texts = [i.document.text for i in items if not isinstance(i, SourceError)]
        reasons = [e.reason for e in items if isinstance(e, SourceError)]
        assert (SECRET in texts) is (follow == "true")
        assert any(r.startswith("symbolic link leaves the folder") for r in reasons) is (follow == "false")
    default = tmp_path / "job_default.yaml"
    default.write_text(f"sources:\n  - kind: folder\n    path: {linked}\n")
    assert SECRET in [i.document.text for i in job_items(load_job(str(default)), follow_symlinks=True)
                      if not isinstance(i, SourceError)]  # fmt: skip
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"sources:\n  - kind: folder\n    path: {linked}\n    follow_symlinks: sometimes\n")
    with pytest.raises(JobError, match="'follow_symlinks' must be true or false"):
        load_job(str(bad))


def test_a_feed_reads_no_saved_page_from_outside_its_folder(tmp_path):
    saved = tmp_path / "saved"
    shutil.copytree(HOSTILE / "saved", saved)
    (tmp_path / "secret.html").write_text(f"<html><body><p>{SECRET}</p></body></html>", encoding="utf-8")
    (saved / "linked-page.html").symlink_to(tmp_path / "secret.html")
    feed = str(HOSTILE / "escaping_feed.xml")
    items = list(read_feed(feed, saved))
    refused = [(e.line, e.reason) for e in items if isinstance(e, SourceError)]
    assert refused == [
        (1, f"feed entry 1: its saved page {saved / '..'} would be read from outside {saved}"),
        (2, f"feed entry 2: its saved page {saved / 'linked-page.html'} is a symbolic link leaving {saved} "
            f"(to {tmp_path / 'secret.html'}); not followed without --follow-symlinks "
            "(follow_symlinks: true in the job source)"),
    ]  # fmt: skip
    (page,) = [d for d in items if isinstance(d, Document)]
    assert page.line == 3 and "18 outboard engines" in page.text
    followed = [d for d in read_feed(feed, saved, follow_symlinks=True) if isinstance(d, Document)]
    assert [d.line for d in followed] == [2, 3] and followed[0].text == SECRET

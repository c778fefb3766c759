"""One ETL run: enumerate the job's sources, skip what the store already holds complete,
extract and write the rest in batches with retries, quarantine what is refused, and record the
run. Killed at any moment, the next run finishes the work and ends with the same graph."""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from graph import PIPELINE_VERSION
from graph.etl.cluster import Builder, builder_for
from graph.etl.jobs import Job, Source
from graph.etl.settle import settle
from graph.etl.state import EtlState
from graph.model import Document, GraphBatch, NodeRecord
from graph.resolve.contradictions import flag_statements
from graph.resolve.corroboration import support_statement
from graph.resolve.reprints import Reprints
from graph.sources.feeds import read_feed
from graph.sources.folders import walk_folder
from graph.sources.readers import SourceError, read_file
from graph.sources.structured import read_structured
from graph.store.base import GraphStore, StoreError, statement
from graph.store.disk import DiskFullError
from graph.watch.alerts import Alert

T = TypeVar("T")


class EtlAborted(RuntimeError):
    """The store stayed unreachable or kept failing: the run stopped, nothing unfinished is marked done."""


@dataclass
class WorkItem:
    """A document to process: a text to extract from, or a structured file already mapped
    onto the ontology (`batch`)."""

    document: Document
    batch: GraphBatch | None = None


@dataclass
class RunReport:
    run_id: str
    job: str
    counts: Counter = field(default_factory=Counter)
    errors: list[SourceError] = field(default_factory=list)
    new: list[Document] = field(default_factory=list)
    dry_run: bool = False
    status: str = "ok"
    message: str = ""
    alerts: list[Alert] = field(default_factory=list)  # watched entities in the new documents

    @property
    def ok(self) -> bool:
        return not self.errors and self.status == "ok"


def settle_report(store: GraphStore, report: RunReport, run_id: str | None) -> None:
    """`settle` the documents `report` wrote, and say in it what came of that."""
    settled = settle(store, [d.id for d in report.new], run_id)
    if settled.same_as is not None:
        report.counts["same_as"] = settled.same_as
    if report.new or settled.alerts:
        report.alerts = settled.alerts
        report.counts["alerts"] = len(settled.alerts)
    left = (
        [f"{settled.left_before} report(s) an interrupted run had written were linked and checked now."]
        if settled.left_before
        else []
    )
    report.message = " ".join([report.message, *left, *settled.problems]).strip()


def text_item(document: Document, source: Source | None = None) -> WorkItem:
    """The work of one report; one without a date of its own takes the date its job gives
    the file (`date`/`dates` of the source), if any."""
    if source is not None and document.published is None:
        given = source.date_of(document.path)
        if given:
            document.published = document.seen = given
    return WorkItem(document)


def source_items(source: Source, job: Job, follow_symlinks: bool = False) -> Iterator[WorkItem | SourceError]:
    """The work and the refusals of one source of a job; symbolic links that leave a folder
    source (or a feed's saved pages) are followed only with `follow_symlinks` or the source's
    own `follow_symlinks: true`."""
    follow = follow_symlinks or source.options.get("follow_symlinks", False)
    if source.kind == "folder":
        glob = source.options.get("glob", "*")
        for path in walk_folder(Path(source.location), glob, follow_symlinks=follow):
            if isinstance(path, SourceError):
                yield path
                continue
            for item in read_file(path):
                yield item if isinstance(item, SourceError) else text_item(item, source)
    elif source.kind == "jsonl":
        for item in read_file(Path(source.location)):
            yield item if isinstance(item, SourceError) else text_item(item, source)
    elif source.kind == "feed":
        saved = source.options.get("saved_pages")
        saved_dir = (job.path.parent / saved).resolve() if saved else None
        for item in read_feed(source.location, saved_dir, follow_symlinks=follow):
            yield item if isinstance(item, SourceError) else text_item(item, source)
    elif source.kind == "structured":
        path = Path(source.location)
        try:
            document, batch, errors = read_structured(
                path,
                source.mapping,
                source.options.get("format"),
                extractor=f"mapping:{job.name}:{path.name}",
                published=source.date_of(path),
            )
        except OSError as exc:
            yield SourceError(str(path), f"cannot read: {exc.strerror}")
            return
        yield from errors
        if document is not None:
            yield WorkItem(document, batch)


def job_items(
    job: Job, only_paths: set[str] | None = None, follow_symlinks: bool = False
) -> Iterator[WorkItem | SourceError]:
    """The work and refusals of every source of `job` (only those under `only_paths`, if given)."""
    for source in job.sources:
        for item in source_items(source, job, follow_symlinks):
            path = item.path if isinstance(item, SourceError) else item.document.path
            if only_paths is None or path in only_paths or source.location in only_paths:
                yield item


@dataclass
class Started:
    """A batch whose extraction has started: its items, those to write, and how to get
    their graph records."""

    items: list[WorkItem]
    todo: list[WorkItem]
    results: Callable[[], list[GraphBatch | SourceError]]


class Runner:
    """Writes work items to a store in committed batches, with the in-store checkpoint."""

    def __init__(
        self,
        store: GraphStore,
        *,
        batch_size: int = 16,
        retries: int = 3,
        backoff_s: float = 1.0,
        dry_run: bool = False,
        run_id: str | None = None,
        on_progress: Callable[[RunReport, WorkItem | SourceError], None] | None = None,
        processes: int = 1,
        ner: str = "fast",
        scheduler: str | None = None,
    ) -> None:
        self.store = store
        self.scheduler = scheduler  # a Dask scheduler's address: extract on its cluster
        self.ner = ner
        self.batch_size = batch_size
        self.retries = retries
        self.backoff_s = backoff_s
        self.dry_run = dry_run
        self.run_id = run_id
        self.on_progress = on_progress
        self.processes = processes
        self.reprints = Reprints(store)

    def complete_ids(self, ids: list[str]) -> dict[str, str]:
        """The documents of `ids` the store holds complete, with the NER mode that extracted
        them (documents written before the modes existed were extracted with the fast one)."""
        query = "MATCH (d:Document) WHERE d.id IN $ids AND d.complete = true RETURN d.id, d.ner"
        rows = self.retrying(lambda: self.store.read(query, {"ids": ids})).rows
        return {row[0]: row[1] or "fast" for row in rows}

    def run(self, items: Iterable[WorkItem | SourceError], report: RunReport) -> RunReport:
        """Process `items` in committed batches; texts are extracted on `processes` cores, or
        on the Dask cluster at `scheduler`."""
        with builder_for(self.processes, self.ner, self.scheduler) as builder:
            return self._run(items, report, builder)

    def _run(
        self, items: Iterable[WorkItem | SourceError], report: RunReport, builder: Builder
    ) -> RunReport:
        # With workers, the next batch is extracted while the one before it is written.
        ahead = 1 if builder.parallel else 0
        in_flight: list[Started] = []
        pending: list[WorkItem] = []
        seen: set[str] = set()
        for item in items:
            if isinstance(item, SourceError):
                report.errors.append(item)
                report.counts["failed"] += 1
                self._progress(report, [item])
            elif item.document.id in seen:
                report.counts["unchanged"] += 1
                self._progress(report, [item])
            else:
                seen.add(item.document.id)
                pending.append(item)
                if len(pending) >= self.batch_size:
                    in_flight += self._start(pending, report, builder)
                    while len(in_flight) > ahead:
                        self._commit(in_flight.pop(0), report)
                    pending = []
        in_flight += self._start(pending, report, builder)
        for started in in_flight:
            self._commit(started, report)
        return report

    @staticmethod
    def _count_new(report: RunReport, todo: list[WorkItem]) -> None:
        """Count documents as new once written (or, in a dry run, once found to be new)."""
        report.new.extend(i.document for i in todo)
        report.counts["new"] += len(todo)

    def _progress(self, report: RunReport, items: list[WorkItem | SourceError]) -> None:
        """Tell the progress display about items once they are settled (refused, or committed)."""
        if self.on_progress:
            for item in items:
                self.on_progress(report, item)

    def _start(self, items: list[WorkItem], report: RunReport, builder: Builder) -> list[Started]:
        """Skip what the store holds complete and start extracting the rest (nothing when
        nothing is left to write)."""
        if not items:
            return []
        done = self.complete_ids([i.document.id for i in items])
        todo = [i for i in items if i.document.id not in done]
        report.counts["unchanged"] += len(items) - len(todo)
        # kept as extracted, and said: mixing two models' mentions in one document would be worse
        report.counts["unchanged_other_ner"] += sum(mode != self.ner for mode in done.values())
        if self.dry_run or not todo:
            self._count_new(report, todo)
            self._progress(report, items)
            return []
        texts = [item.document for item in todo if item.batch is None]
        return [Started(items, todo, builder.submit(texts))]

    def _commit(self, started: Started, report: RunReport) -> None:
        """Write a started batch, once its extraction is done, with its documents' marks."""
        items, todo = started.items, started.todo
        try:
            built = iter(started.results())
        except BrokenProcessPool as exc:
            raise EtlAborted(f"an extraction worker died, nothing of its batch was written: {exc}") from exc
        batch = GraphBatch()
        written = []
        for item in todo:
            part = item.batch if item.batch is not None else next(built)
            if isinstance(part, SourceError):  # this document failed; the others are written
                report.errors.append(part)
                report.counts["failed"] += 1
                continue
            for node in part.nodes:
                if node.label == "Document":
                    node.props["ner"] = self.ner  # which NER model extracted it
                    if self.run_id:  # create-only: the run that first read it
                        node.props.setdefault("run_id", self.run_id)
            batch.extend(part)
            written.append(item)
        todo = written
        self._count_origins(batch, [i.document for i in todo])
        mark = (statement("mark_complete"), {"ids": [i.document.id for i in todo]})
        events = sorted({node.id for node in batch.nodes if node.label == "Event"})
        support = support_statement(events)
        checks = [mark, support, *flag_statements(batch)]
        stats = self.retrying(lambda: self.store.write_batch(batch, then=checks))
        for item in todo:  # written, less what the store's bounds refused: said, never silent
            refused = stats.refused_by_document.get(item.document.id, [])
            report.errors += store_refusals(item, refused)
            report.counts["records_refused"] += len(refused)
        self._count_new(report, todo)
        report.counts["nodes_created"] += stats.nodes_created
        report.counts["relationships_created"] += stats.relationships_created
        report.counts["properties_set"] += stats.properties_set
        report.counts["batches"] += 1
        self._progress(report, items)

    def _count_origins(self, batch: GraphBatch, documents: list[Document]) -> None:
        """Give each report its origin (graph.resolve.reprints): on its Document, with the
        report it repeats and its text's fingerprint, and on the provenance of everything read from it,
        so that a relationship counts its independent sources."""
        readings = self.retrying(lambda: self.reprints.read(documents))
        for node in batch.nodes:
            if node.label == "Document" and node.id in readings:
                reading = readings[node.id]
                node.props.update(
                    origin=reading.origin,
                    reprint_of=reading.reprint_of,
                    reprint_signature=list(reading.fingerprint.signature),
                    shingle_count=reading.fingerprint.size,
                )
        for edge in batch.edges:
            if edge.prov is not None and edge.prov.doc_id in readings:
                edge.prov = replace(edge.prov, origin=readings[edge.prov.doc_id].origin)

    def retrying(self, action: Callable[[], T]) -> T:
        """Run `action`, retrying store failures with exponential backoff, then give up clearly;
        public because a job's run record is written with the same retries as its batches."""
        for attempt in range(self.retries + 1):
            try:
                return action()
            except DiskFullError as exc:  # retrying cannot make room
                raise EtlAborted(str(exc)) from exc
            except StoreError as exc:
                if attempt == self.retries:
                    raise EtlAborted(f"the store failed {attempt + 1} times, giving up: {exc}") from exc
                time.sleep(self.backoff_s * 2**attempt)
        raise AssertionError("unreachable")


def store_refusals(item: WorkItem, refused: list[tuple[str, int]]) -> list[SourceError]:
    """What the store's bounds refused of a written document, one refusal per line of its file
    (the row of a structured file; the document's own line for a report), each with the first
    reason and how many more records of that line went with it."""
    document = item.document
    by_line: dict[int | None, list[str]] = {}
    for reason, start in refused:
        row = document.text.count("\n", 0, start) + 1 if item.batch is not None else None
        by_line.setdefault(document.line or row, []).append(reason)
    return [
        SourceError(
            document.path,
            f"not stored: {reasons[0]}" + (f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else ""),
            line,
        )
        for line, reasons in by_line.items()
    ]


def run_node(report: RunReport, started: str, finished: str | None) -> GraphBatch:
    counts = {k: int(v) for k, v in report.counts.items()}
    props = {
        "name": report.run_id,
        "job": report.job,
        "started": started,
        "finished": finished,
        "status": report.status,
        "pipeline_version": PIPELINE_VERSION,
        **{f"documents_{k}": counts.get(k, 0) for k in ("new", "unchanged", "failed")},
        **{k: counts.get(k, 0) for k in ("nodes_created", "relationships_created", "batches")},
    }
    return GraphBatch(nodes=[NodeRecord("Run", report.run_id, props, None)])


def run_job(
    job: Job,
    store: GraphStore,
    state: EtlState,
    *,
    dry_run: bool = False,
    retry_quarantine: bool = False,
    on_progress: Callable[[RunReport, WorkItem | SourceError], None] | None = None,
    processes: int | None = None,
    follow_symlinks: bool = False,
    ner: str | None = None,
    scheduler: str | None = None,
) -> RunReport:
    """Run `job` once: only new or changed documents are processed, on `processes` cores
    (default: the job's `processes`) with the NER model `ner` (default: the job's `ner`);
    `follow_symlinks` lets every source follow links that leave its folder (otherwise only a
    source with `follow_symlinks: true` does); with `scheduler` (a Dask scheduler's address)
    the texts are extracted on that cluster instead of local cores."""
    started = datetime.now(UTC).isoformat(timespec="seconds")
    run_id = f"run:{job.name}:{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}"
    report = RunReport(run_id, job.name, dry_run=dry_run)
    only = None
    if retry_quarantine:
        only = {item.path for item in state.quarantined(job.name)}
    runner = Runner(
        store,
        batch_size=job.batch_size,
        retries=job.retries,
        backoff_s=job.backoff_s,
        dry_run=dry_run,
        run_id=run_id,
        on_progress=on_progress,
        processes=processes or job.processes,
        ner=ner or job.ner,
        scheduler=scheduler,
    )
    if not dry_run:
        state.start_run(run_id, job.name)
        runner.retrying(lambda: store.write_batch(run_node(report, started, None)))
    try:
        runner.run(job_items(job, only, follow_symlinks), report)
    except EtlAborted as exc:
        report.status, report.message = "aborted", str(exc)
    if not dry_run:
        state.file_refusals(job.name, report.errors, read_again=only or ())
        finished = datetime.now(UTC).isoformat(timespec="seconds")
        if report.status == "ok":
            report.status = "ok" if not report.errors else "ok_with_quarantine"
        if report.status != "aborted":
            settle_report(store, report, run_id)
        with contextlib.suppress(StoreError):  # the store is down: the run log still says what happened
            store.write_batch(run_node(report, started, finished))
        state.finish_run(run_id, report.status, dict(report.counts), report.message)
    return report

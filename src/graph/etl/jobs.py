"""Job files in `etl/jobs/`: which sources a run reads and with which options."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.nlp import NER_MODES
from graph.paths import etl_dir
from graph.sources.dates import published_date
from graph.sources.structured import Mapping

SOURCE_KINDS = ("folder", "jsonl", "feed", "structured")


class JobError(ValueError):
    """A job file that cannot be run, and why."""


@dataclass
class Source:
    kind: str
    location: str  # a path (resolved against the job file's folder) or a URL
    options: dict[str, Any] = field(default_factory=dict)
    mapping: Mapping | None = None

    def date_of(self, path: str | Path) -> str | None:
        """The publication date the job gives a file of this source: its entry in `dates`
        (by its path inside the source's folder, or its name), else the source's `date`; None
        where the job says nothing (a document's own date always comes first)."""
        dates = self.options.get("dates") or {}
        path = Path(path)
        inside = path.relative_to(self.location).as_posix() if path.is_relative_to(self.location) else None
        return dates.get(inside) or dates.get(path.name) or self.options.get("date")


@dataclass
class Job:
    name: str
    path: Path
    sources: list[Source]
    batch_size: int = 16
    retries: int = 3
    backoff_s: float = 1.0
    description: str = ""
    processes: int = 1  # cores the extraction runs on
    ner: str = "fast"  # the NER model: fast or accurate (graph.nlp.pipeline.NER_MODES)


def find_job(name_or_path: str) -> Path:
    """A job by path, or by name in `etl/jobs/`."""
    path = Path(name_or_path)
    if path.is_file():
        return path
    for candidate in (etl_dir() / "jobs" / f"{name_or_path}.yaml", etl_dir() / "jobs" / name_or_path):
        if candidate.is_file():
            return candidate
    raise JobError(f"no job {name_or_path!r} (a file, or a name in {etl_dir() / 'jobs'})")


def load_job(name_or_path: str) -> Job:
    path = find_job(name_or_path)
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise JobError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(spec, dict) or not spec.get("sources"):
        raise JobError(f"{path}: a job needs a 'sources' list")
    processes = spec.get("processes", 1)
    if not isinstance(processes, int) or isinstance(processes, bool) or processes < 1:
        raise JobError(f"{path}: 'processes' must be a whole number of 1 or more, got {processes!r}")
    ner = spec.get("ner", "fast")
    if ner not in NER_MODES:
        raise JobError(f"{path}: 'ner' must be one of {', '.join(NER_MODES)}, got {ner!r}")
    sources = []
    for number, raw in enumerate(spec["sources"], start=1):
        kind = raw.get("kind")
        if kind not in SOURCE_KINDS:
            raise JobError(f"{path}: source {number} has kind {kind!r}; use one of {SOURCE_KINDS}")
        location = raw.get("url") or raw.get("path")
        if not location:
            raise JobError(f"{path}: source {number} needs a 'path' (or a 'url' for a feed)")
        if "url" not in raw:
            location = str((path.parent / location).resolve())
        mapping = None
        if kind == "structured":
            try:
                mapping = Mapping.from_spec(raw["mapping"])
            except (KeyError, ValueError) as exc:
                raise JobError(f"{path}: source {number}'s mapping is invalid: {exc}") from None
        options = {k: v for k, v in raw.items() if k not in ("kind", "path", "url", "mapping")}
        if not isinstance(options.get("follow_symlinks", False), bool):
            raise JobError(f"{path}: source {number}'s 'follow_symlinks' must be true or false")
        options.update(job_dates(options, f"{path}: source {number}"))
        sources.append(Source(kind, location, options, mapping))
    return Job(
        name=spec.get("name", path.stem),
        path=path,
        sources=sources,
        batch_size=int(spec.get("batch_size", 16)),
        retries=int(spec.get("retries", 3)),
        backoff_s=float(spec.get("backoff_s", 1.0)),
        description=spec.get("description", ""),
        processes=processes,
        ner=ner,
    )


def job_dates(options: dict[str, Any], where: str) -> dict[str, Any]:
    """A source's `date` (every file without a date of its own) and `dates` ({file: date}) as
    ISO dates, or a JobError naming the value that is no date."""
    checked: dict[str, Any] = {}
    if options.get("date") is not None:
        checked["date"] = published_date(options["date"])
        if not checked["date"]:
            raise JobError(f"{where}'s 'date' is not a date with a year: {options['date']!r}")
    dates = options.get("dates")
    if dates is not None:
        if not isinstance(dates, dict):
            raise JobError(f"{where}'s 'dates' must map file names to dates")
        checked["dates"] = {str(name): published_date(value) for name, value in dates.items()}
        wrong = [name for name, value in checked["dates"].items() if not value]
        if wrong:
            raise JobError(f"{where}'s 'dates' has no date with a year for {wrong}")
    return checked

"""The graph records the pipeline makes for the gold set and the benchmark corpus, as canonical
JSON lines, so that a refactoring can be shown to change nothing:

    .venv/bin/python tools/graph_records.py dump before.jsonl      # on the old commit
    .venv/bin/python tools/graph_records.py dump after.jsonl       # on the new one
    .venv/bin/python tools/graph_records.py compare before.jsonl after.jsonl

Each line is one document's batch: its nodes and relationships in the order the resolver made
them, every property and provenance field, less `ingested_at` (the clock). `compare` exits 1
and names the first document that differs.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "gold.jsonl"
BENCHMARK = ROOT / "benchmarks" / "etl.py"


def documents(megabytes: float, seed: int) -> Iterator:
    """The gold reports, then the benchmark's generated corpus in both languages."""
    from graph.model import Document

    for line in GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        yield Document(id=row["id"], text=row["text"], lang=row["lang"], path=row["id"],
                       published=row.get("published"), seen=row.get("published"))  # fmt: skip
    spec = importlib.util.spec_from_file_location("benchmark_etl", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for lang in ("ar", "en"):
        for i, text in enumerate(module.corpus(lang, megabytes, seed)):
            yield Document(id=f"bench-{lang}-{i:05d}", text=text, lang=lang, path="bench")


def canonical(batch) -> str:
    """One batch as sorted-key JSON, without the ingestion time."""
    record = dataclasses.asdict(batch)
    for node in record["nodes"]:
        node["props"].pop("ingested_at", None)
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def dump(out: Path, megabytes: float, seed: int) -> None:
    """Write the batches of every document, made through the one path every run takes."""
    from graph.stages import document_batches

    docs = list(documents(megabytes, seed))
    digest = hashlib.sha256()
    with out.open("w", encoding="utf-8") as handle:
        for start in range(0, len(docs), 64):
            for batch in document_batches(docs[start : start + 64]):
                line = canonical(batch)
                digest.update(line.encode())
                handle.write(line + "\n")
    print(f"{len(docs)} documents -> {out} (sha256 {digest.hexdigest()})")


def compare(before: Path, after: Path) -> int:
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    if len(old) != len(new):
        print(f"different number of documents: {len(old)} vs {len(new)}")
        return 1
    for number, (a, b) in enumerate(zip(old, new, strict=True), 1):
        if a != b:
            doc = json.loads(a)["nodes"][0]["id"]
            print(f"document {number} ({doc}) differs")
            return 1
    print(f"identical: {len(old)} documents")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--megabytes", type=float, default=0.3, help="Benchmark text per language.")
    dumping.add_argument("--seed", type=int, default=7)
    comparing = commands.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.megabytes, args.seed)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())

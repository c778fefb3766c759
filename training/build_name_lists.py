"""Arabic given names for the Arabic NER's `name_lists` feature, from the egy-names package.

    python training/build_name_lists.py   # writes etl/lexicons/ner_given_names_ar.jsonl

Every single-word Arabic given name of egy-names (the `a` field),
normalised (`graph.nlp.normalise.normalise`), two letters or more, one per line, sorted. The
file's first line states the source and licence (egy-names: MIT, Abdullah Afify). The place
names of the same feature come from the project's `etl/lexicons/places_gazetteer.jsonl`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from graph.nlp.normalise import normalise

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "etl" / "lexicons" / "ner_given_names_ar.jsonl"
ARABIC_WORD = re.compile(r"^[\u0621-\u064A]{2,}$")
HEADER = (
    "Arabic given names for the Arabic NER model's name_lists feature (read when it is trained, "
    "stored in its weights). Built by training/build_name_lists.py from egy-names {version} "
    "(Abdullah Afify, MIT licence): every single-word Arabic name, normalised. "
    "Do not edit by hand: run the script again."
)


def given_names(records: Iterable[dict]) -> list[str]:
    """The normalised single-word Arabic names of egy-names records (their `a` field)."""
    names = set()
    for record in records:
        forms = [record.get("a", "")]
        for form in forms:
            word = normalise(form.strip())
            if ARABIC_WORD.match(word):
                names.add(word)
    return sorted(names)


def egy_names_records() -> tuple[str, list[dict]]:
    """(version, name records) of the installed egy-names package."""
    from importlib.metadata import version

    import egy_names

    path = Path(egy_names.__file__).parent / "data" / "names.json.gz"
    return version("egy-names"), json.loads(gzip.decompress(path.read_bytes()))["names"]


def write(names: list[str], out: Path, version: str) -> None:
    lines = [json.dumps({"_": HEADER.format(version=version)}, ensure_ascii=False)]
    lines += [json.dumps({"name": name}, ensure_ascii=False) for name in names]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    version, records = egy_names_records()
    names = given_names(records)
    write(names, args.out, version)
    print(f"{len(names)} given names -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

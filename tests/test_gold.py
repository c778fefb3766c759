"""The gold set and the NER training reports are generated files: they must be what
`tests/gold/build_gold.py` builds from their YAML sources, which must validate."""

import importlib.util
import json
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent / "gold"


def build_gold_module():
    spec = importlib.util.spec_from_file_location("build_gold", GOLD_DIR / "build_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_gold_jsonl_is_built_from_source_yaml():
    build_gold = build_gold_module()
    assert build_gold.build() == read_jsonl(GOLD_DIR / "gold.jsonl")


def test_ner_train_jsonl_is_built_from_ner_source_yaml_and_shares_no_gold_person():
    build_gold = build_gold_module()
    reports = build_gold.build_ner()
    assert reports == read_jsonl(GOLD_DIR / "ner_train.jsonl")
    english = [r for r in reports if r["lang"] == "en"]
    assert sum(len(r["text"].splitlines()) for r in english) >= 300  # a few hundred English sentences

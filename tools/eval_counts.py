"""Every count behind `graph eval` on the gold set (true and false positives and negatives per
entity label, relation type, event kind and graph measure, in each pipeline mode), as one JSON
object, so that a refactoring can be shown to leave the scores exactly as they were:

    .venv/bin/python tools/eval_counts.py > before.json   # old commit; then on the new one, and diff
"""

from __future__ import annotations

import json
from pathlib import Path

from graph.evaluation.gold import MODES, evaluate

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold" / "gold.jsonl"


def counts(scores) -> dict[str, list[int]]:
    return {name: [s.tp, s.fp, s.fn] for name, s in sorted(scores.items())}


def main() -> None:
    result = {}
    for mode in sorted(MODES):
        ev = evaluate(GOLD, mode=mode)
        result[mode] = {
            "entities": counts(ev.entities),
            "relations": counts(ev.relations),
            "events": counts(ev.events),
            "event_dates": [ev.event_dates.tp, ev.event_dates.fp, ev.event_dates.fn],
            "graph": counts(ev.graph),
            "reports": ev.reports,
        }
    print(json.dumps(result, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()

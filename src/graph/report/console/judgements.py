"""A person's judgements on the terminal: a line for one made or undone, a table of them, or
JSON lines to export them."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from graph.report.console.cells import keyed_table

if TYPE_CHECKING:
    from graph.resolve.judgements import Judgement

COLUMNS = {
    "id": "id",
    "kind": "kind",
    "a": "a",
    "b": "b",
    "analyst": "analyst",
    "reason": "reason",
    "made at": "made_at",
    "undone at": "undone_at",
}


def judgement_message(judgement: Judgement) -> str:
    """What a judgement did: made, or undone."""
    what = "the same person" if judgement.kind == "same" else "not the same person"
    if judgement.undone_at:
        return f"undone: {escape(judgement.id)} ({judgement.a} and {judgement.b} judged {what})"
    return f"judged {what}: {escape(judgement.a)} and {escape(judgement.b)} ({escape(judgement.id)})"


def print_judgements(out: Console, judgements: list[Judgement], as_json: bool) -> None:
    """The judgements as a table, or one JSON object per line on stdout (`--json`)."""
    if as_json:
        for judgement in judgements:
            sys.stdout.write(json.dumps(asdict(judgement), ensure_ascii=False) + "\n")
        return
    out.print(keyed_table("Judgements", COLUMNS, [asdict(j) for j in judgements]))

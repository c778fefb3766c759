"""The map: the places the graph holds, at coordinates that ship with the package
(`etl/lexicons/place_coordinates.jsonl`, built by tools/build_coordinates.py from GeoNames and
Natural Earth), drawn over Natural Earth's country outlines (`static/world.svg`) in an
equirectangular frame (x = longitude + 180, y = 90 - latitude), with the events at each place.
A place without coordinates is listed under the map, never dropped."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from graph.paths import etl_dir
from graph.web.reads import Reads

WORLD = Path(__file__).resolve().parent / "static" / "world.svg"
SVG = "{http://www.w3.org/2000/svg}"
PATH_DATA = re.compile(r"[MLZmlz0-9. \-]*")
MARGIN = 4.0  # degrees around the places shown
MIN_SPAN = (24.0, 12.0)  # the smallest frame, so that one place is not a whole map


@dataclass(frozen=True)
class Mark:
    id: str
    name: str
    kind: str | None
    x: float
    y: float
    r: float
    events: list[dict[str, Any]]
    placed: int  # things other than events located there


@dataclass(frozen=True)
class Map:
    view_box: str
    outlines: list[tuple[str, str, Markup]]  # code, name, path
    marks: list[Mark]
    unplaced: list[dict[str, Any]]
    cut: int | None


@cache
def coordinates() -> dict[str, tuple[float, float]]:
    """Place id -> (lat, lon), read once."""
    out = {}
    with open(etl_dir() / "lexicons" / "place_coordinates.jsonl", encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if "id" in entry:
                out[entry["id"]] = (entry["lat"], entry["lon"])
    return out


@cache
def outlines() -> list[tuple[str, str, Markup]]:
    """The countries' outlines: (code, name, SVG path data). The path data is the package's
    own, checked to be only path commands and numbers, and printed whole (not cut as values
    read from the graph are)."""
    root = ET.parse(WORLD).getroot()
    out = []
    for path in root.iter(f"{SVG}path"):
        data = path.get("d", "")
        if not PATH_DATA.fullmatch(data):
            raise ValueError(f"{WORLD}: the outline of {path.get('data-name')!r} is not plain path data")
        out.append((path.get("data-code", ""), path.get("data-name", ""), Markup(data)))
    return out


def frame(points: list[tuple[float, float]]) -> str:
    """The viewBox that shows every point with a margin, at least MIN_SPAN wide and high,
    within the world; the whole world where there is none.

    >>> frame([]), frame([(180.0, 40.0)])
    ('0 0 360 180', '168.0 34.0 24.0 12.0')
    """
    if not points:
        return "0 0 360 180"
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    width = max(max(xs) - min(xs) + 2 * MARGIN, MIN_SPAN[0])
    height = max(max(ys) - min(ys) + 2 * MARGIN, MIN_SPAN[1], width / 2.2)
    width = max(width, height * 2.0)
    left = min(max((min(xs) + max(xs) - width) / 2, 0.0), max(360.0 - width, 0.0))
    top = min(max((min(ys) + max(ys) - height) / 2, 0.0), max(180.0 - height, 0.0))
    return " ".join(f"{round(v, 1)}" for v in (left, top, min(width, 360.0), min(height, 180.0)))


def build(reads: Reads) -> Map:
    """The map of the places `reads` holds."""
    rows = reads.places()
    where = coordinates()
    marks, unplaced = [], []
    for r in rows.records:
        unique = {e["id"]: e for e in r["events"] if e and e.get("id")}
        events = sorted(unique.values(), key=lambda e: (str(e.get("date") or ""), e["id"]))
        if r["id"] not in where:
            unplaced.append({**r, "events": events})
            continue
        lat, lon = where[r["id"]]
        marks.append(
            Mark(
                id=r["id"],
                name=str(r["name"] or r["id"]),
                kind=r["kind"],
                x=round(lon + 180, 2),
                y=round(90 - lat, 2),
                r=round(0.35 + 0.25 * math.sqrt(len(events) + r["placed"]), 2),
                events=events,
                placed=r["placed"],
            )
        )
    marks.sort(key=lambda m: (-len(m.events), m.name))
    return Map(frame([(m.x, m.y) for m in marks]), outlines(), marks, unplaced, rows.cut)

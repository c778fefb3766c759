"""The shipped outputs of tools/build_coordinates.py: `etl/lexicons/place_coordinates.jsonl`
and `src/graph/web/static/world.svg` (read as shipped; building them needs the network and is
not run here). The expected places are known coordinates, checked to a fraction of a degree."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ROOT / "etl" / "lexicons"
COORDINATES = LEXICONS / "place_coordinates.jsonl"
SVG = ROOT / "src" / "graph" / "web" / "static" / "world.svg"
SVG_NS = "{http://www.w3.org/2000/svg}"
# Hand lexicon places of a point kind that no public data places: none at present. An entry
# here needs its reason, e.g. {"loc:example": "no GeoNames place of that name in its country"}.
UNPLACEABLE: dict[str, str] = {}

Ring = list[tuple[float, float]]


@cache
def coordinates() -> dict[str, tuple[float, float]]:
    """id -> (lat, lon) from the shipped file."""
    out = {}
    for line in COORDINATES.read_text(encoding="utf-8").splitlines()[1:]:
        row = json.loads(line)
        out[row["id"]] = (row["lat"], row["lon"])
    return out


@cache
def hand_entries() -> list[tuple[str, str]]:
    """(id, kind) of every entry of countries.yaml and places.yaml."""
    out = []
    for name in ("countries", "places"):
        for entry in yaml.safe_load((LEXICONS / f"{name}.yaml").read_text(encoding="utf-8"))["entries"]:
            out.append((entry["id"], (entry.get("props") or {}).get("kind", "city")))
    return out


def gazetteer_ids() -> set[str]:
    lines = (LEXICONS / "places_gazetteer.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["id"] for row in map(json.loads, lines) if "_" not in row}


@cache
def svg_root() -> ET.Element:
    return ET.fromstring(SVG.read_text(encoding="utf-8"))


def rings(d: str) -> list[Ring]:
    """The rings of a path drawn with absolute M, L and Z commands only."""
    assert set(re.findall(r"[A-Za-z]", d)) <= {"M", "L", "Z"}, d[:80]
    out = []
    for part in re.findall(r"M([^MZ]*)Z?", d):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", part)]
        assert len(numbers) % 2 == 0
        out.append(list(zip(numbers[::2], numbers[1::2], strict=True)))
    return out


def country_rings(code: str) -> list[Ring]:
    paths = [p for p in svg_root().iter(f"{SVG_NS}path") if p.get("data-code") == code]
    assert len(paths) == 1, code
    return rings(paths[0].get("d", ""))


def contains(shape: list[Ring], lat: float, lon: float) -> bool:
    """Even-odd ray casting in the SVG's coordinates (x = lon + 180, y = 90 - lat)."""
    x, y = lon + 180, 90 - lat
    hits = 0
    for ring in shape:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                hits += 1
    return hits % 2 == 1


@pytest.mark.parametrize(
    ("ident", "lat", "lon"),
    [
        ("loc:london", 51.51, -0.13),
        ("loc:calais", 50.95, 1.86),
        ("loc:dover", 51.13, 1.31),
        ("loc:baghdad", 33.34, 44.40),
        ("loc:erbil", 36.19, 44.01),
        ("loc:paris", 48.86, 2.35),
        ("loc:gent", 51.05, 3.72),  # a gazetteer city
    ],
)
def test_cities_sit_where_they_are(ident: str, lat: float, lon: float) -> None:
    if ident not in {i for i, _ in hand_entries()} | gazetteer_ids():
        pytest.skip(f"{ident} is in no lexicon")
    got = coordinates()[ident]
    assert got == pytest.approx((lat, lon), abs=0.2), ident


@pytest.mark.parametrize(
    ("code", "south", "north", "west", "east"),
    [
        ("GB", 50.0, 58.7, -6.3, 1.8),  # Great Britain, not Northern Ireland or the sea
        ("IQ", 29.1, 37.4, 38.8, 48.6),
        ("FR", 42.3, 51.1, -4.8, 8.2),  # metropolitan France, not French Guiana
        ("RU", 41.2, 77.7, 27.0, 180.0),  # the mainland, though it crosses the antimeridian
        ("US", 24.5, 49.4, -124.8, -66.9),  # the lower 48, not Alaska
    ],
)
def test_a_country_point_lies_inside_the_country(
    code: str, south: float, north: float, west: float, east: float
) -> None:
    lat, lon = coordinates()[f"loc:{code}"]
    assert south <= lat <= north and west <= lon <= east, (code, lat, lon)
    assert contains(country_rings(code), lat, lon), code


def test_the_file_is_sorted_unique_and_credits_its_sources() -> None:
    lines = COORDINATES.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])["_"]
    assert "GeoNames" in header and "CC BY 4.0" in header and "Natural Earth" in header
    rows = [json.loads(line) for line in lines[1:]]
    ids = [row["id"] for row in rows]
    assert ids == sorted(set(ids))
    for row in rows:
        assert set(row) == {"id", "lat", "lon"}
        assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180, row
        assert round(row["lat"], 3) == row["lat"] and round(row["lon"], 3) == row["lon"]


def test_every_id_is_a_lexicon_place() -> None:
    known = {i for i, _ in hand_entries()} | gazetteer_ids()
    assert set(coordinates()) <= known, sorted(set(coordinates()) - known)[:10]


def test_regions_have_no_point() -> None:
    regions = {i for i, kind in hand_entries() if kind == "region"}
    assert regions and not regions & set(coordinates())


def test_every_hand_city_and_country_has_coordinates() -> None:
    wanted = {i for i, kind in hand_entries() if kind in {"city", "port", "beach", "country"}}
    assert len(wanted) > 40
    missing = wanted - set(coordinates()) - set(UNPLACEABLE)
    assert not missing, sorted(missing)
    assert not set(UNPLACEABLE) & set(coordinates()), "placed now: drop it from UNPLACEABLE"


def test_the_world_outline_is_a_360_by_180_map() -> None:
    root = svg_root()
    assert root.tag == f"{SVG_NS}svg" and root.get("viewBox") == "0 0 360 180"
    title = root.find(f"{SVG_NS}title")
    assert title is not None and title.text == "World countries (Natural Earth 110m, public domain)"
    paths = list(root.iter(f"{SVG_NS}path"))
    assert len(paths) > 150
    assert all(p.get("class") == "country" and not p.get("style") for p in paths)
    codes = [p.get("data-code") for p in paths if p.get("data-code")]
    assert len(codes) == len(set(codes)) > 150
    assert {"GB", "IQ", "RU", "FJ", "AQ", "XK"} <= set(codes)
    assert SVG.stat().st_size < 250_000


def test_no_point_leaves_the_map_and_no_line_streaks_across_it() -> None:
    for path in svg_root().iter(f"{SVG_NS}path"):
        for ring in rings(path.get("d", "")):
            assert len(ring) >= 3
            for x, y in ring:
                assert 0 <= x <= 360 and 0 <= y <= 180, (path.get("data-name"), x, y)
            for (x0, _), (x1, _) in zip(ring, ring[1:] + ring[:1], strict=True):
                assert abs(x1 - x0) <= 180, (path.get("data-name"), x0, x1)


def test_countries_across_the_antimeridian_are_drawn_on_both_edges() -> None:
    for code in ("RU", "FJ"):
        xs = [x for ring in country_rings(code) for x, _ in ring]
        assert min(xs) < 1 and max(xs) > 355, code

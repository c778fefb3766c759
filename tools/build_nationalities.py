"""Build `etl/lexicons/nationalities.jsonl`, the nationality adjectives of every country that
`etl/lexicons/countries.yaml` gives none, from public data, with one command:

    .venv/bin/python tools/build_nationalities.py

It downloads (with pip, into a temporary folder; nothing is installed) the pinned release of
`countryinfo` (country data with English demonyms, MIT licence) and reads the CLDR territory
names that `babel` ships (Unicode licence), and writes one JSON object per country:

    {"code": "ET", "en": ["Ethiopian", "Ethiopians"], "ar": ["إثيوبي"],
     "names": {"en": ["Ethiopia"], "ar": ["إثيوبيا"]}}

- English: countryinfo's demonym (one per country; where several territories share one, the most
  populous keeps it: "Indian" is India's), and its plural where English makes one ("Ethiopians",
  "Pakistanis"; none for "Sudanese", "Polish").
- Arabic: the nisba of CLDR's Arabic name where it is one word (the article dropped): a final
  ـيا or ـا becomes ـي (إثيوبيا → إثيوبي, كندا → كندي), any other ending takes ـي (الهند → هندي,
  تشاد → تشادي); a name ending in ي or و (مالي، كوسوفو) gives none, since its nisba is the name
  or a common word. The regular inflections of a nisba (ـية، ـيين…) are the lexicon's
  (`nationality_inflections` of countries.yaml).
- `names`: the country's English and Arabic names, for a lexicon that has no entry for it yet
  (graph.nlp.lexicon makes one; the place gazetteer's entry, where present, is used instead).

The output is sorted and deterministic.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml
from babel import Locale

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "etl" / "lexicons" / "nationalities.jsonl"
COUNTRYINFO = "countryinfo==1.0.1"
HEADER = (
    "Nationality adjectives of graph, in English and Arabic, for the countries "
    "etl/lexicons/countries.yaml gives none. Built by tools/build_nationalities.py from countryinfo "
    "(English demonyms, MIT licence) and the Unicode CLDR territory names (Unicode License v3, via "
    "babel). Do not edit by hand: run the script again."
)
NO_PLURAL = ("ese", "ish", "ch", "ss", "ic", "i-kiribati", "ni-vanuatu")


def countryinfo_rows(folder: Path) -> list[dict]:
    """Every country of the countryinfo wheel: ISO code, English name, demonym, population."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), COUNTRYINFO],
        check=True,
    )
    wheel = next(folder.glob("countryinfo-*.whl"))
    rows = []
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(archive.namelist()):
            if not (name.startswith("countryinfo/data/") and name.endswith(".json")):
                continue
            data = json.loads(archive.read(name))
            data = data if "name" in data else next(iter(data.values()))
            iso = data.get("ISO") if isinstance(data.get("ISO"), dict) else {}
            if iso.get("alpha2") and data.get("demonym"):
                rows.append(
                    {
                        "code": iso["alpha2"],
                        "name": data["name"],
                        "demonym": data["demonym"].split(",")[0].strip(),
                        "population": data.get("population") or 0,
                    }
                )
    return rows


def plural(demonym: str) -> list[str]:
    """The English plural a demonym takes as a noun, if any ("Iraqis", not "Sudaneses")."""
    lower = demonym.lower()
    if " " in demonym or lower.endswith(NO_PLURAL):
        return []
    return [demonym + "s"] if lower.endswith(("an", "i")) else []


def nisba(name: str) -> str | None:
    """The Arabic nisba of a one-word country name (الهند → هندي), or None."""
    word = name.removeprefix("ال")
    if " " in word or "-" in word or len(word) < 3 or word.endswith(("ي", "ى", "و")):
        return None
    if word.endswith("يا"):
        return word[:-2] + "ي"
    if word.endswith("ا"):
        return word[:-1] + "ي"
    return word + "ي"


def build(rows: list[dict], known: set[str]) -> list[dict]:
    """One record per country with no hand nationality; a demonym shared by several countries
    goes to the most populous."""
    arabic = Locale("ar").territories
    english = Locale("en").territories
    owner: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: -r["population"]):
        owner.setdefault(row["demonym"], row["code"])
    records = []
    for row in sorted(rows, key=lambda r: r["code"]):
        code = row["code"]
        if code in known or owner[row["demonym"]] != code or code not in arabic:
            continue
        ar = nisba(arabic[code])
        records.append(
            {
                "code": code,
                "en": [row["demonym"], *plural(row["demonym"])],
                "ar": [ar] if ar else [],
                "names": {"en": [english.get(code, row["name"])], "ar": [arabic[code]]},
            }
        )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    countries = yaml.safe_load((ROOT / "etl" / "lexicons" / "countries.yaml").read_text(encoding="utf-8"))
    known = {entry["code"] for entry in countries["entries"] if entry.get("nationality")}
    with tempfile.TemporaryDirectory() as folder:
        records = build(countryinfo_rows(Path(folder)), known)
    with args.out.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"_": HEADER}, ensure_ascii=False) + "\n")
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(records)} countries written to {args.out}")


if __name__ == "__main__":
    main()

"""Page furniture: the lines a web page puts around a report (share buttons, "read more" links,
advertisement labels, newsletter and cookie notices, copyright lines), in either language,
removed before a report is read, so that they never become names, places or sentences. The
patterns are data (`etl/lexicons/page_furniture.yaml`, and the page labels of
`non_actors.yaml`); only whole short lines are dropped."""

from __future__ import annotations

import re
from functools import cache

import yaml

from graph.nlp.normalise import normalise
from graph.paths import etl_dir


@cache
def furniture() -> tuple[re.Pattern[str], int]:
    """One pattern of every whole furniture line, and the longest line it may drop."""
    with open(etl_dir() / "lexicons" / "page_furniture.yaml", encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    patterns = [p for lang in ("en", "ar") for p in data["patterns"][lang]]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE), int(data["max_chars"])


@cache
def page_labels() -> frozenset[str]:
    """The page labels of `non_actors.yaml` (`furniture`), normalised: a line that is wholly
    one is furniture."""
    with open(etl_dir() / "lexicons" / "non_actors.yaml", encoding="utf-8") as handle:
        labels = yaml.safe_load(handle)["furniture"]
    return frozenset(normalise(str(w)) for lang in ("en", "ar") for w in labels.get(lang, []))


def is_furniture(line: str) -> bool:
    """Whether `line` is page furniture, as a whole.

    >>> is_furniture("Share this article"), is_furniture("اقرأ أيضاً: ترحيل 40 مهاجراً")
    (True, True)
    >>> is_furniture("Advertisement"), is_furniture("إعلان")
    (True, True)
    >>> is_furniture("Police read more than 300 messages on the phone.")
    False
    """
    pattern, max_chars = furniture()
    stripped = " ".join(line.split())
    if not 0 < len(stripped) <= max_chars:
        return False
    return normalise(stripped) in page_labels() or pattern.fullmatch(stripped.casefold()) is not None


def without_furniture(text: str) -> str:
    r"""`text` without its furniture lines (the other lines as they were).

    >>> without_furniture("Smugglers jailed\nShare on Facebook\nFour men were jailed.\nإعلان\n")
    'Smugglers jailed\nFour men were jailed.\n'
    """
    return "".join(line for line in text.splitlines(keepends=True) if not is_furniture(line))

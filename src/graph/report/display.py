"""What the HTML report and the terminal tables show of a value from the graph, and which urls
they may turn into links. The bounds are data (`etl/report.yaml`).

A value longer than the bound is cut to it, and the cut is marked with an ellipsis and the full
length, so that nobody mistakes a shortened value for the whole one; the graph, `graph query
--json` and the exports keep every value whole. A url becomes a link only when it is an
absolute http(s) url within the bound: `javascript:`, `data:` or anything else is shown as text,
so a hostile source cannot put script behind a click."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from typing import Any

import yaml
from babel.numbers import (
    UnknownCurrencyFormatError,
    format_currency,
    format_decimal,
    get_currency_name,
    get_currency_precision,
)

from graph.paths import etl_dir

CUT_MARK = "… [cut: {length:,} characters in full]"


@cache
def settings() -> dict[str, Any]:
    """`etl/report.yaml`, checked: a positive `value_max_chars` and a list of `link_schemes`."""
    path = etl_dir() / "report.yaml"
    with open(path, encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    bound = loaded.get("value_max_chars")
    if not isinstance(bound, int) or isinstance(bound, bool) or bound < 1:
        raise ValueError(f"{path}: value_max_chars must be a whole number of 1 or more, got {bound!r}")
    label = loaded.get("picture_label_chars")
    if not isinstance(label, int) or isinstance(label, bool) or label < 2:
        raise ValueError(f"{path}: picture_label_chars must be a whole number of 2 or more, got {label!r}")
    schemes = loaded.get("link_schemes")
    if not isinstance(schemes, list) or not all(isinstance(s, str) and s.isalpha() for s in schemes):
        raise ValueError(f"{path}: link_schemes must be a list of scheme names, got {schemes!r}")
    money_columns = loaded.get("money_columns") or {}
    if not isinstance(money_columns, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in money_columns.items()
    ):
        raise ValueError(f"{path}: money_columns must map amount columns to currency columns")
    json_only = loaded.get("json_only_columns") or []
    if not isinstance(json_only, list) or not all(isinstance(c, str) for c in json_only):
        raise ValueError(f"{path}: json_only_columns must be a list of column names")
    return {
        "json_only_columns": json_only,
        "value_max_chars": bound,
        "picture_label_chars": label,
        "link_schemes": [s.lower() for s in schemes],
        "money_columns": money_columns,
    }


def max_chars() -> int:
    """The most characters of one value that a report or a table shows."""
    return settings()["value_max_chars"]


def cut(text: str, limit: int | None = None) -> str:
    """`text` within `limit` characters (default: the bound), marked when it was cut.

    >>> cut("Karwan Saleh", 6)
    'Karwan… [cut: 12 characters in full]'
    >>> cut("Karwan", 6)
    'Karwan'
    """
    limit = max_chars() if limit is None else limit
    if len(text) <= limit:
        return text
    return text[:limit] + CUT_MARK.format(length=len(text))


def picture_label(value: Any) -> str:
    """A name as the network picture writes it: short, an ellipsis where it was cut (a picture
    has no room for the full length).

    >>> picture_label("Karwan Saleh"), picture_label("x" * 40)
    ('Karwan Saleh', 'xxxxxxxxxxxxxxxxxxxxxxx…')
    """
    text, limit = as_text(value), settings()["picture_label_chars"]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_text(value: Any) -> str:
    """A property value as one line of text: nothing for None, lists joined with ", ", maps as
    JSON, anything else as `str` gives it.

    >>> as_text(["هيمن عزيز", "Himen Aziz"]), as_text(None), as_text({"a": 1})
    ('هيمن عزيز, Himen Aziz', '', '{"a": 1}')
    """
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(as_text(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def shown(value: Any) -> str:
    """A value as a report or a table shows it: as text, within the bound, marked when cut."""
    return cut(as_text(value))


def short_key(key: str) -> str:
    """A key (a node id) within the bound, still unique: a long one is cut and given a digest.

    >>> short_key("person:karwan_saleh")
    'person:karwan_saleh'
    >>> len(short_key("x" * 5000)) < 1100
    True
    """
    if len(key) <= max_chars():
        return key
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{key[: max_chars()]}…#{digest}"


@cache
def _link_pattern() -> re.Pattern[str]:
    schemes = "|".join(map(re.escape, settings()["link_schemes"]))
    # an absolute url with a host; no control characters or spaces anywhere (a browser drops tabs
    # and line breaks inside a url, so "java\tscript:" would be read as "javascript:")
    return re.compile(rf"(?:{schemes})://[^\x00-\x20\x7f-\x9f/?#\\]+[^\x00-\x20\x7f-\x9f]*", re.IGNORECASE)


def is_link(url: Any) -> bool:
    """Whether `url` may be an href: an absolute url of an allowed scheme (http, https), with a
    host, no spaces or control characters, within the bound.

    >>> is_link("https://example.org/a?b=1"), is_link("javascript:alert(1)"), is_link(" http://x")
    (True, False, False)
    >>> is_link("JavaScript:alert(1)//http://x"), is_link("data:text/html,x"), is_link("/local")
    (False, False, False)
    """
    return isinstance(url, str) and len(url) <= max_chars() and _link_pattern().fullmatch(url) is not None


def money(amount: float | None, currency: str | None, lang: str = "en") -> str:
    """An amount as people write it, in the language's way and the currency's own precision
    (whole amounts without decimals); a payment with no amount, or no currency, says so.

    >>> money(90000.0, "USD")
    '$90,000'
    >>> money(1500.5, "GBP")
    '£1,500.50'
    >>> money(None, "EUR")
    'EUR (amount not given)'
    >>> money(90000.0, "USD", "ar")
    '٩٠٬٠٠٠ دولار أمريكي'
    """
    if amount is None:
        return f"{currency or 'money'} (amount not given)"
    if not currency:
        return f"{amount:,.2f}".removesuffix(".00") + " (currency not given)"
    whole = float(amount).is_integer()
    if lang == "ar":
        return arabic_money(amount, currency, whole)
    pattern = ("¤#,##0" if lang == "en" else "#,##0 ¤") if whole else None
    try:
        return format_currency(amount, currency, locale=lang, format=pattern, currency_digits=not whole)
    except (ValueError, UnknownCurrencyFormatError):
        return f"{amount:,} {currency}"


ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def arabic_money(amount: float, currency: str, whole: bool) -> str:
    """An amount as Arabic press writes it: Arabic-Indic digits and separators, then the
    currency's Arabic name (CLDR), with the currency's own precision unless it is whole."""
    digits = 0 if whole else get_currency_precision(currency)
    number = format_decimal(amount, format="#,##0" + ("." + "0" * digits if digits else ""), locale="ar",
                            numbering_system="arab")
    return f"{number.translate(ARABIC_DIGITS)} {get_currency_name(currency, locale='ar')}"

"""Normalised values of matched spans: dates with precision, counts with qualifiers, money,
account identifiers. Pure functions over strings, so they are tested with hypothesis."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from graph.nlp.lexicon import Lexicon
from graph.nlp.normalise import normalise, strip_invisible


@dataclass(frozen=True)
class PartialDate:
    """A date as written: the year may be missing until the context supplies it."""

    year: int | None
    month: int | None
    day: int | None

    @property
    def precision(self) -> str:
        """The finest part the date gives: 'day', 'month' or 'year'.

        >>> PartialDate(None, 8, 2).precision, PartialDate(2024, None, None).precision
        ('day', 'year')
        """
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str | None:
        """ISO form at the date's precision (2024-08-02, 2024-08, 2024); None without a year.

        >>> PartialDate(2024, 8, 2).iso(), PartialDate(2024, 8, None).iso()
        ('2024-08-02', '2024-08')
        >>> PartialDate(None, 8, 2).iso() is None
        True
        """
        if self.year is None:
            return None
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def parse_date_groups(groups: dict[str, str], lexicon: Lexicon) -> PartialDate | None:
    """Build a PartialDate from a date regex's named groups; None if impossible (31 February).

    >>> from graph.nlp.lexicon import load_lexicon
    >>> lexicon = load_lexicon()
    >>> parse_date_groups({"day": "14", "month": "March", "year": "2024"}, lexicon)
    PartialDate(year=2024, month=3, day=14)
    >>> parse_date_groups({"day": "١٤", "month": "آذار", "year": "٢٠٢٤"}, lexicon)
    PartialDate(year=2024, month=3, day=14)
    >>> parse_date_groups({"day": "2", "month": "أغسطس"}, lexicon)  # the year comes later
    PartialDate(year=None, month=8, day=2)
    >>> parse_date_groups({"day": "03", "month_number": "13", "year": "2024"}, lexicon) is None
    True
    """
    month = lexicon.months.get(re.sub(r"\s+", " ", normalise(groups["month"]))) if "month" in groups else None
    if "month_number" in groups:  # 03/05/2024
        month = int(normalise(groups["month_number"]))
        if not 1 <= month <= 12:
            return None
    day = int(normalise(groups["day"])) if "day" in groups else None
    year = int(normalise(groups["year"])) if "year" in groups else None
    if day is not None and not 1 <= day <= 31:
        return None
    if month is None and year is None:
        return None
    return PartialDate(year, month, day)


def resolve_years(dates: list[PartialDate | None], default_year: int | None) -> list[PartialDate | None]:
    """Give each year-less date the year of the nearest earlier date that has one, else
    `default_year` (the document's date): "في مايو" after "في أبريل 2024" is May 2024.

    >>> april, may = PartialDate(2024, 4, None), PartialDate(None, 5, None)
    >>> resolve_years([april, may], 2023)[1]
    PartialDate(year=2024, month=5, day=None)
    >>> resolve_years([PartialDate(None, 8, 2)], 2023)  # "2 August" in a 2023 report
    [PartialDate(year=2023, month=8, day=2)]
    """
    resolved: list[PartialDate | None] = []
    year = default_year
    for date in dates:
        if date is None:
            resolved.append(None)
            continue
        if date.year is not None:
            year = date.year
            resolved.append(date)
        else:
            resolved.append(PartialDate(year, date.month, date.day) if year else date)
    return resolved


def parse_number(text: str) -> float | None:
    """'12,000' -> 12000, '3.5' -> 3.5, '1.200' (thousands dot) -> 1200; None if no number,
    or one too large for a float (400 digits are no count or amount anyone reports).

    >>> parse_number("12,000"), parse_number("3.5"), parse_number("1.200")
    (12000.0, 3.5, 1200.0)
    >>> parse_number("١٢٬٠٠٠"), parse_number("٣٫٥")
    (12000.0, 3.5)
    >>> parse_number("about") is None, parse_number("9" * 400) is None
    (True, True)
    """
    text = normalise(text).strip()
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", text):
        text = re.sub(r"[,.]", "", text)
    text = text.replace(",", "")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def parse_number_words(text: str, lexicon: Lexicon) -> float | None:
    """The number a run of number words writes ("two thousand five hundred", "ستة آلاف",
    "ألف وخمسمائة", "twenty-one"): words add up, a multiplier scales what is pending before it
    (or one), a word that holds its multiplier (ألفين) counts whole; None if a word is no
    number word or the words do not make one number.

    >>> from graph.nlp.lexicon import load_lexicon
    >>> lexicon = load_lexicon()
    >>> parse_number_words("two thousand five hundred", lexicon), parse_number_words("ستة الاف", lexicon)
    (2500.0, 6000.0)
    >>> parse_number_words("ألف وخمسمائة", lexicon), parse_number_words("twenty-one", lexicon)
    (1500.0, 21.0)
    >>> parse_number_words("two hundred and fifty thousand", lexicon), parse_number_words("ألفين", lexicon)
    (250000.0, 2000.0)
    >>> parse_number_words("ثلاثة وعشرون", lexicon), parse_number_words("sixteen", lexicon)
    (23.0, 16.0)
    >>> parse_number_words("two boats", lexicon) is None
    True
    """
    words = [w for w in re.split(r"[\s-]+", normalise(text)) if w]
    joiners = set(lexicon.number_joiners)
    total = pending = 0.0
    found = False
    i = 0
    while i < len(words):
        if words[i] in joiners:
            i += 1
            continue
        for size in (3, 2, 1):
            phrase = " ".join(words[i : i + size])
            if size > 1 and i + size > len(words):
                continue
            if phrase not in lexicon.number_words and phrase not in lexicon.multipliers:
                bare = phrase[1:] if phrase[:1] in joiners and size == 1 else None  # وخمسمائة
                if bare and (bare in lexicon.number_words or bare in lexicon.multipliers):
                    phrase = bare
                else:
                    continue
            if phrase in lexicon.multipliers:
                factor = lexicon.multipliers[phrase]
                if factor < 1000:
                    pending = (pending or 1) * factor
                else:
                    total += (pending or 1) * factor
                    pending = 0.0
            else:
                value = lexicon.number_words[phrase]
                if value >= 1000:
                    total += value
                else:
                    pending += value
            found = True
            i += size
            break
        else:
            return None
    return total + pending if found else None


@dataclass(frozen=True)
class Count:
    """A number of people or things as reported, with how exact the report says it is."""

    value: int
    qualifier: str  # exact | about | at_least | at_most


def parse_count(groups: dict[str, str], lexicon: Lexicon) -> Count | None:
    """A count from the count regex's groups: '12 ألف' = 12000, 'more than 350' = at least 350.

    >>> from graph.nlp.lexicon import load_lexicon
    >>> lexicon = load_lexicon()
    >>> parse_count({"num": "12", "mult": "ألف"}, lexicon)
    Count(value=12000, qualifier='exact')
    >>> parse_count({"num": "350", "qual": "more than"}, lexicon)
    Count(value=350, qualifier='at_least')
    >>> parse_count({"word": "ثلاثة"}, lexicon), parse_count({"word": "a dozen"}, lexicon)
    (Count(value=3, qualifier='exact'), Count(value=12, qualifier='exact'))
    >>> parse_count({"num": "1,200", "qual": "نحو"}, lexicon)
    Count(value=1200, qualifier='about')
    """
    if "num" in groups:
        number = parse_number(groups["num"])
    else:
        word = normalise(groups.get("word", ""))
        number = lexicon.number_words.get(word) or parse_number_words(word, lexicon)
    if number is None:
        return None
    if "mult" in groups:
        number *= lexicon.multipliers.get(normalise(groups["mult"]), 1)
    qualifier = lexicon.qualifiers.get(re.sub(r"\s+", " ", normalise(groups.get("qual", ""))), "exact")
    return Count(int(number), qualifier)


def parse_money(text: str, lexicon: Lexicon) -> tuple[float, str] | None:
    """Amount and ISO currency of '£3,500', '2000 يورو', '1.5 million euros', 'GBP 42 million',
    '£42m', 'ستة الاف يورو', 'two thousand pounds'; None without a currency or a number.

    >>> from graph.nlp.lexicon import load_lexicon
    >>> lexicon = load_lexicon()
    >>> parse_money("£3,500", lexicon), parse_money("1.5 million euros", lexicon)
    ((3500.0, 'GBP'), (1500000.0, 'EUR'))
    >>> parse_money("2000 يورو", lexicon), parse_money("٥٠٠ دولار", lexicon)
    ((2000.0, 'EUR'), (500.0, 'USD'))
    >>> parse_money("GBP 42 million", lexicon), parse_money("£42m", lexicon)
    ((42000000.0, 'GBP'), (42000000.0, 'GBP'))
    >>> parse_money("ستة الاف يورو", lexicon), parse_money("four thousand pounds", lexicon)
    ((6000.0, 'EUR'), (4000.0, 'GBP'))
    >>> parse_money("3,500", lexicon) is None
    True
    """
    norm = normalise(text)
    currency = next((code for sym, code in lexicon.currency_symbols.items() if sym in text), None)
    words = sorted(lexicon.currency_words.items(), key=lambda w: -len(w[0]))
    named = next(
        (match for word, _ in words if (match := re.search(rf"(?<!\w){re.escape(word)}(?!\w)", norm))), None
    )
    if currency is None and named is not None:
        currency = lexicon.currency_words[named.group()]
    if currency is None:
        return None
    number_match = re.search(r"\d[\d,.]*\d|\d", norm)
    if number_match is None:  # written in words: what is left once the currency is cut out
        rest = norm[: named.start()] + norm[named.end() :] if named is not None else norm
        amount = parse_number_words(rest.strip(), lexicon)
        return (amount, currency) if amount else None
    amount = parse_number(number_match.group())
    if amount is None:
        return None
    after = norm[number_match.end() :]
    short = re.match(r"\s?(\w+)(?!\w)", after)
    if short and short.group(1) in lexicon.short_multipliers:
        return amount * lexicon.short_multipliers[short.group(1)], currency
    for word, factor in lexicon.multipliers.items():
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", after):
            amount *= factor
            break
    return amount, currency


@dataclass(frozen=True)
class AccountRef:
    """A normalised account identifier: one account, one id, however it was written."""

    id: str
    handle: str | None
    url: str | None
    platform: str | None  # lexicon id of the platform, when the form tells it
    kind: str


def account_from_url(url: str, lexicon: Lexicon) -> AccountRef:
    """'https://www.t.me/Smuggler_UK/' -> telegram account 'smuggler_uk'; a post, a group
    or a site no lexicon knows keeps its URL as its id.

    >>> from graph.nlp.lexicon import load_lexicon
    >>> lexicon = load_lexicon()
    >>> ref = account_from_url("https://www.t.me/Smuggler_UK/", lexicon)
    >>> ref.id, ref.url, ref.kind
    ('account:telegram:smuggler_uk', 'https://t.me/Smuggler_UK', 'account')
    >>> account_from_url("facebook.com/profile.php?id=100012345", lexicon).id
    'account:facebook:100012345'
    >>> account_from_url("https://www.tiktok.com/@smuggler_uk/video/123", lexicon).id
    'url:tiktok.com/@smuggler_uk/video/123'
    >>> account_from_url("https://wa.me/447700900123", lexicon).id
    'phone:+447700900123'
    """
    url = strip_invisible(url)
    raw = url if "://" in url else f"https://{url}"
    parts = urlsplit(raw)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parts.path.strip("/")
    platform = lexicon.domains.get(host)
    segments = [s for s in path.split("/") if s]
    handle = segments[0].lstrip("@").lower() if segments else None
    profile_id = parse_qs(parts.query).get("id", [""])[0]
    if handle and handle.endswith(".php") and profile_id.isalnum():
        # facebook.com/profile.php?id=100012345: the account is the id, not the script
        handle, path = profile_id, f"{path}?id={profile_id}"
    if platform == "platform:whatsapp" and handle and handle.isdigit():
        return account_from_phone("+" + handle)
    kind = "post" if len(segments) > 1 else "group" if "joinchat" in path else "account"
    if platform and handle and kind == "account":
        ident = f"account:{platform.split(':', 1)[1]}:{handle}"
    else:
        ident = "url:" + f"{host}/{path}".lower().rstrip("/")
    canonical = f"https://{host}/{path}".rstrip("/")
    return AccountRef(ident, handle, canonical, platform, kind)


def account_from_handle(handle: str, platform: str | None) -> AccountRef:
    """'@Smuggler_UK' on TikTok -> 'account:tiktok:smuggler_uk'; platform 'unknown' if not said.

    >>> account_from_handle("@Smuggler_UK", "platform:tiktok").id
    'account:tiktok:smuggler_uk'
    >>> account_from_handle("@مهرب_لندن", None).id
    'account:unknown:مهرب_لندن'
    """
    name = normalise(handle).lstrip("@")
    where = platform.split(":", 1)[1] if platform else "unknown"
    return AccountRef(f"account:{where}:{name}", name, None, platform, "account")


def account_from_phone(phone: str) -> AccountRef:
    """'+44 7700 900-123' or '0044 7700 900123' -> 'phone:+447700900123': E.164 through
    `phonenumbers` when the number parses, else the digits as written (fictional ranges and
    partial numbers stay findable).

    >>> account_from_phone("+44 7700 900-123").id, account_from_phone("0044 7700 900123").id
    ('phone:+447700900123', 'phone:+447700900123')
    >>> account_from_phone("+٤٤ ٧٧٠٠ ٩٠٠١٢٣").id
    'phone:+447700900123'
    """
    import phonenumbers

    digits = "+" + re.sub(r"\D", "", normalise(phone)).removeprefix("00")  # 0044 is +44
    try:
        parsed = phonenumbers.parse(digits, None)
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        e164 = digits
    return AccountRef(f"phone:{e164}", e164, None, None, "phone")

"""Values read from matched spans: numbers, years from context, accounts."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.model import Document
from graph.nlp.extract import extract
from graph.nlp.lexicon import load_lexicon
from graph.nlp.values import (
    PartialDate,
    account_from_handle,
    account_from_phone,
    account_from_url,
    parse_count,
    parse_money,
    parse_number,
    parse_number_words,
    resolve_years,
)


@given(st.integers(min_value=0, max_value=10**9))
def test_thousands_separators_read_as_the_same_number(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


def test_arabic_indic_digits():
    assert parse_number("٣٣٠٠") == 3300


def test_year_comes_from_the_nearest_dated_mention_before():
    dates = [PartialDate(2024, 4, None), PartialDate(None, 5, None), PartialDate(None, 8, 2)]
    resolved = resolve_years(dates, default_year=2023)
    assert [d.iso() for d in resolved] == ["2024-04", "2024-05", "2024-08-02"]
    assert resolve_years([PartialDate(None, 9, 9)], 2022)[0].iso() == "2022-09-09"
    assert resolve_years([PartialDate(None, 9, 9)], None)[0].iso() is None


@given(st.lists(st.one_of(st.none(), st.integers(2000, 2030)), max_size=8), st.integers(2000, 2030))
def test_resolved_dates_keep_their_own_year(years, default):
    dates = [PartialDate(y, 1, None) for y in years]
    for original, resolved in zip(dates, resolve_years(dates, default), strict=True):
        if original.year is not None:
            assert resolved == original
        else:
            assert resolved.year is not None


def test_money_in_both_languages():
    lexicon = load_lexicon()
    assert parse_money("£3,500", lexicon) == (3500.0, "GBP")
    assert parse_money("2000 يورو", lexicon) == (2000.0, "EUR")
    assert parse_money("1500 جنيه إسترليني", lexicon) == (1500.0, "GBP")
    assert parse_money("1.5 million euros", lexicon) == (1_500_000.0, "EUR")


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("seventeen", 17),
        ("forty-two", 42),
        ("three hundred and twenty", 320),
        ("five thousand seven hundred", 5700),
        ("twelve million", 12_000_000),
        ("سبعة عشر", 17),
        ("اثنان وأربعون", 42),
        ("ثلاثمائة وعشرون", 320),
        ("سبعة آلاف وخمسمائة", 7500),
        ("ألفين", 2000),
        ("تسعة ملايين", 9_000_000),
    ],
)
def test_numbers_written_in_words_in_both_languages(words, value):
    assert parse_number_words(words, load_lexicon()) == value


def test_words_that_are_no_number_make_none():
    lexicon = load_lexicon()
    assert parse_number_words("seventeen boats", lexicon) is None
    assert parse_number_words("سبعة قوارب", lexicon) is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("nine thousand dollars", (9000.0, "USD")),
        ("EUR 7,300", (7300.0, "EUR")),
        ("USD 3.2 million", (3_200_000.0, "USD")),
        ("€3bn", (3_000_000_000.0, "EUR")),
        ("£17m", (17_000_000.0, "GBP")),
        ("تسعة آلاف دولار", (9000.0, "USD")),
        ("سبعة آلاف وخمسمائة يورو", (7500.0, "EUR")),
        ("٤٢٠٠ جنيه", (4200.0, "GBP")),
        ("ثلاثة ملايين يورو", (3_000_000.0, "EUR")),
    ],
)
def test_amounts_in_words_codes_and_short_multipliers(written, expected):
    assert parse_money(written, load_lexicon()) == expected


@pytest.mark.parametrize(
    ("lang", "text", "amounts"),
    [
        ("en", "The gang asked nine thousand dollars for a seat.", [9000.0]),
        ("en", "Couriers moved USD 3.2 million and £17m in cash.", [3_200_000.0, 17_000_000.0]),
        ("ar", "طلبت العصابة تسعة آلاف دولار مقابل المقعد.", [9000.0]),
        ("ar", "ودفع بسبعة آلاف وخمسمائة يورو للرحلة.", [7500.0]),
    ],
)
def test_amounts_in_words_are_found_in_text(lang, text, amounts):
    found = extract(Document(id="d" * 64, text=text, lang=lang, path="t")).mentions
    assert [m.attrs["amount"] for m in found if m.label == "MONEY"] == amounts


def test_a_count_in_words_of_several_words():
    lexicon = load_lexicon()
    assert parse_count({"word": "twenty-three"}, lexicon).value == 23
    assert parse_count({"word": "ثلاثة وعشرون"}, lexicon).value == 23


def test_one_account_one_id_however_written():
    lexicon = load_lexicon()
    a = account_from_url("https://www.t.me/Hawler_Boats/", lexicon)
    b = account_from_url("t.me/hawler_boats", lexicon)
    assert a.id == b.id == "account:telegram:hawler_boats"
    assert a.platform == "platform:telegram"
    assert account_from_handle("@Crossing_UK", "platform:tiktok").id == "account:tiktok:crossing_uk"
    assert account_from_phone("+44 7700 900-123").id == "phone:+447700900123"
    assert account_from_phone("+44 (0)7700 900123").id == "phone:+447700900123"  # E.164 drops the trunk 0
    assert account_from_url("https://wa.me/447700900123", lexicon).id == "phone:+447700900123"
    assert account_from_phone("0044 7700 900123").id == "phone:+447700900123"  # the 00 prefix is +
    assert account_from_phone("٠٠٤٤ ٧٧٠٠ ٩٠٠١٢٣").id == "phone:+447700900123"


def test_profile_urls_keep_the_account_id_they_name():
    lexicon = load_lexicon()
    a = account_from_url("https://www.facebook.com/profile.php?id=100012345&ref=share", lexicon)
    b = account_from_url("facebook.com/profile.php?id=100099999", lexicon)
    assert a.id == "account:facebook:100012345" and b.id == "account:facebook:100099999"
    assert a.url == "https://facebook.com/profile.php?id=100012345"


ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2039, 12, 31)),
    st.sampled_from(["{d:02d}/{m:02d}/{y}", "{d}.{m}.{y}", "{y}-{m:02d}-{d:02d}"]),
    st.sampled_from(["en", "ar"]),
)
def test_numeric_dates_read_day_first_in_both_languages(day, form, lang):
    written = form.format(d=day.day, m=day.month, y=day.year)
    if lang == "ar":
        written = written.translate(ARABIC_DIGITS)
    text = f"He was arrested on {written} in Dover." if lang == "en" else f"اعتقل في {written} في دوفر."
    found = extract(Document(id="d" * 64, text=text, lang=lang, path="t")).mentions
    dates = [(m.attrs["date"], m.attrs["precision"]) for m in found if m.label == "DATE"]
    assert dates == [(day.isoformat(), "day")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("مثل أمام المحكمة في 12 نوفمبر/تشرين الثاني 2024.", ("12 نوفمبر/تشرين الثاني 2024", "2024-11-12")),
        ("في نيسان/أبريل 2024 ألقت الشرطة القبض عليه.", ("نيسان/أبريل 2024", "2024-04")),
        ("حوّل في يوليو/تموز الماضي مبلغا كبيرا.", ("يوليو/تموز", "2024-07")),
    ],
)
def test_a_month_named_in_both_calendars_is_one_date(text, expected):
    found = extract(Document(id="d" * 64, text=text, lang="ar", path="t", published="2024-09-01")).mentions
    assert [(m.text, m.attrs["date"]) for m in found if m.label == "DATE"] == [expected]


def test_a_year_in_arabic_digits_is_not_taken_from_context():
    found = extract(Document(id="d" * 64, text="اعتقل في ٥ آذار ٢٠٢٤.", lang="ar", path="t")).mentions
    assert [m.attrs["year_from_context"] for m in found if m.label == "DATE"] == [False]

"""Payments: who paid whom ('X paid £3,500 to Y', 'Y received $4,000 from X', 'حوّل X مبلغ …',
'a £6,500 dinghy he had bought'), who asks a price ('X charged migrants £3,000 each'), and what
each amount is: its method (hawala, bank, cash) and date from its sentence, the two ends of a
range ("between £2,000 and £2,500", "بين 3750 و10 آلاف جنيه"), a price for each person ("€2,500 a
head", "للشخص الواحد"), and money that is not a payment at all (a group's revenue, a sum seized,
a fine, a bail), which keeps its kind and is nobody's payment. A method named with no amount
("via hawala", "عبر الحوالة") is a Payment of that method."""

from __future__ import annotations

import re

from graph.model import Mention
from graph.nlp.alternation import literal_alternation
from graph.nlp.clitics import load_clitics
from graph.nlp.lexicon import Lexicon
from graph.nlp.normalise import normalise, normalise_with_map, span_back
from graph.nlp.reading.context import Reading
from graph.nlp.values import parse_number, parse_number_words

KIND_BEFORE = 60  # characters before an amount where a word of its kind may stand ("seized … £")
KIND_AFTER = 25  # and after it ("£18,400 was seized")
PER_PERSON_AFTER = 30
PER_PERSON_BEFORE = 40


def range_regex(lexicon: Lexicon) -> re.Pattern[str]:
    """The lower end of a range, at the end of the normalised text before its upper end:
    'between 2,000 and ', 'بين 3750 و', 'between two and ', '2,000-', its currency written or
    not ('بين 1500 جنيه استرليني و', 'between 1,500 pounds and ')."""

    def source() -> str:
        words = lexicon.range_words
        marks = literal_alternation([*lexicon.currency_symbols, *(c.lower() for c in lexicon.currency_codes)])
        words_ = literal_alternation({*lexicon.number_words, *lexicon.multipliers})  # "between two and …"
        number = rf"(?:(?:{marks})\s?)?\d(?:[\d,.]*\d)?|(?<!\w)(?:{words_})"
        unit = rf"(?:\s?(?:{literal_alternation(lexicon.currency_words)})(?!\w))?"  # "بين 1500 جنيه و…"
        joins = literal_alternation(words["join"])
        opens = literal_alternation(words["open"])
        opened = rf"(?<!\w)(?:{opens})\s+(?P<low>(?:{number}){unit})\s*(?:{joins})\s*$"
        dashed = rf"(?<![\w.,])(?P<dash>(?:{number}){unit})\s*[-–]\s*$"
        return f"{opened}|{dashed}"

    return lexicon.regex("payments:range", source)


def amount_ranges(reading: Reading) -> None:
    """The two ends of each range of money: a lower end written without its currency (a count
    until now) becomes an amount in the upper end's currency (times its multiplier where it is
    the smaller: "between two and four thousand pounds" is 2,000 to 4,000), and both ends get
    `amount_min` and `amount_max`."""
    text = reading.text
    regex = range_regex(reading.lexicon)
    for upper in [m for m in reading.x.mentions if m.label == "MONEY" and m.attrs.get("amount")]:
        sentence = reading.x.sentences[upper.sentence]
        start = max(sentence.start, upper.start - 80)
        norm, index = normalise_with_map(text[start : upper.start])
        found = regex.search(norm)
        if found is None:
            continue
        group = "low" if found.group("low") else "dash"
        low_start, low_end = (start + i for i in span_back(index, *found.span(group)))
        here = reading.by_sentence[upper.sentence]
        lower = next(
            (m for m in here if m.label == "MONEY" and m.start >= low_start and m.end <= low_end), None
        )
        if lower is None:
            low_text = text[low_start:low_end]
            value = parse_number(low_text) or parse_number_words(low_text, reading.lexicon)
            if not value:
                continue
            factor = multiplier_of(upper.text, reading.lexicon)
            if factor > 1 and value * factor <= upper.attrs["amount"]:
                value *= factor
            counts = tuple(m for m in here if m.label == "COUNT" and m.start < low_end and low_start < m.end)
            lower = Mention(
                low_start,
                low_end,
                low_text,
                "MONEY",
                upper.sentence,
                "rule:money_range",
                upper.confidence,
                attrs={"amount": value, "currency": upper.attrs["currency"]},
            )
            reading.add_mention(lower, replaces=counts)
        ends = sorted((lower.attrs["amount"], upper.attrs["amount"]))
        for end in (lower, upper):
            end.attrs.update(amount_min=ends[0], amount_max=ends[1])
            end.attrs.setdefault("range_end", upper)


def multiplier_of(text: str, lexicon: Lexicon) -> float:
    """The multiplier an amount is written with ('four thousand pounds', '10 آلاف جنيه'), or 1."""
    words = normalise(text).split()
    return max((lexicon.multipliers.get(w, 1) for w in words), default=1)


def payment_details(reading: Reading) -> None:
    """Each MONEY mention gets the `method` its sentence names, the `date` nearest to it, its
    `kind` and whether it is `per_person`; a method named with no amount becomes a Payment."""
    amount_ranges(reading)
    methods = sorted(reading.lexicon.payment_methods.items(), key=lambda w: -len(w[0]))
    clitics = load_clitics().regex("payment_method")
    for m in reading.x.mentions:
        if m.label != "MONEY" or not reading.names_entity(m):
            continue
        sentence = normalise(reading.x.sentences[m.sentence].text)
        m.attrs["method"] = next(
            (
                method
                for word, method in methods
                if re.search(rf"(?<!\w){clitics}?{re.escape(word)}(?!\w)", sentence)
            ),
            None,
        )
        dates = [d for d in reading.by_sentence[m.sentence] if d.label == "DATE" and d.attrs.get("date")]
        m.attrs["date"] = min(dates, key=lambda d: abs(d.start - m.start)).attrs["date"] if dates else None
        end = m.attrs.get("range_end", m)
        m.attrs["per_person"] = per_person(reading, m, end) or None
        m.attrs["kind"] = money_kind(reading, m, end)
    for m in reading.x.mentions:
        m.attrs.pop("range_end", None)
    method_payments(reading)


def word_regex(reading: Reading, key: str, words: list[str] | dict[str, str], where: str) -> re.Pattern[str]:
    """Any of `words` (normalised) as whole words, after a proclitic or not; `where` anchors
    it: 'start' (at the start of the text, after spaces and marks), 'end' (at its end), or
    'any'. Compiled once per lexicon."""

    def source() -> str:
        clitics = load_clitics().regex("payment_method")
        alternation = literal_alternation(words)
        core = rf"(?<!\w){clitics}?(?:{alternation})(?!\w)"
        return {"start": rf"^[\s\W]*{core}", "end": rf"{core}[\s\W]*$", "any": core}[where]

    return reading.lexicon.regex(f"payments:{key}:{where}", source)


def per_person(reading: Reading, m: Mention, end: Mention) -> bool:
    """Whether an amount is a price for each person: a per-person phrase right after the
    range's upper end ("£2,500 per person", "5000 دولار للشخص الواحد") or right before the
    amount ("each paid £2,500", "دفع كل منهم 4500 يورو")."""
    words = reading.lexicon.per_person
    sentence = reading.x.sentences[m.sentence]
    after = normalise(reading.text[end.end : min(sentence.end, end.end + PER_PERSON_AFTER)])
    start = min(m.start, end.start)
    before = normalise(reading.text[max(sentence.start, start - PER_PERSON_BEFORE) : start])
    return bool(
        word_regex(reading, "per_person", words["after"], "start").search(after)
        or word_regex(reading, "per_person_before", words["before"], "any").search(before)
    )


def money_kind(reading: Reading, m: Mention, end: Mention) -> str:
    """'payment', or the kind of money that is not a payment whose word stands nearest the
    amount in its clause ("seized £18,400", "£1.5 million was seized", "fined €184,000",
    "إيرادات بلغت نحو 10 ملايين يورو", "بتغريمه 968 ألف يورو")."""
    kinds = reading.lexicon.money_kinds
    sentence = reading.x.sentences[m.sentence]
    other_money = [o.end for o in reading.by_sentence[m.sentence] if o.label == "MONEY" and o.end <= m.start]
    floor = max([sentence.start, m.start - KIND_BEFORE, *(e for e in other_money if e < m.start - 1)])
    before = normalise(reading.text[floor : m.start])
    after = normalise(reading.text[end.end : min(sentence.end, end.end + KIND_AFTER)])
    regex = word_regex(reading, "kinds", kinds, "any")
    found = [(len(before) - w.end(), w.group()) for w in regex.finditer(before)]
    found += [(w.start(), w.group()) for w in regex.finditer(after)]
    if not found:
        return "payment"
    word = min(found)[1]
    return kinds.get(word) or kinds[next(k for k in kinds if word.endswith(k))]


def method_payments(reading: Reading) -> None:
    """A method that says money moved, named in a sentence that gives no amount ("paid via
    hawala", "يعمل بنظام الحوالة"): a PAYMENT_METHOD mention, all of a document's for one method
    being one Payment (graph.resolve.described)."""
    alone = reading.lexicon.methods_alone
    if not alone:
        return
    regex = word_regex(reading, "methods_alone", alone, "any")
    for sentence, span in enumerate(reading.x.sentences):
        if regex.search(span.norm) is None or any(
            m.label == "MONEY" for m in reading.by_sentence.get(sentence, [])
        ):
            continue
        norm, index = normalise_with_map(span.text)
        for found in regex.finditer(norm):
            word = found.group()
            method = alone.get(word) or alone[next(k for k in alone if word.endswith(k))]
            start, end = (span.start + i for i in span_back(index, *found.span()))
            mention = Mention(
                start, end, reading.text[start:end], "PAYMENT_METHOD", sentence, "rule:payment_method", 0.7
            )
            mention.attrs["method"] = method
            reading.add_mention(mention)


def payments(reading: Reading, sentence: int, here: list[Mention], actors: list[Mention]) -> None:
    """payer -PAID-> Payment -RECEIVED-> payee, from the verbs of `paid` and `received`, and
    the buyer of what a price was paid for ('a £6,500 dinghy he had bought', 'اشترى قاربا
    بمبلغ 4000 يورو'); money that is not a payment (seized, a fine) is nobody's payment."""
    amounts = [
        m for m in here if m.label == "MONEY" and reading.names_entity(m) and m.attrs.get("kind") == "payment"
    ]
    if not amounts:
        return
    for rule, payer_before in (("paid", True), ("received", False)):
        for verb in reading.verbs(sentence, rule):
            payment = next((p for p in amounts if p.start > verb), None)
            before = reading.subject_after(verb, actors) or next(
                (a for a in reversed(actors) if a.end <= verb), None
            )
            after = next((a for a in actors if payment is not None and a.start > payment.end), None)
            if payment is None:
                continue
            payer, payee = (before, after) if payer_before else (after, before)
            if payer is not None:
                evidence = reading.evidence(payer, payment, "PAID", f"rule:relation:{rule}", 0.75)
                reading.relate("PAID", payer, payment, evidence)
            if payee is not None:
                evidence = reading.evidence(payment, payee, "RECEIVED", f"rule:relation:{rule}", 0.75)
                reading.relate("RECEIVED", payment, payee, evidence)
    asked_prices(reading, sentence, amounts, actors)
    reach = reading.lexicon.relation_window.get("object", 60)
    for verb in reading.verbs(sentence, "bought"):
        price = min(amounts, key=lambda p: abs(p.start - verb), default=None)
        buyer = reading.subject(verb, actors, sentence)
        if price is None or buyer is None or abs(price.start - verb) > reach:
            continue
        if reading.allows("PAID", buyer, price):
            reading.relate(
                "PAID", buyer, price, reading.evidence(buyer, price, "PAID", "rule:relation:bought", 0.7)
            )


def asked_prices(reading: Reading, sentence: int, amounts: list[Mention], actors: list[Mention]) -> None:
    """Who asks a price for each person is its payee: the subject (an actor, or an account that
    advertises) of the verb nearest before the price that asks it ("X charged migrants £3,000
    each", "يتقاضى X 3000 يورو عن كل شخص"), or that offers something for it ("the accounts, which
    offered places for €2,000 per person"; "offered a driver £2,500 for each person" offers
    money, asks none). None where that verb is passive ("he was offered a seat for £2,000 a
    head"): the price is asked of the subject, not by them; nor where another clause opens
    between the name and the verb ("X said the smugglers asked him for …")."""
    reach = reading.lexicon.relation_window.get("object", 60)
    verbs = [(v, "asked") for v in reading.verbs(sentence, "asked")]
    verbs += [(v, "offered") for v in reading.verbs(sentence, "offered")]
    passive = set(reading.lexicon.relation_words.get("asked_passive", []))
    start = reading.x.sentences[sentence].start
    askers = sorted(
        [*actors, *(m for m in reading.by_sentence[sentence] if reading.label(m) == "Account")],
        key=lambda m: m.start,
    )
    for price in amounts:
        opens = range_start(price, amounts)  # "for between £2,000 and £3,000": both ends asked
        verb, rule = max(((v, r) for v, r in verbs if opens - reach <= v < opens), default=(-1, ""))
        if verb < 0 or not price.attrs.get("per_person"):
            continue
        before = normalise(reading.text[max(start, verb - 20) : verb]).split()
        if before and before[-1] in passive:
            continue
        if rule == "offered" and not offered_for(reading, reading.text[verb:opens]):
            continue
        asker = reading.subject(verb, askers, sentence)
        if asker is not None and asker.end <= verb and clause_between(reading, asker.end, verb):
            continue  # "X said the smugglers asked him for …": X says it
        if asker is not None and reading.allows("RECEIVED", price, asker):
            evidence = reading.evidence(price, asker, "RECEIVED", f"rule:relation:{rule}", 0.7)
            reading.relate("RECEIVED", price, asker, evidence)


def clause_between(reading: Reading, start: int, end: int) -> bool:
    """Whether a word that opens another clause (`asked_clause`: "that", "said", "إن") stands
    between a name and a verb: the name is then who says it, not the verb's subject."""
    words = reading.lexicon.relation_words.get("asked_clause", [])
    return bool(word_regex(reading, "asked_clause", words, "any").search(normalise(reading.text[start:end])))


def range_start(price: Mention, amounts: list[Mention]) -> int:
    """Where the range an amount ends starts (its lower end's start), or where it starts."""
    ends = (price.attrs.get("amount_min"), price.attrs.get("amount_max"))
    if ends[0] is None:
        return price.start
    return min(
        (a.start for a in amounts if (a.attrs.get("amount_min"), a.attrs.get("amount_max")) == ends),
        default=price.start,
    )


def offered_for(reading: Reading, before: str) -> bool:
    """Whether the text between an offer and an amount ends in a word that makes the amount the
    price of what was offered ("places for ", "crossings at about ", "مقعدا مقابل "), past a
    qualifier or the opening of a range ("for up to ", "for between ")."""
    words = normalise(before).split()
    softeners = {*reading.lexicon.qualifiers, *reading.lexicon.range_words["open"]}
    for _ in range(3):  # "for up to", "for between"
        for n in (2, 1):
            if len(words) > n and " ".join(words[-n:]) in softeners:
                words = words[:-n]
                break
    regex = word_regex(reading, "offered_for", reading.lexicon.relation_words.get("offered_for", []), "end")
    return bool(regex.search(" ".join(words)))

"""Nodes for what the reading found besides names: a Payment for each amount (or each method
named with no amount), with its kind, range and per-person price, and an Account for each
account a report describes without a handle ("a TikTok account called 'Journey to England'",
"صفحات على فيسبوك").

A payment whose payer is named is the same node in every report of it: its id comes from the
payer, the amount, the currency and the date (when given), so three reports of one transfer
make one Payment with three sources; a method named without an amount is one Payment per
report. A named account is one node per platform and name; an
account described without a name is the report's own (one per platform and kind)."""

from __future__ import annotations

import re

from graph.model import Mention
from graph.nlp.normalise import normalise, strip_invisible
from graph.resolve.document_graph import DocumentGraph

PAYMENT_FIELDS = ("kind", "per_person", "amount_min", "amount_max", "method", "date")


def key_part(text: str) -> str:
    """An id fragment from a name or value: normalised, runs of other characters to '_'.

    >>> key_part("Karwan  Saleh"), key_part("كاروان صالح")
    ('karwan_saleh', 'كاروان_صالح')
    """
    return re.sub(r"[^\w+.:-]+", "_", normalise(text)).strip("_")


def payer_of(graph: DocumentGraph, m: Mention) -> Mention | None:
    """The named person the reading says paid the amount `m`, if any."""
    return next(
        (
            r.source
            for r in graph.x.relations
            if r.type == "PAID" and r.target is m and r.source.label == "PERSON"
        ),
        None,
    )


def payment_id(graph: DocumentGraph, m: Mention) -> str:
    """One id for one transfer: from its named payer, amount, currency and date when a payer
    is named (the same in every report of it), else the report's own."""
    if m.label == "PAYMENT_METHOD":  # money moved that way: one Payment per report and method
        return f"payment:{graph.doc.id[:16]}:method:{m.attrs['method']}"
    payer = payer_of(graph, m)
    if payer is None or m.attrs.get("amount") is None:
        return f"payment:{graph.doc.id[:16]}:{m.start}"
    amount = m.attrs["amount"]
    parts = [
        payer.attrs.get("full_name") or payer.text,
        f"{int(amount) if amount == int(amount) else amount}",
    ]
    parts.append(m.attrs["currency"])
    return "payment:" + ":".join(key_part(p) for p in [*parts, m.attrs.get("date") or ""] if p)


def payment_node(graph: DocumentGraph, m: Mention) -> None:
    """The Payment an amount (MONEY) or a method named alone (PAYMENT_METHOD) stands for."""
    props = {
        "name": strip_invisible(m.text),
        "amount": m.attrs.get("amount"),
        "currency": m.attrs.get("currency"),
        **{k: m.attrs.get(k) for k in PAYMENT_FIELDS},
    }
    if m.label == "PAYMENT_METHOD":
        props.update(name=m.attrs["method"], kind="payment")
    graph.node("Payment", payment_id(graph, m), props, m)


def unnamed_account_name(platform: str | None, kind: str | None, count: int | None) -> str:
    """What a table shows for accounts a report describes without naming them: the platform,
    the kind and how many, marked as unnamed (tables and the network would show a blank).

    >>> unnamed_account_name("Facebook", "page", 40)
    '40 Facebook pages (unnamed)'
    >>> unnamed_account_name("Telegram", "group", None)
    'Telegram group (unnamed)'
    """
    what = " ".join(part for part in (platform, kind or "account") if part)
    return f"{count} {what}s (unnamed)" if count and count > 1 else f"{what} (unnamed)"


def described_account(graph: DocumentGraph, m: Mention) -> None:
    """The Account a description names: one per platform and name, HOSTED_ON its platform; an
    account described without a name is one per report, platform and kind, and holds its
    platform as a property only (a description is no evidence of one account there)."""
    platform = m.attrs.get("platform")
    name = m.attrs.get("name")
    where = platform.split(":", 1)[1] if platform else "unknown"
    kind = m.attrs.get("kind")
    node_id = (
        f"account:{where}:name:{key_part(name)}" if name else f"account:{where}:{graph.doc.id[:16]}:{kind}"
    )
    platform_name = graph.lexicon.entries[platform].name if platform else None
    node = graph.node(
        "Account",
        node_id,
        {
            "name": name or unnamed_account_name(platform_name, kind, m.attrs.get("count")),
            "unnamed": not name,
            "kind": m.attrs.get("kind"),
            "count": m.attrs.get("count"),
            "description": strip_invisible(m.text),
            "platform": platform_name,
        },
        m,
        aliases=[name] if name else [],
    )
    if platform and name:
        graph.edge("HOSTED_ON", node, graph.lexicon_node(platform, m), "", {}, m)

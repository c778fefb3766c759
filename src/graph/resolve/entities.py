"""Canonical nodes for a document's mentions: a lexicon entity gets its entry's id and every
alias, a name no lexicon lists gets an id from its normalised form (so the same name in two
documents is one node), and what is unique to one report (an unnamed person, a payment, the
boats it counts) gets an id within the document."""

from __future__ import annotations

import logging
import re

from graph.limits import load_limits
from graph.model import Mention
from graph.nlp.normalise import normalise, strip_invisible
from graph.nlp.reading.context import entity_label
from graph.resolve.described import described_account, payment_node
from graph.resolve.document_graph import DocumentGraph


def slug(text: str) -> str:
    """A stable id fragment from a name: normalised, spaces to underscores.

    >>> slug("Karwan  Saleh"), slug("كاروان صالح")
    ('karwan_saleh', 'كاروان_صالح')
    """
    return re.sub(r"[^\w+.:-]+", "_", normalise(text)).strip("_")


log = logging.getLogger("graph.resolve")


def too_long(m: Mention, limit: int) -> int:
    """The length of the longest name a mention gives (its text, key, full name, handle or
    URL) when over `limit` characters, else 0: thousands of characters are not a name.

    >>> from graph.model import Mention
    >>> too_long(Mention(0, 401, "@" + "x" * 400, "HANDLE", 0, "rule:handle", 0.9), 300)
    401
    >>> too_long(Mention(0, 13, "@karwan_boats", "HANDLE", 0, "rule:handle", 0.9), 300)
    0
    """
    names = [m.text, m.key, *(v for k, v in m.attrs.items() if k in ("full_name", "handle", "url"))]
    longest = max((len(n) for n in names if isinstance(n, str)), default=0)
    return longest if longest > limit else 0


def entity_nodes(graph: DocumentGraph) -> None:
    """One node per mention that names one, with the relationships its attributes state (a
    person's nationality and residence, an account's platform). A mention whose name is
    longer than `extraction.name_chars` of etl/limits.yaml makes no node, and says so."""
    limit = load_limits().name_chars
    for m in graph.x.mentions:
        if entity_label(m, graph.lexicon, graph.ontology) is None:
            continue
        if length := too_long(m, limit):
            log.warning(
                "%s: a %s of %s characters at %d is not a name (at most %d): no node made",
                graph.doc.path or graph.doc.id,
                m.label,
                f"{length:,}",
                m.start,
                limit,
            )
            continue
        if m.key and m.key in graph.lexicon.entries:
            lexicon_entity(graph, m)
        elif m.label in ("PERSON", "UNNAMED"):
            person(graph, m)
        elif m.label == "ORG":  # a crime group or company no lexicon lists
            name = strip_invisible(m.attrs.get("full_name") or m.text)  # an acronym's expansion
            graph.node(
                "Organisation",
                f"org:{slug(name)}",
                {"name": name, "kind": m.attrs.get("kind")},
                m,
                aliases=sorted({name, strip_invisible(m.text)}),
            )
        elif m.label in ("HANDLE", "URL", "PHONE"):
            account(graph, m)
        elif m.label in ("MONEY", "PAYMENT_METHOD"):
            payment_node(graph, m)
        elif m.label == "ACCOUNT":  # an account described, not handled
            described_account(graph, m)
        elif m.label in ("GPE", "LOC"):  # a place no lexicon lists (a district, a town)
            name = strip_invisible(m.text)
            graph.node("Location", f"loc:{slug(name)}", {"name": name}, m, aliases=[name])
        elif m.label in ("VESSEL", "EQUIPMENT"):
            kind = m.attrs["kind"]
            graph.node(
                m.attrs["node"],
                f"{m.attrs['node'].lower()}:{graph.doc.id[:16]}:{kind}",
                {"name": kind.replace("_", " "), "kind": kind, "count": m.attrs.get("count")},
                m,
            )


def lexicon_entity(graph: DocumentGraph, m: Mention) -> None:
    entry = graph.lexicon.entries[m.key]
    graph.node(
        entry.node,
        entry.id,
        {"name": entry.name, **entry.props},
        m,  # a nationality ("Iraqi", "العراقي") mentions its country too
        aliases=[*entry.aliases, *([m.text] if m.label != "NORP" else [])],
    )


def person(graph: DocumentGraph, m: Mention) -> None:
    """A named person (one node per normalised full name) or an unnamed one (one per mention)."""
    nationality = m.attrs.get("nationality")
    code = graph.lexicon.entries[nationality].code if nationality else None
    if m.label == "PERSON":
        name = strip_invisible(m.attrs.get("full_name") or m.text)
        node = graph.node(
            "Person",
            f"person:{slug(name)}",
            {"name": name, "unnamed": False, "nationality": code},
            m,
            aliases=sorted({name, strip_invisible(m.text)}),
        )
    else:
        node = graph.node(
            "Person",
            f"person:unnamed:{graph.doc.id[:16]}:{m.start}",
            {
                "name": m.text,
                "unnamed": True,
                "count": m.attrs.get("count"),
                "count_qualifier": m.attrs.get("count_qualifier"),
                "nationality": code,
                "description": m.text,
            },
            m,
        )
    if nationality:
        graph.edge("NATIONAL_OF", node, graph.lexicon_node(nationality, m), "", {}, m)
    if m.attrs.get("location"):
        graph.edge("LOCATED_IN", node, graph.lexicon_node(m.attrs["location"], m), "", {}, m)


def account(graph: DocumentGraph, m: Mention) -> None:
    attrs = m.attrs
    platform = attrs.get("platform")
    node = graph.node(
        "Account",
        m.key,
        {
            "name": attrs.get("handle") or attrs.get("url"),
            "handle": attrs.get("handle"),
            "url": attrs.get("url"),
            "kind": attrs.get("kind"),
            "platform": graph.lexicon.entries[platform].name if platform else None,
        },
        m,
        aliases=[m.text],
    )
    if platform and not attrs.get("platform_from_document"):
        # the sentence that names the platform is the evidence, not a later bare @handle
        graph.edge("HOSTED_ON", node, graph.lexicon_node(platform, m), "", {}, m)

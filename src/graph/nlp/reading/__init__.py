"""Reading the text between mentions: the relations and events of one document, each with the
span that supports it and the rule that read it. One module per kind of reading; `read` runs
them in the order their results depend on (roles first: quoted officials are not participants).

>>> from graph.model import Document
>>> from graph.nlp.extract import extract
>>> x = extract(Document(id="d", text="Sarah Whitfield, branch commander at the NCA, spoke.",
...                      lang="en", path="t"))
>>> [(r.type, r.source.text, r.target.text, r.props) for r in x.relations]
[('WORKS_FOR', 'Sarah Whitfield', 'NCA', {'role': 'branch commander'})]
"""

from __future__ import annotations

from graph.model import Extraction
from graph.nlp.lexicon import Lexicon, load_lexicon
from graph.nlp.reading.accounts import accounts
from graph.nlp.reading.ages import ages
from graph.nlp.reading.associates import associates
from graph.nlp.reading.context import Reading
from graph.nlp.reading.events import events
from graph.nlp.reading.lede import lede
from graph.nlp.reading.nationalities import nationalities
from graph.nlp.reading.payments import payment_details, payments
from graph.nlp.reading.places import locations
from graph.nlp.reading.roles import controlled_by, memberships, works_for
from graph.nlp.reading.vessels import holdings, pilots, vessel_counts
from graph.ontology import Ontology, load_ontology


def read(extraction: Extraction, lexicon: Lexicon | None = None, ontology: Ontology | None = None) -> None:
    """Fill `extraction.relations` and `extraction.events` from its mentions and sentences."""
    reading = Reading(extraction, lexicon or load_lexicon(), ontology or load_ontology())
    payment_details(reading)
    accounts(reading)
    vessel_counts(reading)
    works_for(reading)
    nationalities(reading)
    ages(reading)
    lede(reading)
    for sentence, here in reading.by_sentence.items():
        actors = [m for m in here if reading.is_actor(m)]
        memberships(reading, sentence, here, actors)
        holdings(reading, sentence, here, actors)
        controlled_by(reading, sentence, here, actors)
        payments(reading, sentence, here, actors)
        pilots(reading, sentence, here)
        associates(reading, sentence, here)
    locations(reading)
    events(reading)

"""`spacy train --code` hook: registers the `ar_ner_norm` factory and the
`graph.ArabicAffixEmbed.v1` architecture that training/ar_ner.cfg refers to."""

import graph.nlp.models  # noqa: F401

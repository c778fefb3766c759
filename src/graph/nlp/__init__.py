"""NLP stage: spaCy pipelines for Arabic and English that turn a Document into an Extraction."""

# Which model finds names: the fast spaCy model shipped for each language, or the accurate
# fine-tuned e5 encoder (`graph.nlp.accurate`; the `accurate` extra), many times slower.
NER_MODES = ("fast", "accurate")

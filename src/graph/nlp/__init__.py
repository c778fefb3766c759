"""NLP stage: spaCy pipelines for Arabic and English that turn a Document into an Extraction."""

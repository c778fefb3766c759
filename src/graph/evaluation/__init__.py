"""Evaluation, beside the way of the data: the pipeline scored against the annotated gold set
(`gold`) and NER scored on CoNLL files such as ANERcorp (`ner`), both with `scoring`."""

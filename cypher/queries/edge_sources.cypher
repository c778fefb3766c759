// name: edge_sources
// The documents and sentences behind every relationship between two entities named (by
// name or alias, either script, and each one's SAME_AS twin in the other script): from any
// edge to the sentence that supports it, with the document's title and date.
// params: a, b
// example: a=Sarah Whitfield, b=National Crime Agency
// normalise: a, b
// fulltext: a, b
CALL db.index.fulltext.queryNodes('entity_search', $a_term) YIELD node AS x
WITH x WHERE any(s IN coalesce(x.search, []) WHERE s CONTAINS $a)
// the first names are gathered before the second lookup, which then runs once, not per name
OPTIONAL MATCH (x)-[:SAME_AS*1..3]-(twin)
WITH collect(DISTINCT x) + collect(DISTINCT twin) AS xs
CALL db.index.fulltext.queryNodes('entity_search', $b_term) YIELD node AS y
WITH xs, y WHERE any(s IN coalesce(y.search, []) WHERE s CONTAINS $b)
OPTIONAL MATCH (y)-[:SAME_AS*1..3]-(other)
WITH xs, collect(DISTINCT y) + collect(DISTINCT other) AS ys
UNWIND xs AS x
UNWIND ys AS y
WITH DISTINCT x, y
MATCH (x)-[r]-(y)
WHERE type(r) <> 'SAME_AS'
// each supporting document by its id through the index, not by reading every document
UNWIND r.doc_ids AS doc
MATCH (d:Document {id: doc})
OPTIONAL MATCH (first:Document {id: r.doc_id})
RETURN x.name AS from, type(r) AS relation, y.name AS to, coalesce(d.title, d.path) AS document,
       d.published AS published, coalesce(r.sentence, first.sentences[r.sentence_no]) AS sentence,
       r.start AS start, r.end AS end, d.id AS doc_id
ORDER BY relation, from, to, published, doc_id

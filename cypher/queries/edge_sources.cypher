// name: edge_sources
// The documents and sentences behind every relationship between two entities named (by
// name or alias, either script): from any edge to the sentence that supports it.
// params: a, b
// example: a=Sarah Whitfield, b=National Crime Agency
// normalise: a, b
// fulltext: a, b
CALL db.index.fulltext.queryNodes('entity_search', $a_term) YIELD node AS x
WITH x WHERE any(s IN coalesce(x.search, []) WHERE s CONTAINS $a)
// the first names are gathered before the second lookup, which then runs once, not per name
WITH collect(x) AS xs
CALL db.index.fulltext.queryNodes('entity_search', $b_term) YIELD node AS y
WITH xs, y WHERE any(s IN coalesce(y.search, []) WHERE s CONTAINS $b)
UNWIND xs AS x
MATCH (x)-[r]-(y)
// each supporting document by its id through the index, not by reading every document
UNWIND r.doc_ids AS doc
MATCH (d:Document {id: doc})
OPTIONAL MATCH (first:Document {id: r.doc_id})
RETURN x.name AS from, type(r) AS relation, y.name AS to, d.id AS doc_id, d.title AS title,
       coalesce(r.sentence, first.sentences[r.sentence_no]) AS sentence, r.start AS start, r.end AS end
ORDER BY relation, doc_id

// name: edge_sources
// The documents and sentences behind every relationship between two entities named (by
// name or alias, either script): from any edge to the sentence that supports it.
// params: a, b
// example: a=Sarah Whitfield, b=National Crime Agency
// normalise: a, b
MATCH (x)-[r]-(y)
WHERE any(s IN coalesce(x.search, []) WHERE s CONTAINS $a)
  AND any(s IN coalesce(y.search, []) WHERE s CONTAINS $b)
MATCH (d:Document) WHERE d.id IN r.doc_ids
RETURN x.name AS from, type(r) AS relation, y.name AS to, d.id AS doc_id, d.title AS title,
       r.sentence AS sentence, r.start AS start, r.end AS end
ORDER BY relation, doc_id

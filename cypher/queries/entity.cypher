// name: entity
// Everything known about an entity found by name or alias in either script (and the same
// entity in the other script, through SAME_AS), with the
// relationship, the other end, and the sentence and document (its title, or file name, and
// date; `doc_id` last) that support each fact.
// params: name
// example: name=NCA
// normalise: name
// fulltext: name
CALL db.index.fulltext.queryNodes('entity_search', $name_term) YIELD node AS n
WITH n WHERE NOT n:Document AND any(s IN coalesce(n.search, []) WHERE s CONTAINS $name)
OPTIONAL MATCH (n)-[:SAME_AS*1..3]-(twin)
WITH collect(DISTINCT n) + collect(DISTINCT twin) AS found
UNWIND found AS n
WITH DISTINCT n
OPTIONAL MATCH (n)-[r]-(m)
WHERE NOT m:Document
// The sentence is kept once, on its document. Its id is passed on as a value: FalkorDB cannot
// look up an index by a property of an optional relationship that matched nothing.
WITH n, r, m, r.doc_id AS source
OPTIONAL MATCH (d:Document {id: source})
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.aliases AS aliases,
       type(r) AS relation, r.role AS role, m.name AS other, labels(m)[0] AS other_label,
       coalesce(r.sentence, d.sentences[r.sentence_no]) AS sentence,
       coalesce(d.title, d.path) AS document, d.published AS published, r.doc_id AS doc_id
ORDER BY id, relation, other, sentence, doc_id, role, other_label

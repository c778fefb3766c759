// Every fact of the nodes `$ids` (one entity's SAME_AS cluster): each relationship with its
// other end and the sentence, document, date and link that support it. The sentence is kept
// once, on its document; its id is passed on as a value (FalkorDB cannot look an index up by
// a property of an optional relationship that matched nothing).
// Run once per label of the nodes asked ({label}, from the ontology): through its index.
UNWIND $ids AS id
MATCH (n:{label} {id: id})-[r]-(m)
WHERE type(r) <> 'SAME_AS' AND NOT m:Document AND NOT m:Run AND NOT m:Alert AND NOT m:Judgement
WITH n, r, m, r.doc_id AS source
OPTIONAL MATCH (d:Document {id: source})
RETURN n.id AS id, type(r) AS type, startNode(r) = n AS outgoing, m.id AS other,
       labels(m)[0] AS other_label, coalesce(m.name, m.summary, m.id) AS other_name,
       m.kind AS other_kind, m.date AS other_date, m.amount AS amount, m.currency AS currency,
       r.role AS role, coalesce(r.sentence, d.sentences[r.sentence_no]) AS sentence,
       r.doc_id AS doc_id, coalesce(d.title, d.path) AS document, d.published AS published,
       d.url AS url, d.lang AS lang, r.support AS support, r.independent_support AS independent,
       m.community AS other_community, m.support AS other_support,
       m.independent_support AS other_independent
ORDER BY type, other_date, other_name, doc_id

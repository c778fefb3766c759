// Flag the nodes of one label whose fact of one kind has more than one value in the reports
// (of the node, or of its twin in the other script: SAME_AS is followed):
// `contradictions` keeps, for each fact contradicted, one entry per value with the reports
// that give it ("fact<TAB>value<TAB>doc,doc"), entries of other facts kept;
// `contradicted` says whether any is left. {label}, {relation}, {target} come from the
// ontology, {value} (compared) and {shown} (written) are properties the ontology gives
// {target}, all checked before this runs.
UNWIND $ids AS id
MATCH (n:{label} {id: id})
OPTIONAL MATCH (n)-[:SAME_AS*0..1]-(twin)-[r:{relation}]->(m:{target})
WHERE m.{value} IS NOT NULL AND ($kind IS NULL OR m.kind = $kind)
  AND ($precision IS NULL OR m.date_precision = $precision)
WITH n, r, m ORDER BY m.id, head(r.doc_ids), size(r.doc_ids)
WITH n, m.{value} AS value, collect(r) AS facts, collect(m.{shown}) AS shown
WITH n, value, shown, reduce(docs = [], f IN facts | docs + [d IN coalesce(f.doc_ids, []) WHERE NOT d IN docs]) AS docs
WITH n, collect(CASE WHEN value IS NULL THEN NULL ELSE $name + $sep + toString(coalesce(head(shown), value)) + $sep + reduce(s = '', d IN docs | s + CASE WHEN s = '' THEN '' ELSE ',' END + d) END) AS claims
WITH n, [c IN coalesce(n.contradictions, []) WHERE NOT c STARTS WITH ($name + $sep)] + CASE WHEN size(claims) > 1 THEN claims ELSE [] END AS kept
// in one order, however the store walked the graph: checking again changes nothing
UNWIND CASE WHEN size(kept) = 0 THEN [NULL] ELSE kept END AS entry
WITH n, entry ORDER BY entry
WITH n, collect(entry) AS kept
SET n.contradictions = kept, n.contradicted = size(kept) > 0

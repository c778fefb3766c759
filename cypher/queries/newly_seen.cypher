// name: newly_seen
// People, organisations, accounts and vessels first seen on or after a date (ISO, any
// precision), newest first: who has appeared since the last review?
// params: since
// example: since=2024-06
MATCH (n)
WHERE (n:Person OR n:Organisation OR n:Account OR n:Vessel) AND n.first_seen >= toString($since)
OPTIONAL MATCH (d:Document)-[:MENTIONS]->(n)
WITH n, collect(DISTINCT d.id) AS mentioned
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.first_seen AS first_seen,
       size(CASE WHEN n.doc_id IS NULL OR n.doc_id IN mentioned THEN mentioned ELSE mentioned + n.doc_id END) AS documents
ORDER BY first_seen DESC, id

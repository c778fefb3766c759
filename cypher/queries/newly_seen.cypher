// name: newly_seen
// People, organisations, accounts and vessels first seen on or after a date (ISO, any
// precision), newest first: who has appeared since the last review?
// params: since
// example: since=2024-06
MATCH (n)
WHERE (n:Person OR n:Organisation OR n:Account OR n:Vessel) AND n.first_seen >= toString($since)
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.first_seen AS first_seen,
       size(n.doc_ids) AS documents
ORDER BY first_seen DESC, id

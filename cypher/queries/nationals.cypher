// name: nationals
// People of a nationality (ISO code, e.g. IQ, SY, AF), named or not, with the documents
// that describe them.
// params: country
// example: country=IQ
MATCH (p:Person)-[:NATIONAL_OF]->(l:Location {country: $country})
OPTIONAL MATCH (d:Document)-[:MENTIONS]->(p)
WITH p, collect(DISTINCT d.id) AS mentioned
RETURN p.id AS id, p.name AS name, p.unnamed AS unnamed, p.count AS count,
       CASE WHEN p.doc_id IS NULL OR p.doc_id IN mentioned THEN mentioned ELSE mentioned + p.doc_id END AS documents
ORDER BY id

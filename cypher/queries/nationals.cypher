// name: nationals
// People of a nationality (ISO code, e.g. IQ, SY, AF), named or not, with the documents
// that describe them.
// params: country
// example: country=IQ
MATCH (p:Person)-[:NATIONAL_OF]->(l:Location {country: $country})
RETURN p.id AS id, p.name AS name, p.unnamed AS unnamed, p.count AS count, p.doc_ids AS documents
ORDER BY id

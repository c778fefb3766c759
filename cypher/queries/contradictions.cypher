// name: contradictions
// The actors whose reports disagree on a fact that should have one value (a nationality, a
// prison sentence: etl/rules/contradictions.yaml), each value with the reports that give it
// and their publishers (else their titles). Both values stay in the graph; `edge_sources` quotes the sentences.
// params: fact=
// example: fact=nationality
// empty: no reports disagree on a fact that should have one value (fact: '{fact}', empty for every fact)
MATCH (n) WHERE n.contradicted = true
UNWIND n.contradictions AS entry
WITH n, split(entry, '\t') AS parts
WHERE $fact = '' OR parts[0] = $fact
UNWIND split(parts[2], ',') AS doc
MATCH (d:Document {id: doc})
WITH n, parts[0] AS fact, parts[1] AS value, collect(d.id) AS documents,
     collect(DISTINCT coalesce(d.source, d.title, d.path, d.id)) AS sources, min(d.published) AS first_reported
RETURN n.id AS id, coalesce(n.name, n.id) AS name, fact, value, size(documents) AS reports,
       sources, first_reported, documents
ORDER BY name, id, fact, value

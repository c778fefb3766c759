// name: contradictions
// The actors whose reports disagree on a fact that should have one value (a nationality, a
// prison sentence, an age, the price asked for each person: etl/rules/contradictions.yaml),
// each value with the reports that give it and their publishers (else their titles). Both
// values stay in the graph; `edge_sources` quotes the sentences.
// params: fact=
// example: fact=nationality
// empty: no reports disagree on a fact that should have one value (fact: '{fact}', empty for every fact)
MATCH (n) WHERE n.contradicted = true
// a person named in both scripts is one row: the node of the lower id, with its twins' names
OPTIONAL MATCH (n)-[:SAME_AS]-(twin)
WITH n, collect(DISTINCT twin) AS twins
WHERE none(t IN twins WHERE t.contradicted = true AND t.id < n.id)
WITH n, reduce(s = coalesce(n.name, n.id), t IN twins | s + ' · ' + coalesce(t.name, t.id)) AS name
UNWIND n.contradictions AS entry
WITH n, name, split(entry, '\t') AS parts
WHERE $fact = '' OR parts[0] = $fact
UNWIND split(parts[2], ',') AS doc
MATCH (d:Document {id: doc})
WITH n, name, parts[0] AS fact, parts[1] AS value, collect(d.id) AS documents,
     collect(DISTINCT coalesce(d.source, d.title, d.path, d.id)) AS sources, min(d.published) AS first_reported
RETURN n.id AS id, name, fact, value, size(documents) AS reports,
       sources, first_reported, documents
ORDER BY name, id, fact, value

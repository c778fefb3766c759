// Flag the nodes of one label whose reports state a value on their own MENTIONS of the node,
// or of its twin in the other script (a person's age), that cannot all be true: each value is
// read as the year it implies (the report's year minus the age: a birth year), and years more
// than $tolerance apart contradict. `contradictions` keeps, for the fact, one entry per value
// and report year with the reports that give it ("fact<TAB>34 in 2024<TAB>doc,doc"), entries of
// other facts kept. {label} comes from the ontology and {value} is a MENTIONS property it gives,
// both checked before this runs.
UNWIND $ids AS id
MATCH (n:{label} {id: id})
OPTIONAL MATCH (n)-[:SAME_AS*0..1]-(twin)<-[m:MENTIONS]-(d:Document)
WHERE m.{value} IS NOT NULL AND d.published IS NOT NULL
WITH n, m, d ORDER BY d.id
WITH n, m.{value} AS value, toInteger(left(d.published, 4)) AS year, collect(DISTINCT d.id) AS docs
WITH n, collect(CASE WHEN value IS NULL THEN NULL ELSE {value: value, year: year, implied: year - value, docs: docs} END) AS claims
WITH n, claims,
     reduce(low = NULL, c IN claims | CASE WHEN low IS NULL OR c.implied < low THEN c.implied ELSE low END) AS low,
     reduce(high = NULL, c IN claims | CASE WHEN high IS NULL OR c.implied > high THEN c.implied ELSE high END) AS high
WITH n, CASE WHEN high - low > $tolerance
        THEN [c IN claims | $name + $sep + toString(c.value) + ' in ' + toString(c.year) + $sep
              + reduce(s = '', d IN c.docs | s + CASE WHEN s = '' THEN '' ELSE ',' END + d)]
        ELSE [] END AS flagged
WITH n, [c IN coalesce(n.contradictions, []) WHERE NOT c STARTS WITH ($name + $sep)] + flagged AS kept
// in one order, however the store walked the graph: checking again changes nothing
UNWIND CASE WHEN size(kept) = 0 THEN [NULL] ELSE kept END AS entry
WITH n, entry ORDER BY entry
WITH n, collect(entry) AS kept
SET n.contradictions = kept, n.contradicted = size(kept) > 0

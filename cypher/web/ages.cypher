// The ages the reports give the nodes `$ids` (one person's SAME_AS cluster), each on the
// report's own mention, with the report's title and date: what the dossier shows beside the
// names, so that two reports that disagree are seen side by side.
// Run once per label of the nodes asked ({label}, from the ontology): through its index.
UNWIND $ids AS id
MATCH (d:Document)-[m:MENTIONS]->(n:{label} {id: id})
WHERE m.age IS NOT NULL
RETURN DISTINCT m.age AS age, coalesce(d.title, d.path) AS document, d.published AS published, d.url AS url
ORDER BY published, age, document

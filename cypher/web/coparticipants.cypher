// Who took part in the same events as the nodes `$ids` (one entity's SAME_AS cluster), with
// how many events they share: the first circle of associates in a dossier.
// Run once per label of the nodes asked ({label}, from the ontology): through its index.
UNWIND $ids AS id
MATCH (n:{label} {id: id})-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(y)
WHERE NOT y.id IN $ids
RETURN y.id AS id, labels(y)[0] AS label, y.name AS name, count(DISTINCT e) AS shared
ORDER BY shared DESC, id

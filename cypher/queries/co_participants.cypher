// name: co_participants
// Who took part in the same events as an actor (either script), with how many shared events:
// the first circle of associates.
// params: name
// example: name=French police
// normalise: name
// fulltext: name
CALL db.index.fulltext.queryNodes('entity_search', $name_term) YIELD node AS x
WITH x WHERE any(s IN coalesce(x.search, []) WHERE s CONTAINS $name)
MATCH (x)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(y)
WHERE x <> y
RETURN x.name AS actor, y.id AS other_id, y.name AS other, labels(y)[0] AS label,
       count(DISTINCT e) AS shared_events
ORDER BY shared_events DESC, other_id

// name: entity_timeline
// The events an entity (either script, and its SAME_AS twin in the other) took part in, in date order, with its role and the
// sentence that reports each.
// params: name
// example: name=National Crime Agency
// normalise: name
// fulltext: name
CALL db.index.fulltext.queryNodes('entity_search', $name_term) YIELD node AS x
WITH x WHERE any(s IN coalesce(x.search, []) WHERE s CONTAINS $name)
OPTIONAL MATCH (x)-[:SAME_AS*1..3]-(twin)
WITH collect(DISTINCT x) + collect(DISTINCT twin) AS found
UNWIND found AS x
WITH DISTINCT x
MATCH (x)-[r:PARTICIPATED_IN]->(e:Event)
RETURN e.date AS date, e.kind AS kind, r.role AS role, x.name AS name, e.count AS count,
       e.summary AS sentence, e.id AS event
ORDER BY date, event

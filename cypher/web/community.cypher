// The members of one community of the last analysis and the events they took part in, for
// the community's page and timeline.
MATCH (n) WHERE n.community = $community
OPTIONAL MATCH (n)-[:PARTICIPATED_IN]->(e:Event)
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.betweenness AS betweenness,
       n.degree AS degree, e.id AS event, e.kind AS kind, e.date AS date, e.summary AS summary
ORDER BY id, date, event

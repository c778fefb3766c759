// name: community_brokers
// The brokers of a community found by `graph analyse`: members ranked by betweenness (and
// degree where betweenness has not been computed), with their links outside the community.
// params: community
// example: community=0
MATCH (n) WHERE n.community = $community
OPTIONAL MATCH (n)-[]-(e:Event)-[]-(m) WHERE m.community IS NOT NULL AND m.community <> $community
WITH n, count(DISTINCT m) AS outside
RETURN n.id AS id, n.name AS name, coalesce(n.betweenness, 0.0) AS betweenness, outside
ORDER BY betweenness DESC, outside DESC, id

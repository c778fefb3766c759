// name: shortest_path
// The shortest chain of relationships (up to 6) between two actors named in either script,
// ignoring documents: how is A connected to B?
// params: a, b
// example: a=Karwan Saleh, b=channel_taxi_uk
// normalise: a, b
MATCH (x) WHERE NOT x:Document AND any(s IN coalesce(x.search, []) WHERE s CONTAINS $a)
MATCH (y) WHERE NOT y:Document AND any(s IN coalesce(y.search, []) WHERE s CONTAINS $b) AND x <> y
MATCH path = shortestPath((x)-[:PARTICIPATED_IN|CONTROLS|HOSTED_ON|WORKS_FOR|MEMBER_OF|ASSOCIATED_WITH|PAID|RECEIVED|OPERATES|OWNS|SEIZED|LOCATED_IN|SAME_AS*..6]-(y))
RETURN x.id AS from, y.id AS to, length(path) AS hops
ORDER BY hops, from, to

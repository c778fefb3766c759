// name: shortest_path
// The shortest chain of relationships between two actors named in either script, ignoring
// documents, of at most `max_hops` hops (1 to 6; the search itself never goes past 6): how is
// A connected to B? `chain` names each node on the way, from A to B.
// params: a, b, max_hops=6
// example: a=Karwan Saleh, b=channel_taxi_uk, max_hops=6
// normalise: a, b
// fulltext: a, b
// empty: no path of at most {max_hops} hops between '{a}' and '{b}' (or one of them is not in the graph)
CALL db.index.fulltext.queryNodes('entity_search', $a_term) YIELD node AS x
WITH x WHERE NOT x:Document AND any(s IN coalesce(x.search, []) WHERE s CONTAINS $a)
// A name given whole means the actors of that name; the names that merely contain it
// (Karwan Saleh in Mosahi Karwan Saleh) are searched only where no actor has it whole.
WITH collect(x) AS named
UNWIND CASE WHEN any(x IN named WHERE $a IN x.search) THEN [x IN named WHERE $a IN x.search] ELSE named END AS x
CALL db.index.fulltext.queryNodes('entity_search', $b_term) YIELD node AS y
WITH x, y WHERE NOT y:Document AND x <> y AND any(s IN coalesce(y.search, []) WHERE s CONTAINS $b)
WITH x, collect(y) AS named
UNWIND CASE WHEN any(y IN named WHERE $b IN y.search) THEN [y IN named WHERE $b IN y.search] ELSE named END AS y
MATCH path = shortestPath((x)-[:PARTICIPATED_IN|CONTROLS|HOSTED_ON|WORKS_FOR|MEMBER_OF|ASSOCIATED_WITH|PAID|RECEIVED|OPERATES|OWNS|SEIZED|LOCATED_IN|SAME_AS*..6]-(y))
WITH x, y, path WHERE length(path) <= $max_hops
WITH x, y, length(path) AS hops, nodes(path) AS on_way
// the relationship of each step, by its two ends (the first type by name where there are several)
UNWIND range(0, size(on_way) - 2) AS step
WITH x, y, hops, on_way, step, on_way[step] AS a, on_way[step + 1] AS b
MATCH (a)-[r]-(b)
WITH x, y, hops, on_way, step, min(type(r)) AS relation
ORDER BY step
WITH x, y, hops, on_way, collect(relation) AS relations
WITH x, y, hops, [n IN on_way | coalesce(n.name, n.summary, n.id)] AS names, relations
RETURN x.id AS from, y.id AS to, hops,
       reduce(text = head(names), i IN range(1, size(names) - 1) |
              text + ' -[' + relations[i - 1] + ']- ' + names[i]) AS chain
ORDER BY hops, from, to

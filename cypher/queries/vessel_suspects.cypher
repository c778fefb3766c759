// name: vessel_suspects
// People linked to a vessel (by kind or name, either script) within a number of hops (1 to 4)
// through events and relations (not through the reports that name them), nearest first.
// params: vessel, hops=2
// example: vessel=small boat, hops=2
// normalise: vessel
// fulltext: vessel
CALL db.index.fulltext.queryNodes('entity_search', $vessel_term) YIELD node AS v
WITH v WHERE v:Vessel AND any(s IN coalesce(v.search, []) WHERE s CONTAINS $vessel)
WITH collect(v) AS level0
// Breadth first, one hop at a time, each node once per hop: the work grows with the nodes
// reached, not with the paths between them (which never ends around a hub). Each hop is a
// subquery, so the hops before it are not copied onto every row it reads.
CALL { WITH level0 UNWIND level0 AS a MATCH (a)-[:PARTICIPATED_IN|OWNS|OPERATES|SEIZED|ASSOCIATED_WITH|CONTROLS|MEMBER_OF|WORKS_FOR|PAID|RECEIVED|SAME_AS]-(b) RETURN collect(DISTINCT b) AS level1 }
CALL { WITH level1 UNWIND (CASE WHEN $hops >= 2 THEN level1 ELSE [] END) AS a MATCH (a)-[:PARTICIPATED_IN|OWNS|OPERATES|SEIZED|ASSOCIATED_WITH|CONTROLS|MEMBER_OF|WORKS_FOR|PAID|RECEIVED|SAME_AS]-(b) RETURN collect(DISTINCT b) AS level2 }
CALL { WITH level2 UNWIND (CASE WHEN $hops >= 3 THEN level2 ELSE [] END) AS a MATCH (a)-[:PARTICIPATED_IN|OWNS|OPERATES|SEIZED|ASSOCIATED_WITH|CONTROLS|MEMBER_OF|WORKS_FOR|PAID|RECEIVED|SAME_AS]-(b) RETURN collect(DISTINCT b) AS level3 }
CALL { WITH level3 UNWIND (CASE WHEN $hops >= 4 THEN level3 ELSE [] END) AS a MATCH (a)-[:PARTICIPATED_IN|OWNS|OPERATES|SEIZED|ASSOCIATED_WITH|CONTROLS|MEMBER_OF|WORKS_FOR|PAID|RECEIVED|SAME_AS]-(b) RETURN collect(DISTINCT b) AS level4 }
UNWIND [[level1, 1], [level2, 2], [level3, 3], [level4, 4]] AS level
UNWIND level[0] AS p
WITH p, level[1] AS hops
WHERE p:Person
WITH p, min(hops) AS hops
RETURN p.id AS person, p.name AS name, hops
ORDER BY hops, person

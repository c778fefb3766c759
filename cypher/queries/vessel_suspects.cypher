// name: vessel_suspects
// People linked to a vessel (by kind or name, either script) within a number of hops (1 to 4)
// through events and relations, nearest first, with the event that links them.
// params: vessel, hops=2
// example: vessel=small boat, hops=2
// normalise: vessel
// fulltext: vessel
CALL db.index.fulltext.queryNodes('entity_search', $vessel_term) YIELD node AS v
WITH v WHERE v:Vessel AND any(s IN coalesce(v.search, []) WHERE s CONTAINS $vessel)
MATCH path = (v)-[*1..4]-(p:Person)
WHERE length(path) <= $hops
WITH p, min(length(path)) AS hops
RETURN p.id AS person, p.name AS name, hops
ORDER BY hops, person

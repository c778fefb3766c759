// The entities a search finds: those whose normalised name or alias holds all that was given
// (letter variants folded, either script), looked up by one of its words in the full-text
// index, as the named queries look names up; the tool's records are left out by the caller.
// Each comes with the nodes SAME_AS links it to (the same one in the other script), so that
// a search in one script finds the entity under both names.
CALL db.index.fulltext.queryNodes('entity_search', $term) YIELD node AS n
WITH n WHERE NOT n:Document AND any(s IN coalesce(n.search, []) WHERE s CONTAINS $name)
OPTIONAL MATCH (n)-[:SAME_AS*1..3]-(t)
WITH n, collect(DISTINCT t.id) AS twin_ids, collect(DISTINCT t.name) AS twin_names
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.aliases AS aliases,
       n.community AS community, twin_ids, twin_names
ORDER BY label, name, id

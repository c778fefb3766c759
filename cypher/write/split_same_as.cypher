// Undo every SAME_AS link of one node and remember the decision on both ends
// (`distinct_from`), so the resolver does not link them again. Nothing was merged, so no
// provenance is touched.
MATCH (n {id: $id})-[s:SAME_AS]-(m)
WITH n, m, s, m.id AS other
DELETE s
WITH n, m, other
SET n.distinct_from = coalesce(n.distinct_from, []) + [x IN [other] WHERE NOT x IN coalesce(n.distinct_from, [])],
    m.distinct_from = coalesce(m.distinct_from, []) + [x IN [n.id] WHERE NOT x IN coalesce(m.distinct_from, [])]
RETURN other

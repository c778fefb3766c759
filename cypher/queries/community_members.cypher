// name: community_members
// Members of one community found by `graph analyse`, by label, with when they were seen.
// params: community
// example: community=0
MATCH (n)
WHERE n.community = $community
RETURN n.community AS community, labels(n)[0] AS label, n.id AS id, n.name AS name,
       n.first_seen AS first_seen, n.last_seen AS last_seen
ORDER BY label, id

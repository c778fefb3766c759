// name: corroboration
// How well each fact about an actor (named by name or alias, in either script) is supported:
// each of its relationships with the number of reports that state it, the number of
// independent sources among them (a reprint of a story, or a second story from the same
// publisher, counts once) and its first and last date of report; best supported first.
// `min_independent` keeps only facts held by at least that many independent sources.
// params: name, min_independent=1
// example: name=channel_taxi_uk, min_independent=1
// normalise: name
// fulltext: name
// empty: no fact about '{name}' held by {min_independent} or more independent sources
CALL db.index.fulltext.queryNodes('entity_search', $name_term) YIELD node AS x
WITH x WHERE NOT x:Document AND any(s IN coalesce(x.search, []) WHERE s CONTAINS $name)
MATCH (x)-[r]-(y)
WHERE r.independent_support >= $min_independent
RETURN coalesce(x.name, x.id) AS actor, type(r) AS relation, coalesce(y.name, y.kind, y.id) AS other,
       r.support AS reports, r.independent_support AS independent,
       r.first_seen AS first_reported, r.last_seen AS last_reported, y.id AS other_id
ORDER BY independent DESC, reports DESC, actor, relation, other, other_id, first_reported

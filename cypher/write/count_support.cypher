// Corroboration of events. Reports of one event each make their own Event node; events of one
// kind on the same day with the same subject or target (a person, an account, a vessel, named in
// either script: SAME_AS is followed) tell one event. Each event gets `support`, the number of
// reports that mention it or an event that tells the same, and `independent_support`, the
// number of their origins (a publisher, or the report a reprint repeats:
// graph.resolve.reprints). Counted for the events of each batch and for the events told with
// them (whose counts a new report changes), each from its own group only, so the counts depend
// on the graph alone, never on the order reports came in; counted again after people are linked
// across scripts, so re-running changes nothing.
UNWIND $ids AS id
MATCH (e:Event {id: id})
// the events told with e: theirs are the counts a new report of e changes
OPTIONAL MATCH (e)<-[r1:PARTICIPATED_IN]-(p)-[:SAME_AS*0..1]-(q)
WHERE size(coalesce(e.date, '')) = 10 AND r1.role IN $roles AND coalesce(p.unnamed, false) = false
WITH e, collect(DISTINCT q) AS told
// the events of that day and kind (through the index on date, not through a participant's
// every event: a person named in thousands of reports), told about one of them
OPTIONAL MATCH (o:Event {date: e.date})
WHERE size(told) > 0 AND o.kind = e.kind AND o <> e
OPTIONAL MATCH (o)<-[r2:PARTICIPATED_IN]-(x)
WHERE r2.role IN $roles AND x IN told
WITH e, collect(DISTINCT CASE WHEN x IS NULL THEN NULL ELSE o END) AS others
UNWIND [e] + others AS g
WITH DISTINCT g
// each of them counted from its own group, as e was found
OPTIONAL MATCH (g)<-[s1:PARTICIPATED_IN]-(gp)-[:SAME_AS*0..1]-(gq)
WHERE size(coalesce(g.date, '')) = 10 AND s1.role IN $roles AND coalesce(gp.unnamed, false) = false
WITH g, collect(DISTINCT gq) AS gtold
OPTIONAL MATCH (h:Event {date: g.date})
WHERE size(gtold) > 0 AND h.kind = g.kind AND h <> g
OPTIONAL MATCH (h)<-[s2:PARTICIPATED_IN]-(y)
WHERE s2.role IN $roles AND y IN gtold
WITH g, collect(DISTINCT CASE WHEN y IS NULL THEN NULL ELSE h END) AS same
UNWIND [g] + same AS k
OPTIONAL MATCH (d:Document)-[:MENTIONS]->(k)
WITH g, collect(DISTINCT d.id) AS reports, collect(DISTINCT coalesce(d.origin, 'document:' + d.id)) AS origins
SET g.support = size(reports), g.independent_support = size(origins)

// Corroboration of events. Reports of one event each make their own Event node; events of one
// kind on the same day with the same subject or target (a person, an account, a vessel, named in
// either script: SAME_AS is followed) are one event told by several reports. Every event of such
// a group gets `support`, the number of reports that mention any of them, and
// `independent_support`, the number of their origins (a publisher, or the report a reprint
// repeats: graph.resolve.reprints). Recounted for the events of each batch, and after people are
// linked across scripts, so re-running changes nothing.
UNWIND $ids AS id
MATCH (e:Event {id: id})
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
WITH [e] + others AS group
UNWIND group AS g
OPTIONAL MATCH (d:Document)-[:MENTIONS]->(g)
WITH group, collect(DISTINCT d.id) AS reports, collect(DISTINCT coalesce(d.origin, 'document:' + d.id)) AS origins
UNWIND group AS g
SET g.support = size(reports), g.independent_support = size(origins)

// Corroboration of events: `support` is the number of reports that mention the event,
// `independent_support` the number of their origins (a publisher, or the report a reprint
// repeats: graph.resolve.reprints). Recounted from the MENTIONS relationships for the events
// of each batch, after its writes, so re-running changes nothing.
UNWIND $ids AS id
MATCH (e:Event {id: id})
OPTIONAL MATCH (d:Document)-[:MENTIONS]->(e)
WITH e, collect(DISTINCT d.id) AS reports, collect(DISTINCT coalesce(d.origin, 'document:' + d.id)) AS origins
SET e.support = size(reports), e.independent_support = size(origins)

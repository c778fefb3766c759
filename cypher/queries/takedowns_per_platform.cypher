// name: takedowns_per_platform
// Takedowns of posts, pages and accounts per platform and month, with the counts reported.
// params:
// example:
MATCH (p:Platform)-[:PARTICIPATED_IN]->(e:Event {kind: 'takedown'})
RETURN p.name AS platform, left(coalesce(e.date, ''), 7) AS month, count(DISTINCT e) AS takedowns,
       sum(coalesce(e.count, 0)) AS items_reported
ORDER BY platform, month

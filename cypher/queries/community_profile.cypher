// name: community_profile
// What a community found by `graph analyse` holds: its size, the platforms its accounts are
// on, its vessels, and the money its members paid and received (per currency), first and
// last seen (the dates of the reports and events behind its members; empty where none says when).
// params: community
// example: community=0
MATCH (n) WHERE n.community = $community
OPTIONAL MATCH (n)-[:HOSTED_ON]->(p:Platform)
WITH collect(DISTINCT n) AS members, collect(DISTINCT p.name) AS platforms
UNWIND members AS m
OPTIONAL MATCH (m)-[:PAID]->(out:Payment)
OPTIONAL MATCH (in:Payment)-[:RECEIVED]->(m)
WITH members, platforms, collect(DISTINCT out) AS paid, collect(DISTINCT in) AS received
WITH members, platforms, paid, received,
     reduce(first = '9999', m IN members | CASE WHEN m.first_seen < first THEN m.first_seen ELSE first END) AS first,
     reduce(last = '0000', m IN members | CASE WHEN m.last_seen > last THEN m.last_seen ELSE last END) AS last
RETURN size(members) AS size,
       platforms,
       size([m IN members WHERE m:Vessel]) AS vessels,
       [x IN paid | {amount: x.amount, currency: x.currency}] AS money_out,
       [x IN received | {amount: x.amount, currency: x.currency}] AS money_in,
       CASE WHEN first = '9999' THEN null ELSE first END AS first_seen,
       CASE WHEN last = '0000' THEN null ELSE last END AS last_seen

// The whole network of actors (people, organisations, accounts, platforms, vessels): every
// relationship between two of them, with its dates, for the network page's first view.
MATCH (a)-[r]->(b)
WHERE (a:Person OR a:Organisation OR a:Account OR a:Vessel OR a:Platform)
  AND (b:Person OR b:Organisation OR b:Account OR b:Vessel OR b:Platform)
RETURN a.id AS source_id, labels(a)[0] AS source_label, a.name AS source_name,
       a.community AS source_community, b.id AS id, labels(b)[0] AS label, b.name AS name,
       b.community AS community, type(r) AS type, true AS outgoing, r.first_seen AS first_seen,
       r.last_seen AS last_seen, r.support AS support
ORDER BY source_id, type, id

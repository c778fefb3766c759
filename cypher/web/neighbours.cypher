// The network around the nodes `$ids`: their neighbours (things found in the reports, not the
// tool's records) and the relationships to them, each with its first and last date of report.
// Run once per label of the nodes asked ({label}, from the ontology): through its index.
UNWIND $ids AS id
MATCH (n:{label} {id: id})-[r]-(m)
WHERE NOT m:Document AND NOT m:Run AND NOT m:Alert AND NOT m:Judgement AND NOT m:Watch
RETURN n.id AS source_id, labels(n)[0] AS source_label, coalesce(n.name, n.summary, n.id) AS source_name,
       n.community AS source_community, m.id AS id, labels(m)[0] AS label,
       coalesce(m.name, m.summary, m.id) AS name, m.community AS community, type(r) AS type,
       startNode(r) = n AS outgoing, r.first_seen AS first_seen, r.last_seen AS last_seen,
       r.support AS support
ORDER BY source_id, type, id

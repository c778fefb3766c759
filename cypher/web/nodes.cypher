// The nodes `$ids` as the network page draws them (a node may have no neighbours).
// Run once per label of the nodes asked ({label}, from the ontology): through its index.
UNWIND $ids AS id
MATCH (n:{label} {id: id})
RETURN n.id AS id, labels(n)[0] AS label, coalesce(n.name, n.summary, n.id) AS name, n.community AS community

// One entity as a person means it: the node and every node linked to it by SAME_AS (the same
// person named in the other script, up to three links away), each with its properties.
MATCH (n:{label} {id: $id})
OPTIONAL MATCH (n)-[:SAME_AS*1..3]-(twin)
WITH n, collect(DISTINCT twin) AS twins
UNWIND [n] + twins AS m
WITH DISTINCT m
RETURN m.id AS id, labels(m)[0] AS label, m AS props
ORDER BY id

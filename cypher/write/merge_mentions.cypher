// Merge a batch of MENTIONS: each is one mention (`key`: its offset) in the document it starts
// from, so its provenance is set once, when it is created, and nothing accumulates on it.
// {type}, {source} and {target} come only from the ontology, checked before this runs.
UNWIND $rows AS row
MATCH (a:{source} {id: row.source})
MATCH (b:{target} {id: row.target})
MERGE (a)-[r:{type} {key: row.key}]->(b)
ON CREATE SET r += row.create_props
SET r += row.props

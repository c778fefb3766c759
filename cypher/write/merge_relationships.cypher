// Merge a batch of relationships of one type between two labels.
// {type}, {source} and {target} come only from the ontology, checked before this runs.
// `key` tells parallel relationships apart (a role, a mention's offset); the rest mirrors nodes.
UNWIND $rows AS row
MATCH (a:{source} {id: row.source})
MATCH (b:{target} {id: row.target})
MERGE (a)-[r:{type} {key: row.key}]->(b)
ON CREATE SET r += row.create_props
SET r += row.props
// Corroboration, before the lists it counts are extended (both engines then read them as they were):
// `support` is the number of reports stating it, `independent_support` of their origins (a
// publisher, or the report a reprint repeats: graph.resolve.reprints).
SET r.support = size(coalesce(r.doc_ids, []) + [d IN row.doc_ids WHERE NOT d IN coalesce(r.doc_ids, [])])
SET r.independent_support = size(coalesce(r.origins, []) + [o IN row.origins WHERE NOT o IN coalesce(r.origins, [])])
SET r.sources = coalesce(r.sources, []) + [s IN row.sources WHERE NOT s IN coalesce(r.sources, [])]
SET r.doc_ids = coalesce(r.doc_ids, []) + [d IN row.doc_ids WHERE NOT d IN coalesce(r.doc_ids, [])]
SET r.origins = coalesce(r.origins, []) + [o IN row.origins WHERE NOT o IN coalesce(r.origins, [])]
SET r.confidence = CASE WHEN r.confidence IS NULL OR row.confidence > r.confidence THEN row.confidence ELSE r.confidence END
SET r.first_seen = CASE WHEN r.first_seen IS NULL OR row.first_seen < r.first_seen THEN row.first_seen ELSE r.first_seen END
SET r.last_seen = CASE WHEN r.last_seen IS NULL OR row.last_seen > r.last_seen THEN row.last_seen ELSE r.last_seen END

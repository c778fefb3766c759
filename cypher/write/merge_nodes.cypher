// Merge a batch of nodes of one label on their stable id.
// {label} is filled only with a label the ontology defines; every value is a parameter.
// `search` holds the normalised name and aliases (letter variants folded) for lookups;
// `search_text` their words, space-separated, for the full-text index `entity_search`.
// Provenance: the first source is kept in scalar fields, and confidence, first_seen and
// last_seen summarise every source (each a bounded value), so re-running changes nothing. The
// node keeps no list of its sources: each mention is a MENTIONS relationship from its document.
UNWIND $rows AS row
MERGE (n:{label} {id: row.id})
ON CREATE SET n += row.create_props
SET n += row.props
SET n.aliases = coalesce(n.aliases, []) + [a IN row.aliases WHERE NOT a IN coalesce(n.aliases, [])]
SET n.search = coalesce(n.search, []) + [a IN row.search WHERE NOT a IN coalesce(n.search, [])]
// search_text before search_words, from the same merged list: FalkorDB's later SET clauses
// of a MERGE read a property as it was before the statement, Neo4j's as the earlier SET left it.
SET n.search_text = reduce(text = '', w IN coalesce(n.search_words, []) + [w IN row.search_words WHERE NOT w IN coalesce(n.search_words, [])] | text + ' ' + w)
SET n.search_words = coalesce(n.search_words, []) + [w IN row.search_words WHERE NOT w IN coalesce(n.search_words, [])]
SET n.confidence = CASE WHEN n.confidence IS NULL OR row.confidence > n.confidence THEN row.confidence ELSE n.confidence END
SET n.first_seen = CASE WHEN n.first_seen IS NULL OR row.first_seen < n.first_seen THEN row.first_seen ELSE n.first_seen END
SET n.last_seen = CASE WHEN n.last_seen IS NULL OR row.last_seen > n.last_seen THEN row.last_seen ELSE n.last_seen END

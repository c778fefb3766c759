// Write analysis results back onto nodes of one label: `props` holds only analysis fields.
UNWIND $rows AS row
MATCH (n:{label} {id: row.id})
SET n += row.props

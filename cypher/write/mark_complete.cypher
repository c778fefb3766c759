// The ETL's checkpoint: a Document is complete once everything read from it is committed.
// Runs after (on Neo4j: in the same transaction as) the batch's writes.
UNWIND $ids AS id
MATCH (d:Document {id: id})
SET d.complete = true

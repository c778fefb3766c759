// A report is settled once people are linked across scripts, the support of its events is
// counted again, its single-valued facts are compared and the watch list is checked against it
// (graph.etl.settle). A run settles what an interrupted one wrote and never settled.
UNWIND $ids AS id
MATCH (d:Document {id: id})
SET d.settled = true

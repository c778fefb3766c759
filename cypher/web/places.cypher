// The places the graph holds, each with the events that happened there: an event LOCATED_IN
// it, or told in a sentence that names it (the same document's MENTIONS of both, in the same
// sentence), and how many other things are placed there.
MATCH (l:Location)
OPTIONAL MATCH (d:Document)-[m:MENTIONS]->(l)
OPTIONAL MATCH (d)-[me:MENTIONS]->(told:Event) WHERE me.sentence_no = m.sentence_no
OPTIONAL MATCH (located:Event)-[:LOCATED_IN]->(l)
WITH l, collect(DISTINCT told) + collect(DISTINCT located) AS events
OPTIONAL MATCH (x)-[:LOCATED_IN]->(l) WHERE NOT x:Event
RETURN l.id AS id, l.name AS name, l.kind AS kind, count(DISTINCT x) AS placed,
       [e IN events | {id: e.id, kind: e.kind, date: e.date, summary: e.summary}] AS events
ORDER BY id

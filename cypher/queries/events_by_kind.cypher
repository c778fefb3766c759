// name: events_by_kind
// Events of one kind (arrest, charge, court_hearing, conviction, takedown, seizure, crossing,
// advertisement, payment, partnership) between two dates, compared at the precision given
// ('2024', '2024-05' or '2024-05-17'), with their participants, the supporting sentence and its document.
// params: kind, from=0000, to=9999
// allowed: kind=Event.kind
// dates: from, to
// example: kind=arrest, from=2024, to=2024-12
MATCH (e:Event)
WHERE e.kind = $kind AND e.date IS NOT NULL
  AND left(e.date, size(toString($from))) >= toString($from)
  AND left(e.date, size(toString($to))) <= toString($to)
OPTIONAL MATCH (p)-[r:PARTICIPATED_IN]->(e)
WITH e, p, r ORDER BY p.id
WITH e, collect(DISTINCT p.name) AS participants
OPTIONAL MATCH (d:Document {id: e.doc_id})
RETURN e.id AS event, e.date AS date, e.date_precision AS precision, e.count AS count,
       participants, e.summary AS sentence, coalesce(d.title, d.path) AS document, e.doc_id AS doc_id
ORDER BY date, event

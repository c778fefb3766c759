// Flag the actors of one label whose reports ask prices for each person (a crossing's fare: a
// Payment whose {asked} is true, RECEIVED by the actor or by its twin in the other script) that
// cannot all be true. Each report's prices in one currency are one claim (its ranges as written,
// "between £1,500 and £3,500" one range); two claims of reports at most $years apart, in one
// currency, contradict where no range of one comes within $tolerance (a share) of a range of
// the other. One report's two prices (a seat and a "guaranteed" crossing) never contradict each
// other, and prices in two currencies are not compared (no rate of exchange is assumed).
// `contradictions` keeps one entry per claim contradicted ("fact<TAB>GBP 1500–3500 in
// 2024<TAB>doc"), entries of other facts kept. {label} and {asked} (a Payment property) come
// from the ontology, checked before this runs.
UNWIND $ids AS id
MATCH (n:{label} {id: id})
OPTIONAL MATCH (n)-[:SAME_AS*0..1]-(asker)<-[:RECEIVED]-(p:Payment)<-[:MENTIONS]-(d:Document)
WHERE p.{asked} = true AND p.amount IS NOT NULL AND p.currency IS NOT NULL AND d.published IS NOT NULL
WITH n, d, p ORDER BY coalesce(p.amount_min, p.amount), coalesce(p.amount_max, p.amount)
WITH n, d.id AS doc, toInteger(left(d.published, 4)) AS year, p.currency AS currency,
     collect(DISTINCT [coalesce(p.amount_min, p.amount), coalesce(p.amount_max, p.amount)]) AS ranges
WITH n, collect(CASE WHEN doc IS NULL THEN NULL
                ELSE {doc: doc, year: year, currency: currency, ranges: ranges} END) AS claims
WITH n, [a IN claims WHERE any(b IN claims WHERE b.doc <> a.doc AND b.currency = a.currency
           AND abs(b.year - a.year) <= $years
           AND none(x IN a.ranges WHERE any(y IN b.ranges
                 WHERE x[0] <= y[1] * (1 + $tolerance) AND y[0] <= x[1] * (1 + $tolerance))))] AS disputed
WITH n, [a IN disputed | $name + $sep + a.currency + ' '
         + reduce(s = '', x IN a.ranges | s + CASE WHEN s = '' THEN '' ELSE ' or ' END + toString(toInteger(x[0]))
                  + CASE WHEN x[1] > x[0] THEN '–' + toString(toInteger(x[1])) ELSE '' END)
         + ' in ' + toString(a.year) + $sep + a.doc] AS flagged
WITH n, [c IN coalesce(n.contradictions, []) WHERE NOT c STARTS WITH ($name + $sep)] + flagged AS kept
// in one order, however the store walked the graph: checking again changes nothing
UNWIND CASE WHEN size(kept) = 0 THEN [NULL] ELSE kept END AS entry
WITH n, entry ORDER BY entry
WITH n, collect(entry) AS kept
SET n.contradictions = kept, n.contradicted = size(kept) > 0

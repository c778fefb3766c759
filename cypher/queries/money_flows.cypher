// name: money_flows
// Payments made or received by an actor (either script, and the same actor in the other
// script through SAME_AS) and where the money went, one hop of payer -> payment -> payee,
// with the totals per currency and method.
// params: name
// example: name=Himen Aziz
// normalise: name
// fulltext: name
CALL db.index.fulltext.queryNodes('entity_search', $name_term) YIELD node AS x
WITH x WHERE any(s IN coalesce(x.search, []) WHERE s CONTAINS $name)
OPTIONAL MATCH (x)-[:SAME_AS*1..3]-(twin)
WITH collect(DISTINCT x) + collect(DISTINCT twin) AS actors
UNWIND actors AS actor
MATCH (actor)-[:PAID|RECEIVED]-(pay:Payment)
WITH DISTINCT pay
MATCH (payer)-[:PAID]->(pay)-[:RECEIVED]->(payee)
RETURN payer.name AS payer, payee.name AS payee, pay.currency AS currency, pay.method AS method,
       count(pay) AS payments, sum(pay.amount) AS total
ORDER BY payer, payee, currency, method

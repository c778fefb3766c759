// name: money_flows
// Payments made or received by an actor (either script) and where the money went, one hop
// of payer -> payment -> payee, with the totals per currency and method.
// params: name
// example: name=Himen Aziz
// normalise: name
MATCH (x) WHERE any(s IN coalesce(x.search, []) WHERE s CONTAINS $name)
MATCH (payer)-[:PAID]->(pay:Payment)-[:RECEIVED]->(payee)
WHERE payer = x OR payee = x
RETURN payer.name AS payer, payee.name AS payee, pay.currency AS currency, pay.method AS method,
       count(pay) AS payments, sum(pay.amount) AS total
ORDER BY payer, payee, currency, method

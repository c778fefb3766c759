// name: payments
// Every payment read from the reports, largest first, with its method, date and sentence.
// params: currency=null
// example: currency=null
MATCH (p:Payment)
WHERE $currency IS NULL OR p.currency = $currency
RETURN p.id AS payment, p.amount AS amount, p.currency AS currency, p.method AS method,
       p.date AS date, p.sentence AS sentence
ORDER BY amount DESC, payment

// name: payments
// Every payment read from the reports, largest first, with its method, date and sentence.
// params: currency=null
// example: currency=null
MATCH (p:Payment)
WHERE $currency IS NULL OR p.currency = $currency
OPTIONAL MATCH (d:Document {id: p.doc_id})
RETURN p.id AS payment, p.amount AS amount, p.currency AS currency, p.method AS method,
       p.date AS date, coalesce(p.sentence, d.sentences[p.sentence_no]) AS sentence
ORDER BY amount DESC, payment

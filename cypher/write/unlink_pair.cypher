// Delete the SAME_AS links between two people (only those of `$method` where given): a
// person's judgement that they are not one, or the undoing of their judgement that they are.
MATCH (a:Person {id: $a})-[s:SAME_AS]-(b:Person {id: $b})
WHERE $method IS NULL OR s.method = $method
DELETE s

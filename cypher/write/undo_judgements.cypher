// Mark judgements undone (by id), so they no longer hold; the record of them stays.
UNWIND $ids AS id
MATCH (j:Judgement {id: id})
WHERE j.undone_at IS NULL
SET j.undone_at = $at, j.undone_by = $analyst

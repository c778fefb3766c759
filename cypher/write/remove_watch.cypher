// Take one entry off the watch list. Its alerts stay (each keeps the watched kind and value it
// was raised for): what the tool told an investigator is part of the record.
MATCH (w:Watch {id: $id})
DETACH DELETE w

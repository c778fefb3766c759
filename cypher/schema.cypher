// Schema in Neo4j 5 syntax, applied idempotently on connect. The embedded store gets the
// equivalent through graph.store.dialect, which rewrites these statements by rule.
// One uniqueness constraint per ontology label's id is added by the code from the ontology;
// the statements below are the investigator indexes.
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX organisation_name IF NOT EXISTS FOR (n:Organisation) ON (n.name);
CREATE INDEX platform_name IF NOT EXISTS FOR (n:Platform) ON (n.name);
CREATE INDEX location_name IF NOT EXISTS FOR (n:Location) ON (n.name);
CREATE INDEX account_handle IF NOT EXISTS FOR (n:Account) ON (n.handle);
CREATE INDEX event_kind IF NOT EXISTS FOR (n:Event) ON (n.kind);
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE INDEX document_published IF NOT EXISTS FOR (n:Document) ON (n.published);
// Full-text search over names and aliases in both scripts (the standard analyser splits
// Arabic and Latin words alike; the `search` property serves exact-substring lookups).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Person|Organisation|Platform|Account|Location|Vessel) ON EACH [n.name, n.aliases] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
// The lookup of the named queries: the words of every normalised name and alias (letter
// variants folded; `search_text`, written by merge_nodes), for every label that has a name.
// The words are split by the tool itself, so the whitespace analyser keeps them as they are.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Person|Organisation|Platform|Account|Location|Vessel|Equipment|Payment|Event) ON EACH [n.search_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};

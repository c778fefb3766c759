// name: accounts_per_platform
// Accounts per platform (all platforms, or the one named), who controls them and how many
// documents mention them.
// params: platform=null
// example: platform=TikTok
MATCH (a:Account)-[:HOSTED_ON]->(p:Platform)
WHERE $platform IS NULL OR toLower(p.name) = toLower($platform)
OPTIONAL MATCH (c)-[:CONTROLS]->(a)
WITH p, a, collect(DISTINCT c.name) AS controlled_by
OPTIONAL MATCH (d:Document)-[:MENTIONS]->(a)
WITH p, a, controlled_by, collect(DISTINCT d.id) AS mentioned
RETURN p.name AS platform, a.id AS account, a.handle AS handle, a.url AS url,
       a.status AS status, controlled_by,
       size(CASE WHEN a.doc_id IS NULL OR a.doc_id IN mentioned THEN mentioned ELSE mentioned + a.doc_id END) AS documents
ORDER BY platform, account

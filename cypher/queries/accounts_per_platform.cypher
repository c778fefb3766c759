// name: accounts_per_platform
// Accounts per platform (all platforms, or the one named), who controls them and how many
// documents mention them.
// params: platform=null
// example: platform=TikTok
MATCH (a:Account)-[:HOSTED_ON]->(p:Platform)
WHERE $platform IS NULL OR toLower(p.name) = toLower($platform)
OPTIONAL MATCH (c)-[:CONTROLS]->(a)
RETURN p.name AS platform, a.id AS account, a.handle AS handle, a.url AS url,
       a.status AS status, collect(DISTINCT c.name) AS controlled_by,
       size(a.doc_ids) AS documents
ORDER BY platform, account

"""`graph serve`: the investigator's workbench, a local web application over either store.

Search, entity dossiers (a SAME_AS cluster as one), the network, a map, timelines and a query
page, server-rendered with Jinja2's autoescaping; it only reads the graph (every statement goes
through the store's read-only plan check and read mode), and it asks for a token when bound to
another address than this machine's."""

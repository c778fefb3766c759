"""A small Cypher tokenizer for what FalkorDB's plan leaves unnamed: which procedures and
functions a query calls (its plan says only `ProcedureCall`) and the order of the columns it
returns (wrapped in `CALL {…} RETURN *` to be limited on the server, the columns come back
sorted). It never decides what a query may do: the store's plan does (store/plan.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Comments, strings (backslash escapes) and backticked names, as FalkorDB's parser reads them;
# then words, numbers and single punctuation characters. An unterminated string or comment
# runs to the end of the text.
TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))"
    r"|(?P<string>'(?:\\.|[^'\\])*(?:'|\Z)|\"(?:\\.|[^\"\\])*(?:\"|\Z))"
    r"|(?P<quoted>`[^`]*(?:`|\Z))"
    r"|(?P<word>[^\W\d]\w*)"
    r"|(?P<number>\d[\w.]*)"
    r"|(?P<punct>.)",
    re.DOTALL,
)
OPEN, CLOSE = "([{", ")]}"
CLAUSE_END = {"ORDER", "SKIP", "LIMIT", "UNION"}


@dataclass(frozen=True)
class Token:
    kind: str  # word, quoted (a backticked name), string, number, punct
    text: str
    start: int
    end: int
    depth: int  # brackets of any kind open around it

    @property
    def name(self) -> str:
        """The name a word or backticked token stands for."""
        return self.text.strip("`") if self.kind == "quoted" else self.text

    def keyword(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


def tokens(query: str) -> list[Token]:
    """The significant tokens of `query` (no spaces, no comments), each with its bracket depth."""
    out: list[Token] = []
    depth = 0
    for match in TOKEN.finditer(query):
        kind = match.lastgroup or "punct"
        if kind in ("space", "comment"):
            continue
        text = match.group()
        if text in CLOSE:
            depth = max(depth - 1, 0)
        out.append(Token(kind, text, match.start(), match.end(), depth))
        if text in OPEN:
            depth += 1
    return out


def _dotted_name(toks: list[Token], i: int) -> tuple[str, int]:
    """The dotted name starting at `toks[i]` (`db.labels`, `` `db`.`labels` ``) and the index after it."""
    parts: list[str] = []
    while i < len(toks) and toks[i].kind in ("word", "quoted"):
        parts.append(toks[i].name)
        if i + 2 < len(toks) and toks[i + 1].text == "." and toks[i + 2].kind in ("word", "quoted"):
            i += 2
            continue
        i += 1
        break
    return ".".join(parts), i


def procedure_calls(query: str) -> list[str]:
    """The procedures `query` calls, in order: `CALL name(` but not a `CALL {…}` subquery.

    >>> procedure_calls("// it's\\nCALL db.labels() YIELD label CALL { RETURN 1 AS x } RETURN label")
    ['db.labels']
    """
    toks = tokens(query)
    out = []
    for i, tok in enumerate(toks[:-1]):
        if tok.keyword("CALL") and toks[i + 1].kind in ("word", "quoted"):
            name, _ = _dotted_name(toks, i + 1)
            out.append(name)
    return out


def function_calls(query: str) -> list[str]:
    """The namespaced functions `query` calls (`lib.fn(…)`), not counting procedure calls.

    >>> function_calls("RETURN mylib.hello(1) AS x, toUpper('a.b(') AS y")
    ['mylib.hello']
    """
    toks = tokens(query)
    out = []
    i = 0
    while i < len(toks):
        if toks[i].kind in ("word", "quoted") and not (i and toks[i - 1].text == "."):
            name, after = _dotted_name(toks, i)
            called = after < len(toks) and toks[after].text == "("
            if called and "." in name and not (i and toks[i - 1].keyword("CALL")):
                out.append(name)
            i = max(after, i + 1)
        else:
            i += 1
    return out


def return_columns(query: str) -> list[str] | None:
    """The column names of the last top-level RETURN, as FalkorDB names them (the alias, or the
    expression as written), or None when the query has no RETURN at the top level.

    >>> return_columns("MATCH (n) RETURN DISTINCT n.name AS z, count( n ), n.id ORDER BY z")
    ['z', 'count( n )', 'n.id']
    """
    toks = tokens(query)
    starts = [i for i, t in enumerate(toks) if t.depth == 0 and t.keyword("RETURN")]
    if not starts:
        return None
    i = starts[-1] + 1
    if i < len(toks) and toks[i].keyword("DISTINCT"):
        i += 1
    items: list[list[Token]] = [[]]
    for tok in toks[i:]:
        if tok.depth == 0 and (tok.keyword(*CLAUSE_END) or tok.text == ";"):
            break
        if tok.depth == 0 and tok.text == ",":
            items.append([])
        else:
            items[-1].append(tok)
    columns = []
    for item in items:
        if not item:
            return None
        if len(item) >= 3 and item[-2].keyword("AS") and item[-1].kind in ("word", "quoted"):
            columns.append(item[-1].name)
        else:
            columns.append(query[item[0].start : item[-1].end])
    return columns


@dataclass(frozen=True)
class SchemaNames:
    """The labels, relationship types and property keys a query names."""

    labels: frozenset[str]
    types: frozenset[str]
    properties: frozenset[str]


def schema_names(query: str) -> SchemaNames:
    """The labels (`:Label` in a node pattern), relationship types (`:TYPE|OTHER` in a
    relationship pattern) and property keys (`n.key`, `{key: …}` in a pattern) that `query`
    names: what a warning about names the graph never held is checked on.

    >>> names = schema_names("MATCH (p:Person:Suspect {name: $n})-[:WORKS_FOR|MEMBER_OF]->(o) "
    ...                      "WHERE o.kind = 'x' RETURN p.name, {a: 1} AS m, [x IN [1] | x] AS l")
    >>> schema_names("CALL db.index.fulltext.queryNodes('s', $t) YIELD node RETURN node.id").properties
    frozenset({'id'})
    >>> sorted(names.labels), sorted(names.types), sorted(names.properties)
    (['Person', 'Suspect'], ['MEMBER_OF', 'WORKS_FOR'], ['kind', 'name'])
    """
    labels: set[str] = set()
    types: set[str] = set()
    properties: set[str] = set()
    toks = tokens(query)
    stack: list[str] = []
    for i, tok in enumerate(toks):
        if tok.text in OPEN and tok.kind == "punct":
            stack.append(tok.text)
            continue
        if tok.text in CLOSE and tok.kind == "punct":
            if stack:
                stack.pop()
            continue
        following = toks[i + 1] if i + 1 < len(toks) else None
        named = following is not None and following.kind in ("word", "quoted")
        if tok.text == ":" and named and stack and stack[-1] == "(":
            labels.add(following.name)
        elif tok.text in (":", "|") and named and stack and stack[-1] == "[" and in_relationship(toks, i):
            types.add(following.name)
        elif tok.text == "." and named and i > 0 and toks[i - 1].kind in ("word", "quoted") and not (
            calls_at_end(toks, i)
        ):
            properties.add(following.name)
        elif tok.kind in ("word", "quoted") and following is not None and following.text == ":" and (
            len(stack) > 1 and stack[-1] == "{" and (stack[-2] == "(" or in_relationship(toks, i - 1))
        ):
            properties.add(tok.name)
    return SchemaNames(frozenset(labels), frozenset(types), frozenset(properties))


def calls_at_end(toks: list[Token], i: int) -> bool:
    """Whether the dotted name through the `.` at `toks[i]` is called (`db.index.x(`), so that
    its parts are a procedure's or a function's name, not properties."""
    j = i
    while j + 1 < len(toks) and toks[j].text == "." and toks[j + 1].kind in ("word", "quoted"):
        j += 2
    return j < len(toks) and toks[j].text == "("


def in_relationship(toks: list[Token], i: int) -> bool:
    """Whether the `[` that holds `toks[i]` opens a relationship pattern (`-[`), not a list."""
    depth = 0
    for j in range(i - 1, -1, -1):
        text = toks[j].text
        if text in CLOSE:
            depth += 1
        elif text in OPEN:
            if depth == 0:
                return text == "[" and j > 0 and toks[j - 1].text in ("-", "<")
            depth -= 1
    return False

"""The store's errors, in a module of their own so that the interface, the plan check and both
stores share them without importing each other."""

from __future__ import annotations

import re

# Where a server says a syntax error is. FalkorDB: "errMsg: … line: 1, column: 21, offset: 20
# errCtx: THE LINE errCtxOffset: 20"; Neo4j: "… (line 1, column 21 (offset: 20))".
FALKORDB_SYNTAX = re.compile(
    r"errMsg: (?P<message>.*?) line: (?P<line>\d+), column: (?P<column>\d+), offset: \d+"
    r"(?: errCtx: (?P<context>.*) errCtxOffset: (?P<offset>\d+))?",
    re.DOTALL,
)
NEO4J_SYNTAX = re.compile(
    r"(?P<message>[^\n]*?)\s*\(line (?P<line>\d+), column (?P<column>\d+) \(offset: \d+\)\)"
)


class StoreError(RuntimeError):
    """The store could not be reached or refused an operation."""


class ReadOnlyError(StoreError):
    """An investigator query whose plan does more than read the graph."""


class QueryTimeout(StoreError):
    """A query ran past its time limit and was stopped."""

    def __init__(self, timeout_s: float, detail: str = "") -> None:
        self.timeout_s = timeout_s
        super().__init__(
            f"query timed out after {timeout_s:g} s and was stopped"
            + (f" ({detail})" if detail else "")
            + "; narrow it down, or give more time with --timeout"
        )


class CypherSyntaxError(StoreError):
    """A query the server cannot parse: the reason on one line, then the line of the query at
    fault with a caret under the place.

    >>> print(CypherSyntaxError("Invalid input 'R': expected RETURN", 1, 11, "MATCH (n) RETRN n"))
    Cypher syntax error at line 1, column 11: Invalid input 'R': expected RETURN
      MATCH (n) RETRN n
                ^
    """

    def __init__(self, message: str, line: int, column: int, context: str) -> None:
        self.line, self.column = line, column
        super().__init__(
            f"Cypher syntax error at line {line}, column {column}: {' '.join(message.split())}\n"
            f"  {context}\n  {' ' * (column - 1)}^"
        )


def syntax_error(server_message: str, query: str, prefix: str = "") -> CypherSyntaxError | None:
    """The syntax error a server's message reports, placed in `query` (what the person wrote;
    `prefix` is what was put before its first line when it was sent, such as "EXPLAIN "), or
    None when the message is no syntax error. FalkorDB quotes the line it read (with the
    parameters it was sent before it), which is found again in the query.

    >>> print(syntax_error("errMsg: Invalid input 'R': expected RETURN line: 1, column: 27, offset: 26 "
    ...                    "errCtx: CYPHER name='x' MATCH (n) RETRN n errCtxOffset: 26", "MATCH (n) RETRN n"))
    Cypher syntax error at line 1, column 11: Invalid input 'R': expected RETURN
      MATCH (n) RETRN n
                ^
    >>> print(syntax_error("Invalid input 'RETRN' (line 2, column 1 (offset: 18))", "MATCH (n)\\nRETRN n"))
    Cypher syntax error at line 2, column 1: Invalid input 'RETRN'
      RETRN n
      ^
    >>> syntax_error("Unknown function 'foo'", "RETURN foo()") is None
    True
    """
    found = FALKORDB_SYNTAX.search(server_message) or NEO4J_SYNTAX.search(server_message)
    if not found:
        return None
    message, line, column = found["message"], int(found["line"]), int(found["column"])
    lines = query.splitlines() or [""]
    context = found.groupdict().get("context")
    if context is not None:
        offset = int(found["offset"])
        for number, text in enumerate(lines, 1):
            at = context.find(text) if text.strip() else -1
            if at >= 0 and at <= offset <= at + len(text):
                return CypherSyntaxError(message, number, offset - at + 1, text)
        return CypherSyntaxError(message, line, offset + 1, context)
    if line == 1:
        column -= len(prefix)
    if 1 <= line <= len(lines) and column >= 1:
        return CypherSyntaxError(message, line, column, lines[line - 1])
    return CypherSyntaxError(message, line, max(column, 1), "")

"""The embedded store's user-defined function libraries: each `cypher/falkordb/NAME.js` is
loaded into the server as the library NAME when a client opens the store (replaced where the
server holds other code under that name), and the server is asked which functions it holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.paths import cypher_dir


def library_files() -> list[Path]:
    """The project's function libraries for FalkorDB, in name order."""
    return sorted((cypher_dir() / "falkordb").glob("*.js"))


def held_libraries(connection: Any) -> dict[str, dict[str, Any]]:
    """What GRAPH.UDF LIST WITHCODE answers, by library name (each a map of its fields); empty
    from a server without user-defined functions. The reply is a list of maps or of flat
    key-value lists, depending on the client's protocol."""
    import redis

    try:
        reply = connection.execute_command("GRAPH.UDF", "LIST", "WITHCODE")
    except redis.ResponseError:
        return {}
    out = {}
    for library in reply:
        if not isinstance(library, dict):
            library = dict(zip(library[::2], library[1::2], strict=False))
        fields = {_text(key): value for key, value in library.items()}
        out[_text(fields.get("library_name", ""))] = fields
    return out


def user_functions(connection: Any) -> set[str]:
    """Lower-case names (`library.function`) of the functions the server holds."""
    return {
        f"{name}.{_text(function)}".lower()
        for name, fields in held_libraries(connection).items()
        for function in fields.get("functions", [])
    }


def load_libraries(connection: Any) -> None:
    """Load each of the project's libraries the server does not hold as it is written."""
    held = held_libraries(connection)
    for path in library_files():
        code = path.read_text(encoding="utf-8")
        if _text(held.get(path.stem, {}).get("library_code", "")) != code:
            connection.execute_command("GRAPH.UDF", "LOAD", "REPLACE", path.stem, code)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)

"""UCINET DL files, the format of the UCINET "covert networks" collection in which many published
criminal networks are shared: one-mode networks as a full matrix, an edge list (``edgelist1``)
or a node list (``nodelist1``), with labels given (``labels:``), embedded in the data
(``labels embedded``) or absent (actors numbered from 1).

Read into `DlNetwork`: the actors, and the ties with their values as the file states them, each
direction on its own; io.py makes the undirected network of it. Two-mode data (``nr``/``nc``)
and files of several matrices (``nm`` above 1) are refused, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FORMATS = ("fullmatrix", "edgelist1", "nodelist1")
_KEY_VALUE = re.compile(r"\b(n|nm|nr|nc|format)\s*=\s*([\w.]+)", re.IGNORECASE)
_SECTION = re.compile(
    r"^\s*(row labels|column labels|col labels|matrix labels|labels embedded|labels|data)\s*:?",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass
class DlNetwork:
    """A DL file's content: the actors in order and its ties ``(from, to, value)``, each as
    written (a full matrix gives both directions of a symmetric tie)."""

    actors: list[str]
    ties: list[tuple[str, str, float]] = field(default_factory=list)
    symmetric_matrix: bool = False


def parse_dl(text: str, source: str = "<text>") -> DlNetwork:
    """The actors and ties of a UCINET DL file.

    Parameters
    ----------
    text : str
        The file's content.
    source : str
        How to name the file in errors.

    Returns
    -------
    DlNetwork

    Raises
    ------
    ValueError
        Naming `source` and what is wrong (not DL, no data, two-mode, a short row, ...).

    Examples
    --------
    >>> dl = parse_dl("DL n=3\\nformat = edgelist1\\nlabels:\\nAmir,Bashir,Carim\\ndata:\\n1 2 4\\n2 3\\n")
    >>> dl.actors, dl.ties
    (['Amir', 'Bashir', 'Carim'], [('Amir', 'Bashir', 4.0), ('Bashir', 'Carim', 1.0)])
    """
    body = text.lstrip("\ufeff")
    if not re.match(r"\s*dl\b", body, re.IGNORECASE):
        raise ValueError(f"{source}: not a UCINET DL file (it must start with 'DL')")
    sections = list(_SECTION.finditer(body))
    data_at = next((m for m in sections if m.group(1).lower() == "data"), None)
    if data_at is None:
        raise ValueError(f"{source}: no 'data:' section")
    header = body[: data_at.start()]
    params = {k.lower(): v.lower() for k, v in _KEY_VALUE.findall(header)}
    if "nr" in params or "nc" in params:
        raise ValueError(f"{source}: two-mode DL data (nr/nc) is not a network of actors; convert it first")
    if int(params.get("nm", "1")) != 1:
        raise ValueError(f"{source}: {params['nm']} matrices in one file; save the one to analyse alone")
    if "n" not in params:
        raise ValueError(f"{source}: the header gives no 'n=' (number of actors)")
    n = int(params["n"])
    form = params.get("format", "fullmatrix")
    if form not in FORMATS:
        raise ValueError(f"{source}: format {form!r} is not supported (use one of {', '.join(FORMATS)})")
    embedded = any(m.group(1).lower() == "labels embedded" for m in sections)
    labels = _labels(body, sections, data_at.start())
    rows = [_tokens(line) for line in body[data_at.end() :].splitlines()]
    rows = [row for row in rows if row]
    if form == "fullmatrix":
        return _matrix(rows, n, labels, embedded, source)
    actors = labels or ([] if embedded else [str(i) for i in range(1, n + 1)])
    network = DlNetwork(actors)
    for number, row in enumerate(rows, 1):
        if form == "edgelist1" and len(row) < 2:
            raise ValueError(f"{source}: data line {number}: expected 'from to [value]'")
        ends = [
            _actor(token, actors, embedded, n, source) for token in row[: 2 if form == "edgelist1" else None]
        ]
        if form == "edgelist1":
            value = _value(row[2], source, number) if len(row) > 2 else 1.0
            network.ties.append((ends[0], ends[1], value))
        else:
            network.ties.extend((ends[0], other, 1.0) for other in ends[1:])
    return network


def _matrix(rows: list[list[str]], n: int, labels: list[str], embedded: bool, source: str) -> DlNetwork:
    if embedded:
        labels, rows = rows[0][:n], [row[1:] for row in rows[1:]]
    actors = labels or [str(i) for i in range(1, n + 1)]
    values = [value for row in rows for value in row]
    if len(values) != n * n or len(actors) != n:
        raise ValueError(f"{source}: a full matrix of {n} actors needs {n}x{n} values, found {len(values)}")
    matrix = [[_value(values[i * n + j], source, i + 1) for j in range(n)] for i in range(n)]
    network = DlNetwork(
        actors, symmetric_matrix=all(matrix[i][j] == matrix[j][i] for i in range(n) for j in range(i))
    )
    network.ties = [(actors[i], actors[j], matrix[i][j]) for i in range(n) for j in range(n) if matrix[i][j]]
    return network


def _labels(body: str, sections: list[re.Match[str]], data_start: int) -> list[str]:
    """The actors named after ``labels:`` (or ``row labels:``), up to the next section."""
    for index, match in enumerate(sections):
        if match.group(1).lower() in ("labels", "row labels") and match.start() < data_start:
            end = sections[index + 1].start() if index + 1 < len(sections) else data_start
            return _tokens(body[match.end() : end])
    return []


def _tokens(text: str) -> list[str]:
    """Fields separated by commas or white space; double-quoted fields may hold spaces."""
    return [a or b for a, b in re.findall(r'"([^"]*)"|([^\s,"]+)', text)]


def _actor(token: str, actors: list[str], embedded: bool, n: int, source: str) -> str:
    if embedded:
        if token not in actors:
            actors.append(token)
        return token
    if token.isdigit() and 1 <= int(token) <= n:
        return actors[int(token) - 1]
    raise ValueError(f"{source}: actor {token!r} is not a number from 1 to {n}")


def _value(token: str, source: str, line: int) -> float:
    try:
        return float(token)
    except ValueError:
        raise ValueError(f"{source}: data line {line}: value {token!r} is not a number") from None

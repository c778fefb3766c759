"""The real Siren network from the shared folder beside the checkout, for the analysis tests."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.analysis.io import read_network

SIREN = Path(__file__).resolve().parents[2] / ".." / "shared" / "networks" / "siren_edgelist.csv"


@pytest.fixture(scope="session")
def siren() -> nx.Graph:
    if not SIREN.is_file():
        pytest.skip(f"Siren network {SIREN.resolve()} is absent (../shared/networks not available)")
    return read_network(SIREN)


NETWORKS = Path(__file__).resolve().parents[1] / "data" / "networks"
MONTAGNA = {"meetings": "Montagna_meetings_edgelist.csv", "phone_calls": "Montagna_phonecalls_edgelist.csv"}


@pytest.fixture(scope="session", params=sorted(MONTAGNA))
def montagna(request) -> tuple[str, nx.Graph]:
    """The Montagna meetings or phone-call network of Cavallaro et al. (2020), with its name."""
    return request.param, read_network(NETWORKS / MONTAGNA[request.param])

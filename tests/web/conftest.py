"""The workbench's fixtures: one embedded store built from the bundled samples and analysed
(as an investigator would: `graph etl run samples`, `graph analyse`), and the workbench over
it, as a Flask test client and as a real server on a free port."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app as cli
from graph.store.embedded import EmbeddedStore
from graph.web.app import create_app
from graph.web.reads import Reads
from graph.web.settings import Settings

runner = CliRunner()


@pytest.fixture(scope="package")
def samples_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("workbench") / "data"
    for args in (["etl", "run", "samples"], ["analyse"]):
        result = runner.invoke(cli, [*args, "--data", str(data)])
        assert result.exit_code == 0, result.output
    return data


@pytest.fixture(scope="package")
def workbench(samples_data: Path) -> Iterator[tuple]:
    """(app, settings) over the samples' store, opened read-only."""
    with EmbeddedStore(samples_data) as store:
        settings = Settings(data=samples_data, store=None, analyst="test-analyst")
        yield create_app(Reads(store), settings), settings


@pytest.fixture
def client(workbench):
    app, _ = workbench
    return app.test_client()


@pytest.fixture(scope="package")
def served(workbench) -> Iterator[str]:
    """The workbench served by waitress on a free loopback port: its base url."""
    from waitress import create_server

    app, _ = workbench
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()

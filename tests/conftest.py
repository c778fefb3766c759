"""Shared fixtures: the shared folder beside the checkout, an embedded store in a temp folder."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.embedded import EmbeddedStore

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_bb7a0928452dc58a.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): shared seeds, datasets and networks not available")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed article {SEED} is absent")
    return SEED


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return unicodedata.normalize("NFC", seed_path.read_text(encoding="utf-8"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path / "data", write=True) as opened:
        yield opened

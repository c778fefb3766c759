"""etl/limits.yaml: the bounds on raw input are data, checked when they are read."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.limits import LimitsError, load_limits, parse_limits
from graph.paths import etl_dir


def test_the_shipped_limits_are_read():
    limits = load_limits()
    assert limits.chunk_chars < 1_000_000  # below spaCy's max_length
    assert limits.cell_chars >= 1 and 0 <= limits.binary_nul_line_share < 1


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        ("extraction", "chunk_chars", 0, "extraction.chunk_chars must be a whole number of 1 or more"),
        ("structured", "cell_chars", "many", "structured.cell_chars must be a whole number of 1 or more"),
        ("structured", "binary_nul_line_share", 1.5, "binary_nul_line_share must be from 0 up to 1"),
        ("structured", "cell_chars", None, "must be a whole number"),
    ],
)
def test_a_wrong_bound_names_the_file_and_the_key(section, key, value, message):
    path = etl_dir() / "limits.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[section][key] = value
    with pytest.raises(LimitsError, match=message) as raised:
        parse_limits(data, path)
    assert str(raised.value).startswith(f"{path}: ")
    with pytest.raises(LimitsError, match="missing 'structured'"):
        parse_limits({"extraction": {"chunk_chars": 10}}, Path("limits.yaml"))

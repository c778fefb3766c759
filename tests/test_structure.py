"""The package's structure rules (tools/check_structure.py) hold on src/graph: no import cycle,
no private reach-in across modules, no file over 450 lines. Run as CI runs it, so a failure
lists every violation as FILE:LINE: reason."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_src_graph_keeps_the_structure_rules():
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "check_structure.py")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        pytest.fail(f"structure violations:\n{result.stdout}{result.stderr}", pytrace=False)

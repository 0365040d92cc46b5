"""The code stays clean: ruff and mypy, as `make lint` runs them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", "digestcite", "tests", "bench", "fuzz"], ["mypy", "digestcite"]],
    ids=["ruff", "mypy"],
)
def test_linters_pass(command: list[str]) -> None:
    tool = BIN / command[0] if (BIN / command[0]).exists() else shutil.which(command[0])
    if tool is None:
        pytest.skip(f"{command[0]} is not installed (make test installs it)")
    result = subprocess.run([str(tool), *command[1:]], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

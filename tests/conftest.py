from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import REAL


@pytest.fixture
def real_dir() -> Path:
    """The folder of real official documents; the test is skipped when it is absent."""
    if not REAL.is_dir():
        pytest.skip(f"the real documents folder {REAL} is absent")
    return REAL

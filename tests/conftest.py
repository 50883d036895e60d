from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import settings

from .helpers import REAL

# Property tests draw new examples on every run, so a developer's runs keep searching.
# The "ci" profile draws the same examples every time (HYPOTHESIS_PROFILE=ci, set by
# .ci/run): a check that gates a submission must not fail on an example no one has seen;
# a failing example found locally is pinned with @example, and CI runs it from then on.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def real_dir() -> Path:
    """The folder of real official documents; the test is skipped when it is absent."""
    if not REAL.is_dir():
        pytest.skip(f"the real documents folder {REAL} is absent")
    return REAL


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Tests never read or fill the user's own cache."""
    import os

    old = os.environ.get("WTDIFF_CACHE_DIR")
    os.environ["WTDIFF_CACHE_DIR"] = str(tmp_path_factory.mktemp("wtdiff-cache"))
    yield
    if old is None:
        os.environ.pop("WTDIFF_CACHE_DIR", None)
    else:
        os.environ["WTDIFF_CACHE_DIR"] = old

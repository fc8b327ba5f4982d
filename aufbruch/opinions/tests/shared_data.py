"""The five further Pol.is exports live in ../shared/data (beside the clone in
CI), not in the repository. A clone elsewhere skips the tests that need them
and says why; in CI (CI=true) they must be there, so the tests run and fail
loudly if they are not."""

import os

import pytest

from aufbruch.opinions.agreement import open_data_dir

requires_shared_exports = pytest.mark.skipif(
    open_data_dir() is None and not os.environ.get("CI"),
    reason="the public Pol.is exports are not beside this clone "
    "(put shared/data/polis-open-data next to it or set POLIS_OPEN_DATA_DIR)",
)

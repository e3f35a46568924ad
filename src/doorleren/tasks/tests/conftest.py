import pytest

from doorleren.tasks.tests import kinds  # noqa: F401  (registers the test kinds)


@pytest.fixture
def calls_file(tmp_path):
    return tmp_path / "calls"

import pytest

from .factories import TODAY


@pytest.fixture
def today():
    return TODAY

import pytest


@pytest.fixture(autouse=True)
def _plan(db):
    """The programme plan comes with the migrations; load it again in case a test emptied the tables."""
    from doorleren.fund.services import programme_plan_load

    programme_plan_load()

"""The regional indicators themselves (``statistics_seed.py``)."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction

from ...statistics_seed import stat_indicators_apply


def stat_indicators_load() -> dict[str, int]:
    """Create or update the regional indicators (``statistics_seed.py``). Safe to repeat."""
    with transaction.atomic():
        return stat_indicators_apply(get_model=lambda name: apps.get_model("monitoring", name))

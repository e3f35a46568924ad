"""Write the region: load the reference data file."""

from pathlib import Path

from django.apps import apps
from django.db import transaction

from doorleren.region.loading import DATA_PATH, region_data_apply, region_data_read


def region_load(*, path: Path = DATA_PATH) -> dict[str, int]:
    """Create or update subregions, municipalities and mergers from the data file. Safe to repeat."""
    data = region_data_read(path=path)
    with transaction.atomic():
        return region_data_apply(data=data, get_model=lambda name: apps.get_model("region", name))

"""Load the subregions, municipalities and mergers from region/data/municipalities.yaml."""

from django.db import migrations


def load(apps, schema_editor):
    from doorleren.region.loading import region_data_apply, region_data_read

    region_data_apply(data=region_data_read(), get_model=lambda name: apps.get_model("region", name))


class Migration(migrations.Migration):
    dependencies = [
        ("region", "0002_municipality_main_town"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]

"""Seed the regional indicators (``StatIndicator``) from monitoring/statistics_seed.py."""

from django.db import migrations


def load(apps, schema_editor):
    from doorleren.monitoring.statistics_seed import stat_indicators_apply

    stat_indicators_apply(get_model=lambda name: apps.get_model("monitoring", name))


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]

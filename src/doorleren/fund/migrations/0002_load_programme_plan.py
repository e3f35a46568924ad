"""Load the regional plan's programme lines and indicators from fund/plan.py."""

from django.db import migrations


def load(apps, schema_editor):
    from doorleren.fund.plan import plan_apply

    plan_apply(get_model=lambda name: apps.get_model("fund", name))


class Migration(migrations.Migration):
    dependencies = [
        ("fund", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]

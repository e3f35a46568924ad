"""Writes of the monitoring app, one module per subject (docs/monitoring.md):

- ``programme``: measures (with their history), targets, activities and results, judgements.
- ``statistics``: regional indicators, imports from CBS StatLine and CSV, municipal mergers.
- ``participation``: who takes part in a measure, and who started work.
- ``outcomes``: rebuilds the materialised platform outcomes (``OutcomeFigure``).
- ``evaluation``: rebuilds the effect estimates (``EffectEstimate``).

Other apps import these modules (``from doorleren.monitoring.services import outcomes``).
"""

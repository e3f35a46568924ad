"""The programme as data (docs/monitoring-programme.md): measures, their targets, activities,
results and judgements, edited by the programme office, with history.

Every change to a measure, its targets or its activities (with their results) bumps
``Measure.version`` and writes a ``MeasureVersion``: a full JSON copy (``snapshot``) of the measure
after the change, the names of the parts that changed, who and why. A change that changes nothing
writes no version. ``measure_update`` takes the version the editor saw (``expected_version``); when
someone else changed the measure in the meantime it says so (409) and changes nothing.

Only the programme office and administrators may write (403 for anyone else). ``actor`` None is the
system (the demo, an import), never a page. Every service owns its transaction and writes one
audit line in it.

Modules: ``measures`` (a measure and its fields), ``steps`` (targets, activities and their results),
``judgements``, ``demo``; ``common`` (who may write, checks of what came in) and ``versions``
(snapshots, the row lock, the history and the audit line) serve them. Import from this package.
"""

from .common import (
    CODE_MAX,
    MANY_MAX,
    PROGRAMME_ROLES,
    RESULT_VALUE_MAX,
    UNIT_MAX,
    YEAR_MAX,
    YEAR_MIN,
    may_change_programme,
)
from .demo import programme_demo_load
from .judgements import measure_judgement_create
from .measures import MEASURE_FIELDS, measure_create, measure_update
from .steps import (
    ACTIVITY_FIELDS,
    activity_create,
    activity_delete,
    activity_result_add,
    activity_result_remove,
    activity_update,
    measure_target_remove,
    measure_target_set,
)
from .versions import measure_snapshot

__all__ = [
    "ACTIVITY_FIELDS",
    "CODE_MAX",
    "MANY_MAX",
    "MEASURE_FIELDS",
    "PROGRAMME_ROLES",
    "RESULT_VALUE_MAX",
    "UNIT_MAX",
    "YEAR_MAX",
    "YEAR_MIN",
    "activity_create",
    "activity_delete",
    "activity_result_add",
    "activity_result_remove",
    "activity_update",
    "may_change_programme",
    "measure_create",
    "measure_judgement_create",
    "measure_snapshot",
    "measure_target_remove",
    "measure_target_set",
    "measure_update",
    "programme_demo_load",
]

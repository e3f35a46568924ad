"""Demo enrolments (docs/enrolments.md): the demo builds none (Anne's budgets stay whole, as the demo
describes them), but a resident may enrol in the demo region; ``enrolments_reset`` throws those
enrolments away with the demo, before the ledger, the modules and the users they point at.
"""

from __future__ import annotations

from django.db.models import Q

from doorleren.enrolments.models import Enrolment, EnrolmentFunding


def enrolments_reset(*, org_ids: list[int], users) -> int:
    """Delete enrolments for modules of demo organisations or of demo users, with their budget parts.
    Returns the number of enrolments."""
    enrolments = Enrolment.objects.filter(
        Q(provider_id__in=org_ids) | Q(module__provider_id__in=org_ids) | Q(resident__in=users)
    )
    EnrolmentFunding.objects.filter(enrolment__in=enrolments).delete()
    return enrolments.delete()[0]

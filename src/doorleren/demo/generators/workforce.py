"""The employer's journey in the demo (docs/workforce.md), all through ``workforce.services``.

Henk's firm gets a company scan with two roles from the regional competency map: "Sorteerder"
(medewerker afvalsortering) with Anne in it, and "Medewerker weegbrug en registratie" (medewerker
recycling) without anyone yet. Henk adds by hand what he sees coming for sorters: following waste
digitally and working with apps (Anne's wish, ``catalogue.ANNE_NEEDS``). Anne confirms her role, shares her plan (she already gave the firm
that consent), and agrees to the plan Henk proposes at 4 hours a week.

Done by the system (``actor=None``, and the agreement logged as the system): an audit line never
goes away and would keep a demo user from being deleted by ``doorleren demo --reset``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from doorleren.core.errors import ApplicationError
from doorleren.taxonomy import selectors as taxonomy_selectors
from doorleren.workforce import services as workforce_services

from .context import DemoContext
from .organisations import Organisations

User = get_user_model()

ROLES = (
    ("Sorteerder", "medewerker-afvalsortering", "Sorteert en verwerkt bedrijfsafval op de sorteerlijn."),
    ("Medewerker weegbrug en registratie", "medewerker-recycling", "Weegt het afval en legt het vast."),
)
ANNE_ROLE = "Sorteerder"
# Henk's own additions for the sorters in 3-5 years (``source=edited``): code → level.
SORTER_FUTURE = {"afval-digitaal-volgen": 2, "digi-werk-apps": 2}
HOURS_PER_WEEK = 4


def workforce_build(ctx: DemoContext, organisations: Organisations) -> None:
    company = organisations.henk_company
    roles = {}
    for title, occupation_code, description in ROLES:
        occupation = taxonomy_selectors.regional_occupation_list().filter(code=occupation_code).first()
        roles[title] = workforce_services.company_role_create(
            organisation=company,
            title=title,
            regional_occupation=occupation,
            description=description,
            actor=None,
        )
        ctx.counts["workforce_roles"] += 1
    for code, level in SORTER_FUTURE.items():
        competency = taxonomy_selectors.competency_list().filter(code=code).first()
        if competency is not None:
            workforce_services.role_competency_set(
                role=roles[ANNE_ROLE], competency=competency, level=level, horizon="future", actor=None
            )
    anne = User.objects.filter(username="anne").first()
    if anne is None:
        return
    invited = workforce_services.role_holder_invite(role=roles[ANNE_ROLE], email=anne.email, actor=None)
    holder = workforce_services.role_holder_accept(
        holder=invited, employee=anne, share_plan=True, today=ctx.today
    )
    try:
        plan = workforce_services.development_plan_propose(
            holder=holder, hours_per_week=HOURS_PER_WEEK, actor=None, today=ctx.today
        )
    except ApplicationError:
        return  # a tiny demo offer may have no module for her gap: the scan is still there
    workforce_services.development_plan_agree(plan=plan, employee=anne, log_as_system=True)
    ctx.counts["workforce_plans"] += 1

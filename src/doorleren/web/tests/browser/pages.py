"""Every page of doorleren, and which roles the browser test visits it as.

The browser test visits each page listed here for each role named, and fails on an error status.
``test_page_list.py`` fails when a URL name in the project is neither listed here nor in
``NOT_VISITED`` (with the reason), so a new page cannot slip past the accessibility test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .world import ANONYMOUS, ROLES, World

EVERYONE = frozenset({ANONYMOUS, *ROLES})
LOGGED_IN = frozenset(ROLES)
# Public pages are visited logged out; each role's start page and menu pages show the logged-in layout.
PUBLIC = frozenset({ANONYMOUS})


@dataclass(frozen=True)
class Page:
    name: str
    roles: frozenset[str]
    kwargs: Callable[[World], dict] | None = None
    query: str = ""
    status: int = 200
    html: bool = True  # False: a download or an htmx fragment; only the status is checked

    def url(self, world: World) -> str:
        path = reverse(self.name, kwargs=self.kwargs(world) if self.kwargs else None)
        return f"{path}?{self.query}" if self.query else path

    def label(self) -> str:
        return self.name + (f"?{self.query}" if self.query else "")


PAGES: list[Page] = [
    # web
    Page("web:home", EVERYONE),
    Page("web:start", LOGGED_IN),
    Page("web:about", PUBLIC),
    Page("web:privacy", PUBLIC),
    Page("web:accessibility", PUBLIC),
    # accounts
    Page("login", frozenset({ANONYMOUS})),
    Page("password_reset", frozenset({ANONYMOUS})),
    Page("password_reset_done", frozenset({ANONYMOUS})),
    Page(
        "password_reset_confirm",
        frozenset({ANONYMOUS}),
        kwargs=lambda w: {"uidb64": "MQ", "token": "ongeldig-token"},  # an expired link shows a page too
    ),
    Page("password_reset_complete", frozenset({ANONYMOUS})),
    Page("account_consent", frozenset({"resident"})),
    # taxonomy: the competency map and ESCO search
    Page("taxonomy:map", PUBLIC),
    Page("taxonomy:competency_detail", PUBLIC, kwargs=lambda w: {"code": w.competency.code}),
    Page("taxonomy:competency_search", PUBLIC),
    Page("taxonomy:competency_search", frozenset({ANONYMOUS}), query="q=computer"),
    Page("taxonomy:occupation_search", PUBLIC),
    Page("taxonomy:occupation_search", frozenset({ANONYMOUS}), query="q=afval"),
    Page("taxonomy:skill_search", PUBLIC),
    Page("taxonomy:skill_search", frozenset({ANONYMOUS}), query="q=computer"),
    Page("taxonomy:regional_occupation_list", PUBLIC),
    Page(
        "taxonomy:regional_occupation_detail", PUBLIC, kwargs=lambda w: {"code": w.regional_occupation.code}
    ),
    # region and organisations
    Page("region:overview", frozenset({ANONYMOUS, "programme_office"})),
    Page("organisations:list", PUBLIC),
    Page("organisations:list", frozenset({ANONYMOUS}), query="q=afval"),
    Page("organisations:detail", PUBLIC | {"school"}, kwargs=lambda w: {"pk": w.school.pk}),
    # learning
    Page("learning:module_list", PUBLIC | {"school"}),
    Page("learning:module_list", frozenset({ANONYMOUS}), query="q=computer"),
    Page("learning:module_detail", PUBLIC | {"school"}, kwargs=lambda w: {"pk": w.module.pk}),
    Page("learning:certificate_list", PUBLIC),
    Page("learning:certificate_detail", PUBLIC, kwargs=lambda w: {"pk": w.certificate.pk}),
    Page("learning:diploma_detail", PUBLIC, kwargs=lambda w: {"pk": w.diploma.pk}),
    Page("learning:practical_list", PUBLIC | {"employer"}),
    Page("learning:import", frozenset({"school", "employer"})),
    Page("learning:import_example", frozenset({"school"}), html=False),
    # opportunities
    Page("opportunities:list", PUBLIC | {"employer"}),
    Page("opportunities:list", frozenset({ANONYMOUS}), query="q=afval"),
    Page("opportunities:detail", PUBLIC, kwargs=lambda w: {"pk": w.opportunity.pk}),
    # matching: which work fits the resident
    Page("matching:work", frozenset({"resident"})),
    Page("matching:work", frozenset({"employer"}), status=403),
    # matching: what the resident must learn for a regional occupation (a code from regional_occupations.yaml)
    Page("matching:route", frozenset({"resident"})),
    Page("matching:route", frozenset({"resident"}), query="doel=operator-waterstofproductie"),
    # profiles: the resident's own profile, and a resident as seen by organisations with consent
    Page("profiles:overview", frozenset({"resident"})),
    Page("profiles:preferences", frozenset({"resident"})),
    Page("profiles:competency_add", frozenset({"resident"})),
    Page("profiles:competency_add", frozenset({"resident"}), query="q=computer"),
    Page("profiles:competency_suggestions", frozenset({"resident"}), query="q=computer", html=False),
    Page("profiles:competency_from_text", frozenset({"resident"})),
    Page("profiles:competency_edit", frozenset({"resident"}), kwargs=lambda w: {"code": w.competency.code}),
    Page("profiles:competency_remove", frozenset({"resident"}), kwargs=lambda w: {"code": w.competency.code}),
    Page("profiles:work_add", frozenset({"resident"})),
    Page("profiles:occupation_suggestions", frozenset({"resident"}), query="q=afval", html=False),
    Page("profiles:work_remove", frozenset({"resident"}), kwargs=lambda w: {"pk": w.work_experience.pk}),
    Page("profiles:education_add", frozenset({"resident"})),
    Page("profiles:education_remove", frozenset({"resident"}), kwargs=lambda w: {"pk": w.education.pk}),
    Page(
        "profiles:resident_detail",
        frozenset({"coach", "employer"}),
        kwargs=lambda w: {"user_id": w.users["resident"].pk},
    ),
    # Roles without consent get the 403 page; it must be accessible too.
    Page(
        "profiles:resident_detail",
        frozenset({"school", "programme_office"}),
        kwargs=lambda w: {"user_id": w.users["resident"].pk},
        status=403,
    ),
    # matching: candidates and near candidates of the employer's own opportunity (world.py: the
    # employer is a member of the opportunity's organisation; Anne fits, a second resident nearly)
    Page("matching:candidates", frozenset({"employer"}), kwargs=lambda w: {"pk": w.opportunity.pk}),
    Page(
        "matching:candidates",
        frozenset({"employer"}),
        kwargs=lambda w: {"pk": w.opportunity.pk},
        query="uren=abc",
        status=400,
    ),
    Page("matching:candidates", frozenset({"school"}), kwargs=lambda w: {"pk": w.opportunity.pk}, status=403),
]

# URL names the browser test does not open as a page, and why.
NOT_VISITED: dict[str, str] = {
    "set_language": "POST only; tested by test_language_switch",
    "logout": "POST only; every logged-in visit ends with it",
    "account_consent_revoke": "POST only; the form is on account_consent",
}


def pages_for(role: str) -> list[Page]:
    return [page for page in PAGES if role in page.roles]


# matching: the regional picture, demand against supply per competency (and its CSV download)
PAGES += [
    Page("matching:picture", frozenset({"programme_office", "school"})),
    Page("matching:picture", frozenset({"programme_office"}), query="gemeente=GM0014"),
    Page("matching:picture", frozenset({"programme_office"}), query="gemeente=GM9999", status=400),
    Page("matching:picture", frozenset({"resident"}), status=403),
    Page("matching:picture_csv", frozenset({"programme_office"}), html=False),
]


# matching: "Wat moet ik leren?" for the other goals (an opportunity, chosen competencies), with an end
# date, a bad end date and an unknown opportunity; and the routes a resident kept ("Mijn leerroutes").
@dataclass(frozen=True)
class _QueryPage(Page):
    """A page whose query string needs the world (an id), e.g. ``werk=<opportunity id>``."""

    query_for: Callable[[World], str] | None = None

    def url(self, world: World) -> str:
        return f"{reverse(self.name)}?{self.query_for(world)}" if self.query_for else super().url(world)


PAGES += [
    _QueryPage(
        "matching:route",
        frozenset({"resident"}),
        query="werk=<opportunity>",
        query_for=lambda w: f"werk={w.opportunity.pk}&klaar_op={w.finish_by.isoformat()}",
    ),
    _QueryPage(
        "matching:route",
        frozenset({"resident"}),
        query="competentie1=<competency>",
        query_for=lambda w: f"competentie1={w.saved_route.goal_reference.split(':')[0]}&niveau1=2&uren=6",
    ),
    Page("matching:route", frozenset({"resident"}), query="werk=987654321", status=404),
    Page(
        "matching:route",
        frozenset({"resident"}),
        query="doel=operator-waterstofproductie&klaar_op=2000-01-01&uren=99",
        status=400,
    ),
    Page("matching:saved_routes", frozenset({"resident"})),
    Page("matching:saved_route_delete", frozenset({"resident"}), kwargs=lambda w: {"pk": w.saved_route.pk}),
]
NOT_VISITED["matching:route_save"] = "POST only; the form is on matching:route (test_saved_routes.py)"


# budgets: "Mijn budgetten" and "Wie betaalt wat?" for residents (Anne has a budget, world.py), and the
# figures per funder for coaches, the programme office and administrators.
PAGES += [
    Page("budgets:mine", frozenset({"resident"})),
    Page("budgets:mine", frozenset({"employer"}), status=403),
    Page("budgets:split", frozenset({"resident"})),
    _QueryPage(
        "budgets:split",
        frozenset({"resident"}),
        query="module=<module>",
        query_for=lambda w: f"module={w.module.pk}",
    ),
    Page("budgets:split", frozenset({"resident"}), query="module=abc"),
    Page("budgets:ledger_overview", frozenset({"coach", "programme_office", "administrator"})),
    Page("budgets:ledger_overview", frozenset({"school"}), status=403),
]


# budgets: fair allocation ("Schaars geld eerlijk verdelen", world.py): the rounds, a round's public
# page (open, closed with the allocate button, allocated with the anonymous ranking and its CSV), and
# "Mijn aanvraag" (apply to the open round, read why in the allocated one).
PAGES += [
    Page("budgets:allocation_rounds", PUBLIC | {"resident", "programme_office"}),
    Page("budgets:allocation_round", PUBLIC, kwargs=lambda w: {"pk": w.allocation_round_open.pk}),
    Page(
        "budgets:allocation_round",
        PUBLIC | {"programme_office"},
        kwargs=lambda w: {"pk": w.allocation_round_allocated.pk},
    ),
    Page(
        "budgets:allocation_round",
        frozenset({"programme_office", "resident"}),
        kwargs=lambda w: {"pk": w.allocation_round_closed.pk},
    ),
    Page(
        "budgets:allocation_round_csv",
        PUBLIC,
        kwargs=lambda w: {"pk": w.allocation_round_allocated.pk},
        html=False,
    ),
    Page(
        "budgets:allocation_application",
        frozenset({"resident"}),
        kwargs=lambda w: {"pk": w.allocation_round_open.pk},
    ),
    Page(
        "budgets:allocation_application",
        frozenset({"resident"}),
        kwargs=lambda w: {"pk": w.allocation_round_allocated.pk},
    ),
    Page(
        "budgets:allocation_application",
        frozenset({"employer"}),
        kwargs=lambda w: {"pk": w.allocation_round_open.pk},
        status=403,
    ),
]
NOT_VISITED["budgets:allocation_withdraw"] = "POST only; the form is on budgets:allocation_application"
NOT_VISITED["budgets:allocation_allocate"] = "POST only; the button is on budgets:allocation_round"


# enrolments: "Inschrijven" (who pays what, then confirm), the list per role and one enrolment (world.py:
# Anne enrolled for the school's module; the school's user is its provider, the coach has her consent).
PAGES += [
    Page("enrolments:enrol", frozenset({"resident"}), kwargs=lambda w: {"module_id": w.module.pk}),
    Page("enrolments:enrol", frozenset({"school"}), kwargs=lambda w: {"module_id": w.module.pk}, status=403),
    Page("enrolments:list", frozenset({"resident", "school", "employer", "coach"})),
    Page("enrolments:list", frozenset({"programme_office"}), status=403),
    Page(
        "enrolments:detail",
        frozenset({"resident", "school", "coach"}),
        kwargs=lambda w: {"pk": w.enrolment.pk},
    ),
    Page(
        "enrolments:detail",
        frozenset({"resident", "school"}),
        kwargs=lambda w: {"pk": w.started_enrolment.pk},
    ),
    Page("enrolments:detail", frozenset({"employer"}), kwargs=lambda w: {"pk": w.enrolment.pk}, status=404),
]
NOT_VISITED["enrolments:step"] = "POST only; the forms are on enrolments:list and enrolments:detail"


# fund: the regional fund (world.py: an open call with a draft, an application in review and a paid one,
# led by the employer with the school as partner).
PAGES += [
    Page("fund:call_list", PUBLIC),
    Page("fund:call_detail", PUBLIC | {"employer"}, kwargs=lambda w: {"pk": w.fund_call.pk}),
    Page("fund:mine", frozenset({"employer", "school", "coach"})),
    Page("fund:mine", frozenset({"resident"}), status=403),
    Page("fund:application_create", frozenset({"employer"}), kwargs=lambda w: {"pk": w.fund_call.pk}),
    Page(
        "fund:application_create",
        frozenset({"resident"}),
        kwargs=lambda w: {"pk": w.fund_call.pk},
        status=403,
    ),
    Page(
        "fund:application_detail", frozenset({"employer", "school"}), kwargs=lambda w: {"pk": w.fund_draft.pk}
    ),
    Page(
        "fund:application_detail",
        frozenset({"programme_office", "employer"}),
        kwargs=lambda w: {"pk": w.fund_in_review.pk},
    ),
    Page("fund:application_detail", frozenset({"programme_office"}), kwargs=lambda w: {"pk": w.fund_paid.pk}),
    Page(
        "fund:application_detail", frozenset({"coach"}), kwargs=lambda w: {"pk": w.fund_draft.pk}, status=403
    ),
    Page("fund:application_edit", frozenset({"employer"}), kwargs=lambda w: {"pk": w.fund_draft.pk}),
    Page("fund:review", frozenset({"programme_office"}), kwargs=lambda w: {"pk": w.fund_in_review.pk}),
    Page("fund:report", frozenset({"employer"}), kwargs=lambda w: {"pk": w.fund_paid.pk}),
    Page("fund:overview", frozenset({"programme_office"})),
    Page("fund:overview", frozenset({"employer"}), status=403),
    Page("fund:call_overview", frozenset({"programme_office"}), kwargs=lambda w: {"pk": w.fund_call.pk}),
    Page("fund:call_create", frozenset({"programme_office"})),
]
for _name in (
    "partner_add",
    "partner_remove",
    "application_submit",
    "start_review",
    "decide",
    "pay",
    "account",
):
    NOT_VISITED[f"fund:{_name}"] = "POST only; the forms are on fund:application_detail (fund/tests/views)"


# budgets: the money report per funder (default), programme line, municipality or target group, its CSV,
# an unknown choice (400) and a role that may not see it (docs/budgets.md, "Rapporten").
PAGES += [
    Page("budgets:report", frozenset({"coach", "programme_office", "administrator"})),
    Page("budgets:report", frozenset({"programme_office"}), query="per=municipality"),
    Page("budgets:report", frozenset({"programme_office"}), query="per=programme_line"),
    Page("budgets:report", frozenset({"programme_office"}), query="per=gemeenten", status=400),
    Page("budgets:report", frozenset({"school"}), status=403),
    Page("budgets:report_csv", frozenset({"programme_office"}), query="per=target_group", html=False),
]


# enrolments: signals for coaches (world.py: two schools share a payout account, an open signal with
# its form; two others share one the coach already looked at) and the payout account of the school.
PAGES += [
    Page("enrolments:anomalies", frozenset({"coach", "programme_office", "administrator"})),
    Page("enrolments:anomalies", frozenset({"resident", "school"}), status=403),
    Page("organisations:iban", frozenset({"school", "coach"}), kwargs=lambda w: {"pk": w.school.pk}),
    Page("organisations:iban", frozenset({"resident"}), kwargs=lambda w: {"pk": w.school.pk}, status=403),
    Page("organisations:iban_mine", frozenset({"school", "employer"})),
]
NOT_VISITED["enrolments:anomaly_review"] = (
    "POST only; the forms are on enrolments:anomalies (enrolments/tests/views/test_anomalies_pages.py)"
)


# budgets: coaches and employers grant a budget (docs/budgets.md, "Een budget toekennen"); Anne gave
# the coach's desk and Henk's firm consent (world.py). The programme office and residents may not.
PAGES += [
    Page("budgets:grant_residents", frozenset({"coach", "employer"})),
    Page("budgets:grant_residents", frozenset({"coach"}), query="zoek=niemand"),
    Page("budgets:grant_residents", frozenset({"resident", "programme_office"}), status=403),
    Page(
        "budgets:grant_resident",
        frozenset({"coach", "employer"}),
        kwargs=lambda w: {"pk": w.users["resident"].pk},
    ),
    Page(
        "budgets:grant_resident",
        frozenset({"coach"}),
        kwargs=lambda w: {"pk": w.users["school"].pk},
        status=404,
    ),
]


# placement: practical assignments (docs/placement.md, "In het platform"); world.py has an open round
# (Anne chose an assignment) and an allocated one (Anne and Piet placed) of Henk's firm, and a workshop.
PAGES += [
    Page("placement:rounds", EVERYONE),
    Page("placement:workshops", PUBLIC),
    Page("placement:round", PUBLIC | {"employer"}, kwargs=lambda w: {"pk": w.placement_open.pk}),
    Page("placement:round", frozenset({"employer"}), kwargs=lambda w: {"pk": w.placement_allocated.pk}),
    Page("placement:choose", frozenset({"resident"}), kwargs=lambda w: {"pk": w.placement_open.pk}),
    Page(
        "placement:choose", frozenset({"employer"}), kwargs=lambda w: {"pk": w.placement_open.pk}, status=403
    ),
    Page("placement:mine", frozenset({"resident"}), kwargs=lambda w: {"pk": w.placement_allocated.pk}),
    Page(
        "placement:applicants",
        frozenset({"employer"}),
        kwargs=lambda w: {"pk": w.placement_open.pk, "assignment_pk": w.placement_assignment.pk},
    ),
    Page(
        "placement:applicants",
        frozenset({"resident"}),
        kwargs=lambda w: {"pk": w.placement_open.pk, "assignment_pk": w.placement_assignment.pk},
        status=403,
    ),
    Page(
        "placement:team",
        frozenset({"employer"}),
        kwargs=lambda w: {"pk": w.placement_allocated.pk, "assignment_pk": w.placement_team_assignment.pk},
    ),
]
for _name in ("close", "allocate"):
    NOT_VISITED[f"placement:{_name}"] = (
        "POST only; the buttons are on placement:round (placement/tests/test_pages.py)"
    )


# opportunities: organisations place, change and close work; companies offer learning in practice
# (docs/opportunities.md). Henk's firm owns world.opportunity; residents may not.
PAGES += [
    Page("opportunities:manage_list", frozenset({"employer", "school"})),
    Page("opportunities:manage_list", frozenset({"resident"}), status=403),
    Page("opportunities:manage_create", frozenset({"employer", "school"})),
    Page("opportunities:manage_create", frozenset({"employer"}), query="soort=practical_assignment"),
    Page("opportunities:manage_create", frozenset({"employer"}), query="soort=basic_job"),
    Page("opportunities:manage_edit", frozenset({"employer"}), kwargs=lambda w: {"pk": w.opportunity.pk}),
    Page(
        "opportunities:manage_edit",
        frozenset({"school"}),
        kwargs=lambda w: {"pk": w.opportunity.pk},
        status=404,
    ),
    Page("learning:practical_create", frozenset({"employer"})),
    Page("learning:practical_create", frozenset({"resident", "school"}), status=403),
]
NOT_VISITED["opportunities:manage_close"] = "POST only; the buttons are on opportunities:manage_list"


# workforce: the employer's journey (docs/workforce.md; world.py: Henk's role "Sorteerder" with Anne, who
# shares her plan, and a proposed plan). Other roles get 403; the downloads are checked for their status.
_EMPLOYER = frozenset({"employer"})
_RESIDENT = frozenset({"resident"})
PAGES += [
    Page("workforce:join", _EMPLOYER),
    Page("workforce:scan", _EMPLOYER),
    Page("workforce:scan", _RESIDENT, status=403),
    Page("workforce:role_create", _EMPLOYER),
    Page("workforce:role", _EMPLOYER, kwargs=lambda w: {"pk": w.workforce_role.pk}),
    Page("workforce:role_edit", _EMPLOYER, kwargs=lambda w: {"pk": w.workforce_role.pk}),
    Page("workforce:plans", _EMPLOYER),
    Page("workforce:plans_csv", _EMPLOYER, html=False),
    Page("workforce:plans_pdf", _EMPLOYER, html=False),
    Page("workforce:plan", _EMPLOYER, kwargs=lambda w: {"pk": w.workforce_plan.pk}),
    Page("workforce:plan_csv", _EMPLOYER, kwargs=lambda w: {"pk": w.workforce_plan.pk}, html=False),
    Page("workforce:plan_pdf", _EMPLOYER, kwargs=lambda w: {"pk": w.workforce_plan.pk}, html=False),
    Page("workforce:mine", _RESIDENT),
    Page("workforce:mine", _EMPLOYER, status=403),
    Page("workforce:my_plan", _RESIDENT, kwargs=lambda w: {"pk": w.workforce_plan.pk}),
    Page("workforce:my_plan_csv", _RESIDENT, kwargs=lambda w: {"pk": w.workforce_plan.pk}, html=False),
    Page("workforce:my_plan_pdf", _RESIDENT, kwargs=lambda w: {"pk": w.workforce_plan.pk}, html=False),
]
for _name in (
    "role_delete",
    "role_from_map",
    "competency_set",
    "competency_remove",
    "holder_invite",
    "holder_remove",
    "plan_propose",
):
    NOT_VISITED[f"workforce:{_name}"] = "POST only; the forms are on workforce:role (workforce/tests/views)"
NOT_VISITED["workforce:invitation_answer"] = (
    "POST only; the form is on workforce:mine (workforce/tests/views)"
)
NOT_VISITED["workforce:my_plan_decide"] = (
    "POST only; the form is on workforce:my_plan (workforce/tests/views)"
)


# placement, the organiser (docs/placement.md, "In het platform"): Henk's firm may organise a round; Fatima
# (school) also works for the innovation workshop of world.py and adds members; residents may not.
PAGES += [
    Page("placement:round_new", frozenset({"employer"})),
    Page("placement:round_new", frozenset({"resident"}), status=403),
    Page("placement:members", frozenset({"school"}), kwargs=lambda w: {"pk": w.placement_workshop.pk}),
    Page(
        "placement:members",
        frozenset({"school"}),
        kwargs=lambda w: {"pk": w.placement_workshop.pk},
        query="q=Loppersum",
    ),
    Page(
        "placement:members",
        frozenset({"employer"}),
        kwargs=lambda w: {"pk": w.placement_workshop.pk},
        status=403,
    ),
]
NOT_VISITED["placement:assignment_add"] = (
    "POST only; the form is on placement:round (placement/tests/test_organiser_pages.py)"
)


# monitoring, "Werkt het?" (docs/monitoring-evaluation.md): world.py has no measures, so the page's
# measure and a stored estimate with its tables per group are made on the first visit (the live
# server's database is emptied after each test). Numbers only; residents get 403.
def _measure_with_effect_kwargs(world: World) -> dict:
    import datetime

    from django.utils import timezone

    from doorleren.fund.models import ProgrammeLine
    from doorleren.fund.services import programme_plan_load
    from doorleren.monitoring.models import EffectEstimate, Measure

    programme_plan_load()
    measure, _created = Measure.objects.get_or_create(
        code="browser-werkt-het",
        defaults={
            "programme_line": ProgrammeLine.objects.order_by("number").first(),
            "name": "Werkfit in de wijk",
            "starts_on": datetime.date(2024, 1, 1),
        },
    )
    rows = [
        {"value": 1, "participants": 60, "comparison": 120, "participant_rate": 0.6, "comparison_rate": 0.3},
        {"value": 3, "participants": 36, "comparison": 60, "participant_rate": 0.8, "comparison_rate": 0.5},
        {"value": 2, "participants": 4, "comparison": 9, "participant_rate": 0.5, "comparison_rate": 0.2},
    ]
    EffectEstimate.objects.update_or_create(
        measure=measure,
        defaults={
            "computed_at": timezone.now(),
            "participants": 100,
            "matched_participants": 100,
            "comparison_persons": 189,
            "participant_rate": 0.68,
            "comparison_rate": 0.38,
            "effect": 0.3,
            "ci_low": 0.18,
            "ci_high": 0.42,
            "verdict": "continue",
            "details": {
                "participants_waiting": 5,
                "unmatched_participants": 0,
                "comparison_rows": 189,
                "overlap_participants": 12,
                "today": "2025-06-30",
                "by": {"education": rows},
                "other_horizons": [],
            },
        },
    )
    return {"pk": measure.pk}


PAGES += [
    Page("monitoring:measure_effect", frozenset({"programme_office"}), kwargs=_measure_with_effect_kwargs),
    Page(
        "monitoring:measure_effect",
        frozenset({"resident"}),
        kwargs=_measure_with_effect_kwargs,
        status=403,
    ),
]


# monitoring: regional indicators per municipality and year (docs/monitoring-statistics.md); the indicators
# come with the migration (loaded again here: the live-server tests empty the tables between tests), so
# the pages show them (figures or "Nog geen cijfers").
def _indicator(code: str) -> dict:
    from doorleren.monitoring.services import statistics as statistics_services

    statistics_services.stat_indicators_load()
    return {"code": code}


PAGES += [
    Page("monitoring:statistics", frozenset({"programme_office", "administrator"})),
    Page("monitoring:statistics", frozenset({"resident"}), status=403),
    Page(
        "monitoring:statistic_detail",
        frozenset({"programme_office"}),
        kwargs=lambda w: _indicator("netto-arbeidsparticipatie"),
    ),
    Page(
        "monitoring:statistic_detail",
        frozenset({"programme_office"}),
        kwargs=lambda w: {"code": "bestaat-niet"},
        status=404,
    ),
    Page(
        "monitoring:statistic_csv",
        frozenset({"programme_office"}),
        kwargs=lambda w: _indicator("banen"),
        html=False,
    ),
    Page("monitoring:statistics_import", frozenset({"programme_office"})),
    Page("monitoring:statistics_import", frozenset({"employer"}), status=403),
]


# monitoring: the dashboard of the programme office (docs/monitoring-dashboard.md). The world has no figures
# yet (the page says how to make them); test_monitoring_dashboard.py visits the pages with figures.
_MONITORING = frozenset({"programme_office", "administrator"})
PAGES += [
    Page("monitoring:dashboard", _MONITORING),
    Page(
        "monitoring:dashboard",
        frozenset({"programme_office"}),
        query="periode=alle&doelgroep=student&cijfer=spent_cents",
    ),
    Page("monitoring:dashboard", frozenset({"programme_office"}), query="periode=2025-K9", status=400),
    Page("monitoring:dashboard", frozenset({"programme_office"}), query="download=csv", html=False),
    Page("monitoring:dashboard", frozenset({"programme_office"}), query="download=xlsx", html=False),
    Page("monitoring:dashboard", frozenset({"resident", "employer"}), status=403),
    Page("monitoring:dashboard_line", _MONITORING, kwargs=lambda w: {"number": 5}),
    Page("monitoring:dashboard_municipality", _MONITORING, kwargs=lambda w: {"code": "GM0014"}),
    Page(
        "monitoring:quarterly_report",
        frozenset({"programme_office"}),
        kwargs=lambda w: {"year": 2025, "quarter": 1},
        html=False,
    ),
]
NOT_VISITED["monitoring:dashboard_measure"] = (
    "needs a measure with figures, which the world has not; test_monitoring_dashboard.py visits it with axe"
)


# monitoring: the programme as data (docs/monitoring-programme.md). The world has no measure; the first
# page that needs one makes it through the services (with a target, an activity, a result and a judgement)
# and keeps it on the world.
def _programme_measure(world: World):
    measure = getattr(world, "programme_measure", None)
    if measure is None:
        import datetime as _dt

        from doorleren.fund import selectors as fund_selectors
        from doorleren.monitoring.services import programme as programme_services
        from doorleren.region import selectors as region_selectors

        measure = programme_services.measure_create(
            actor=None,
            programme_line=fund_selectors.programme_lines().get(code="inclusieve-arbeidsmarkt"),
            code="basisbanen",
            name="Experiment basisbanen",
            description="Waardevol werk voor wie de stap naar werk nog niet kan maken.",
            responsible_name="Gemeente Groningen",
            partner_names="StartFoundation",
            budget_cents=3_200_000_00,
            starts_on=_dt.date(2021, 1, 1),
            ends_on=_dt.date(2025, 12, 31),
            target_groups=["job_seeker"],
            municipalities=list(
                region_selectors.municipalities_current().filter(code__in=["GM0014", "GM0106"])
            ),
        )
        activity = programme_services.activity_create(
            actor=None,
            measure=measure,
            name="Basisbanen",
            starts_on=_dt.date(2021, 1, 1),
            cost_cents=2_800_000_00,
        )
        programme_services.activity_result_add(
            actor=None,
            activity=activity,
            year=2023,
            description="Mensen met een basisbaan",
            value=190,
            unit="personen",
        )
        programme_services.measure_update(
            actor=None,
            measure=measure,
            expected_version=measure.version,
            reason="Meer geld",
            budget_cents=3_400_000_00,
        )
        programme_services.measure_judgement_create(
            actor=None, measure=measure, verdict="continue", reason="Deelnemers blijven aan het werk."
        )
        world.programme_measure = measure
        world.programme_activity = activity
    return measure


def _programme_kwargs(world: World) -> dict:
    return {"pk": _programme_measure(world).pk}


def _programme_activity_kwargs(world: World) -> dict:
    _programme_measure(world)
    return {"pk": world.programme_measure.pk, "activity_pk": world.programme_activity.pk}


PAGES += [
    Page("monitoring:programme", _MONITORING),
    Page("monitoring:programme", frozenset({"resident", "coach"}), status=403),
    Page("monitoring:measure_create", _MONITORING),
    Page("monitoring:measure_detail", _MONITORING, kwargs=_programme_kwargs),
    Page(
        "monitoring:measure_detail",
        frozenset({"programme_office"}),
        kwargs=lambda w: {"pk": 987654321},
        status=404,
    ),
    Page("monitoring:measure_detail", frozenset({"employer"}), kwargs=_programme_kwargs, status=403),
    Page("monitoring:measure_update", frozenset({"programme_office"}), kwargs=_programme_kwargs),
    Page("monitoring:measure_history", _MONITORING, kwargs=_programme_kwargs),
    Page("monitoring:measure_target_add", frozenset({"programme_office"}), kwargs=_programme_kwargs),
    Page("monitoring:activity_create", frozenset({"programme_office"}), kwargs=_programme_kwargs),
    Page("monitoring:activity_update", frozenset({"programme_office"}), kwargs=_programme_activity_kwargs),
    Page(
        "monitoring:activity_result_add", frozenset({"programme_office"}), kwargs=_programme_activity_kwargs
    ),
    Page("monitoring:measure_judge", frozenset({"programme_office"}), kwargs=_programme_kwargs),
]
for _name in ("measure_target_remove", "activity_delete", "activity_result_remove"):
    NOT_VISITED[f"monitoring:{_name}"] = (
        "POST only; the buttons are on monitoring:measure_detail (monitoring/tests/programme/test_views.py)"
    )

# monitoring: a resident tells the platform they started work (docs/monitoring.md, "Deelname en werk").
PAGES += [
    Page("monitoring:work_mine", frozenset({"resident"})),
    Page("monitoring:work_mine", frozenset({"coach", "programme_office"}), status=403),
]

# accounts: the optional second factor at login for staff roles (docs/security-totp.md). The set-up page
# shows a QR code and the secret; residents get 403. The code step needs a right password of a user with
# the second factor on first; accounts/tests/otp/test_login.py renders it.
PAGES += [
    Page("account_otp", frozenset({"employer", "school", "coach", "programme_office", "administrator"})),
    Page("account_otp", frozenset({"resident"}), status=403),
]
NOT_VISITED["login_otp"] = (
    "step 2 of a login, only after a right password of a user with the second factor on (else a redirect "
    "to login); accounts/tests/otp/test_login.py renders it"
)
NOT_VISITED["account_otp_remove"] = "POST only; the form is on account_otp when the second factor is on"

# privacy: the resident's own data, who viewed it, deleting the account (docs/security-privacy.md). Staff
# get 403: they ask the administrator.
PAGES += [
    Page("privacy:my_data", frozenset({"resident"})),
    Page("privacy:my_data", frozenset({"employer"}), status=403),
    Page("privacy:my_data_json", frozenset({"resident"}), html=False),
    Page("privacy:my_data_pdf", frozenset({"resident"}), html=False),
    Page("privacy:views", frozenset({"resident"})),
    Page("privacy:views", frozenset({"coach"}), status=403),
    Page("privacy:delete", frozenset({"resident"})),
    Page("privacy:delete", frozenset({"employer", "programme_office"}), status=403),
]

# accounts: login through the staff member's organisation (OpenID Connect, docs/security-oidc.md) and the
# backup codes of the second step (docs/security-totp.md).
NOT_VISITED["login_oidc"] = (
    "404 unless OpenID Connect is configured; walked against a local test provider in accounts/tests/oidc/"
)
NOT_VISITED["login_oidc_callback"] = "the provider's redirect back; accounts/tests/oidc/test_login_flow.py"
NOT_VISITED["account_otp_backup_codes"] = (
    "shown once after switching the second step on or making new codes; accounts/tests/otp/test_backup_codes.py"
)

# tasks: background work (docs/tasks.md).
PAGES += [Page("tasks:list", LOGGED_IN)]
NOT_VISITED.update(
    {
        "tasks:detail": "needs a job of the visitor; tested in tasks/tests/test_job_pages.py",
        "tasks:file": "a finished job's download; tested in tasks/tests/test_job_pages.py",
        "monitoring:quarterly_report_job": "POST only; the form is on monitoring:dashboard",
    }
)

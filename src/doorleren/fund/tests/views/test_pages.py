"""The fund's pages per role: public calls; applicants make, fill and submit; the programme office
reviews, decides, pays and closes. Forbidden → 403, unknown → 404, a refused step → a Dutch
message with its status; never a 500."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets.models import LedgerTransaction
from doorleren.core.tests.url_sweep import HUGE_INT, LONG, Sweep
from doorleren.fund.models import ApplicationState, FundApplication, FundCall, Review, SpendingReport
from doorleren.organisations.tests.factories import MembershipFactory

from ..factories import (
    Consortium,
    call,
    draft,
    fund,
    granted,
    in_review,
    office,
    paid,
    submitted,
    today,
)

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _html(response) -> str:
    return response.content.decode()


def test_everyone_sees_the_open_calls_and_a_call():
    open_call = call(title="Leren op de werkvloer")
    call(
        title="Oude oproep",
        opens_on=today() - dt.timedelta(days=90),
        closes_on=today() - dt.timedelta(days=60),
    )
    response = _client().get(reverse("fund:call_list"))
    assert response.status_code == 200
    assert "Leren op de werkvloer" in _html(response)
    assert "Oude oproep" in _html(response)
    detail = _client().get(reverse("fund:call_detail", args=[open_call.pk]))
    assert detail.status_code == 200
    assert "Bereik" in _html(detail)  # a criterion
    assert "Log in om een aanvraag te maken" in _html(detail)


def test_an_employer_makes_a_draft_adds_a_school_and_submits():
    open_call = call()
    consortium = Consortium()
    client = _client(consortium.applicant)
    page = client.get(reverse("fund:call_detail", args=[open_call.pk]))
    assert reverse("fund:application_create", args=[open_call.pk]) in _html(page)
    indicator = open_call.indicators.order_by("code").first()
    response = client.post(
        reverse("fund:application_create", args=[open_call.pk]),
        {
            "lead_organisation": consortium.lead.pk,
            "title": "Samen leren in Eemsdelta",
            "summary": "Modules op de werkvloer.",
            "requested": "12500,50",
            f"target_{indicator.pk}": "30",
        },
    )
    application = FundApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("fund:application_detail", args=[application.pk])
    assert application.requested_cents == 12_500_50
    detail = client.get(response["Location"])
    assert "Voeg minstens één onderwijsinstelling toe" in _html(detail)

    refused = client.post(reverse("fund:application_submit", args=[application.pk]))
    assert refused.status_code == 400
    assert "Voeg minstens één onderwijsinstelling toe" in _html(refused)

    added = client.post(
        reverse("fund:partner_add", args=[application.pk]), {"organisation": consortium.school.pk}
    )
    assert added.status_code == 302
    submitted_ = client.post(reverse("fund:application_submit", args=[application.pk]))
    assert submitted_.status_code == 302
    assert FundApplication.objects.get().state == ApplicationState.SUBMITTED
    assert (
        "fund:application_detail"
        and _client(consortium.applicant).get(reverse("fund:mine")).status_code == 200
    )


def test_a_bad_application_form_shows_dutch_errors_and_saves_nothing():
    open_call = call()
    consortium = Consortium()
    response = _client(consortium.applicant).post(
        reverse("fund:application_create", args=[open_call.pk]),
        {"lead_organisation": consortium.lead.pk, "title": "", "requested": "veel"},
    )
    assert response.status_code == 400
    assert "Vul een titel in." in _html(response)
    assert "Vul een bedrag in euro in" in _html(response)
    assert not FundApplication.objects.exists()


def test_asking_too_much_shows_the_services_message_on_the_field():
    open_call = call(max_per_application_cents=10_000_00)
    consortium = Consortium()
    response = _client(consortium.applicant).post(
        reverse("fund:application_create", args=[open_call.pk]),
        {"lead_organisation": consortium.lead.pk, "title": "Plan", "requested": "10000,01"},
    )
    assert response.status_code == 400
    assert "U kunt hoogstens € 10.000,00 vragen bij deze oproep." in _html(response)


def test_the_lead_changes_a_draft_but_not_after_submitting():
    application, consortium = draft()
    client = _client(consortium.applicant)
    url = reverse("fund:application_edit", args=[application.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Beter plan", "requested": "1000", "summary": ""})
    assert response.status_code == 302
    assert FundApplication.objects.get().title == "Beter plan"
    application, consortium = submitted()
    response = _client(consortium.applicant).post(
        reverse("fund:application_edit", args=[application.pk]), {"title": "Anders", "requested": "1000"}
    )
    assert response.status_code == 409
    assert "geen concept meer" in _html(response)


def test_the_lead_removes_a_partner():
    application, consortium = draft()
    member = application.members.get(organisation=consortium.school)
    response = _client(consortium.applicant).post(
        reverse("fund:partner_remove", args=[application.pk, member.pk])
    )
    assert response.status_code == 302
    assert application.members.count() == 1


@pytest.mark.parametrize("role", [None, "resident", "employer", "school", "coach", "administrator"])
def test_outsiders_do_not_see_an_application(role):
    application, _ = submitted()
    response = _client(UserFactory(role=role) if role else None).get(
        reverse("fund:application_detail", args=[application.pk])
    )
    assert response.status_code == (302 if role is None else 403)


def test_a_partners_staff_sees_the_application_but_may_not_change_it():
    application, consortium = draft()
    partner = _client(MembershipFactory(organisation=consortium.school, user__role="school").user)
    assert partner.get(reverse("fund:application_detail", args=[application.pk])).status_code == 200
    assert partner.get(reverse("fund:application_edit", args=[application.pk])).status_code == 403
    assert partner.post(reverse("fund:application_submit", args=[application.pk])).status_code == 403
    assert (
        partner.post(reverse("fund:partner_add", args=[application.pk]), {"organisation": 1}).status_code
        == 403
    )


def test_the_programme_office_takes_up_reviews_decides_pays_and_closes():
    money = fund(funded_cents=100_000_00)
    application, consortium = submitted(call_=call(funder_=money), requested_cents=20_000_00)
    first, second = office(), office()
    client = _client(first)
    assert client.post(reverse("fund:start_review", args=[application.pk])).status_code == 302
    criteria = list(application.call.criteria.all())
    for reviewer in (first, second):
        review_url = reverse("fund:review", args=[application.pk])
        assert _client(reviewer).get(review_url).status_code == 200
        response = _client(reviewer).post(
            review_url, {**{f"criterion_{c.pk}": "4" for c in criteria}, "comment": "Sterk plan."}
        )
        assert response.status_code == 302
    assert Review.objects.count() == 2

    refused = client.post(
        reverse("fund:decide", args=[application.pk]),
        {"decision": "grant", "amount": "20000,01", "reason": "Goed"},
    )
    assert refused.status_code == 400
    assert "U kunt niet meer toekennen dan er is gevraagd" in _html(refused)
    decided = client.post(
        reverse("fund:decide", args=[application.pk]),
        {"decision": "grant", "amount": "18000", "reason": "Goed"},
    )
    assert decided.status_code == 302
    assert FundApplication.objects.get().granted_cents == 18_000_00

    assert client.post(reverse("fund:pay", args=[application.pk])).status_code == 302
    again = client.post(reverse("fund:pay", args=[application.pk]), follow=True)
    assert "al betaald" in _html(again)
    assert LedgerTransaction.objects.filter(kind="payment").count() == 1

    lead = _client(consortium.applicant)
    report_url = reverse("fund:report", args=[application.pk])
    assert lead.get(report_url).status_code == 200
    indicators = [t.indicator for t in application.targets.all()]
    response = lead.post(
        report_url,
        {
            "period_start": (today() - dt.timedelta(days=30)).isoformat(),
            "period_end": today().strftime("%d-%m-%Y"),
            "spent": "18000",
            "text": "Klaar.",
            **{f"indicator_{i.pk}": "12" for i in indicators},
        },
    )
    assert response.status_code == 302
    assert SpendingReport.objects.get().spent_cents == 18_000_00

    closed = client.post(reverse("fund:account", args=[application.pk]), {"reason": ""})
    assert closed.status_code == 302
    assert FundApplication.objects.get().state == ApplicationState.ACCOUNTED_FOR

    overview = client.get(reverse("fund:overview"))
    assert overview.status_code == 200
    assert "€ 18.000,00" in _html(overview)
    call_page = client.get(reverse("fund:call_overview", args=[application.call.pk]))
    assert call_page.status_code == 200
    assert application.title in _html(call_page)


def test_a_refused_step_shows_the_dutch_message_with_status_409():
    application, _ = in_review()
    response = _client(office()).post(reverse("fund:pay", args=[application.pk]))
    assert response.status_code == 409
    assert "Dit kan nu niet. De aanvraag heeft de status ‘Wordt beoordeeld’." in _html(response)


def test_deciding_with_too_few_reviews_is_a_409_with_a_message():
    application, _ = in_review()
    response = _client(office()).post(
        reverse("fund:decide", args=[application.pk]), {"decision": "reject", "reason": "Nee"}
    )
    assert response.status_code == 409
    assert "Voor een besluit zijn er minstens 2 nodig." in _html(response)


def test_a_reviewer_with_a_conflict_of_interest_gets_403():
    application, consortium = in_review()
    reviewer = office()
    MembershipFactory(user=reviewer, organisation=consortium.lead)
    client = _client(reviewer)
    assert client.get(reverse("fund:review", args=[application.pk])).status_code == 403
    page = client.get(reverse("fund:application_detail", args=[application.pk]))
    assert "U mag deze aanvraag niet beoordelen" in _html(page)
    assert (
        client.post(
            reverse("fund:decide", args=[application.pk]), {"decision": "reject", "reason": "Nee"}
        ).status_code
        == 403
    )


@pytest.mark.parametrize("name", ["fund:start_review", "fund:pay", "fund:account", "fund:decide"])
@pytest.mark.parametrize("role", ["employer", "school", "coach", "resident", "administrator"])
def test_only_the_programme_office_uses_its_buttons(name, role):
    application, consortium = granted()
    user = consortium.applicant if role == "employer" else UserFactory(role=role)
    response = _client(user).post(reverse(name, args=[application.pk]), {"decision": "grant", "reason": "x"})
    assert response.status_code == 403
    assert FundApplication.objects.get().state == "granted"


@pytest.mark.parametrize("role", ["resident", "employer", "school", "coach", "administrator"])
def test_the_overview_and_new_calls_are_for_the_programme_office(role):
    client = _client(UserFactory(role=role))
    assert client.get(reverse("fund:overview")).status_code == 403
    assert client.get(reverse("fund:call_create")).status_code == 403


def test_the_programme_office_makes_a_call_on_the_page():
    money = fund()
    client = _client(office())
    assert client.get(reverse("fund:call_create")).status_code == 200
    from doorleren.fund.models import Indicator, ProgrammeLine

    line = ProgrammeLine.objects.get(number=5)
    response = client.post(
        reverse("fund:call_create"),
        {
            "funder": money.pk,
            "title": "Basisbanen 2027",
            "programme_line": line.pk,
            "indicators": [i.pk for i in Indicator.objects.filter(programme_line=line)],
            "ceiling": "200000",
            "max_per_application": "50000",
            "opens_on": today().isoformat(),
            "closes_on": (today() + dt.timedelta(days=30)).isoformat(),
            "criterion_1_name": "Bereik",
            "criterion_1_weight": "2",
            "criterion_1_max": "5",
        },
    )
    assert response.status_code == 302
    made = FundCall.objects.get(title="Basisbanen 2027")
    assert (made.ceiling_cents, made.criteria.count()) == (200_000_00, 1)


def test_a_call_with_indicators_of_another_line_is_refused_on_the_page():
    money = fund()
    from doorleren.fund.models import Indicator, ProgrammeLine

    response = _client(office()).post(
        reverse("fund:call_create"),
        {
            "funder": money.pk,
            "title": "Verkeerd",
            "programme_line": ProgrammeLine.objects.get(number=1).pk,
            "indicators": [Indicator.objects.get(code="basisbanen").pk],
            "ceiling": "1000",
            "max_per_application": "1000",
            "opens_on": today().isoformat(),
            "closes_on": today().isoformat(),
            "criterion_1_name": "Bereik",
        },
    )
    assert response.status_code == 400
    assert "Kies alleen indicatoren van de programmalijn" in _html(response)
    assert not FundCall.objects.filter(title="Verkeerd").exists()


def test_a_post_without_csrf_token_is_refused():
    application, consortium = draft()
    client = Client(enforce_csrf_checks=True)
    client.force_login(consortium.applicant)
    assert client.post(reverse("fund:application_submit", args=[application.pk])).status_code == 403
    assert FundApplication.objects.get().state == "draft"


BAD_IDS = ["987654321", HUGE_INT, "abc", LONG, "9" * 5000]


@pytest.mark.parametrize("role", ["employer", "programme_office"])
def test_bad_ids_and_junk_input_never_give_a_500(role):
    application, consortium = paid()
    user = consortium.applicant if role == "employer" else office()
    sweep = Sweep(client=_client(user))
    for name, args in [
        ("fund:call_detail", 1),
        ("fund:application_create", 1),
        ("fund:application_detail", 1),
        ("fund:application_edit", 1),
        ("fund:partner_add", 1),
        ("fund:application_submit", 1),
        ("fund:start_review", 1),
        ("fund:review", 1),
        ("fund:decide", 1),
        ("fund:pay", 1),
        ("fund:account", 1),
        ("fund:report", 1),
        ("fund:call_overview", 1),
    ]:
        url = reverse(name, args=[987654321] * args)
        for bad in BAD_IDS:
            target = url.replace("987654321", bad)
            sweep.send("get", target)
            sweep.send("post", target, data={"x": LONG})
        real = reverse(name, args=[application.call.pk if "call" in name else application.pk])
        for junk in (
            {"title": "\x00", "requested": LONG, "lead_organisation": HUGE_INT, "organisation": "abc"},
            {"decision": "grant", "amount": "9" * 40, "reason": LONG},
            {"period_start": "31-02-2026", "period_end": LONG, "spent": "-1"},
            {"criterion_1": HUGE_INT, "comment": "\x00"},
        ):
            sweep.send("post", real, data=junk)
    sweep.send("post", reverse("fund:partner_remove", args=[application.pk, 987654321]))
    sweep.send(
        "post", reverse("fund:call_create"), data={"funder": HUGE_INT, "ceiling": "1e9", "indicators": "x"}
    )
    assert not sweep.problems, sweep.report()
    assert FundApplication.objects.get().state == "paid"


def test_a_draft_is_the_consortiums_own_until_it_is_submitted():
    application, consortium = draft()
    assert _client(office()).get(reverse("fund:application_detail", args=[application.pk])).status_code == 403
    assert (
        _client(consortium.applicant)
        .get(reverse("fund:application_detail", args=[application.pk]))
        .status_code
        == 200
    )

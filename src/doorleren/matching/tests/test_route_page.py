"""The page "Wat moet ik leren?" (``matching:route``): goals, hours per week, an end date, dates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning.tests.factories import ModuleCompetencyFactory, ModuleFactory, ModuleStartFactory
from doorleren.opportunities.models import OpportunityStatus
from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory, OpportunityFactory
from doorleren.profiles.tests.factories import ResidentFactory, ResidentProfileFactory
from doorleren.taxonomy.tests.factories import (
    CompetencyFactory,
    RegionalOccupationCompetencyFactory,
    RegionalOccupationFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db

URL = "/leren/route/"


@pytest.fixture
def occupation():
    occupation = RegionalOccupationFactory(
        code="operator", label="Operator waterstof", sector=SectorFactory(label="Energie")
    )
    computer = CompetencyFactory(code="ict-computer", label="Werken met de computer")
    RegionalOccupationCompetencyFactory(regional_occupation=occupation, competency=computer, level=3)
    module = ModuleFactory(title="Computer voor operators", price_cents=123456, hours=30)
    ModuleCompetencyFactory(module=module, competency=computer, level=3)
    return occupation


@pytest.fixture
def resident(client):
    profile = ResidentProfileFactory(hours_per_week=10)
    client.force_login(profile.user)
    return profile


def test_the_url_is_leren_route():
    assert reverse("matching:route") == URL


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.SCHOOL, Role.COACH, Role.PROGRAMME_OFFICE])
def test_only_residents_see_the_page(client, role, occupation):
    client.force_login(UserFactory(role=role))
    assert client.get(URL, {"doel": occupation.code}).status_code == 403


def test_a_resident_without_profile_is_sent_to_fill_one_in(client):
    client.force_login(ResidentFactory())
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:preferences")


def test_the_empty_page_is_a_plain_get_form_with_a_labelled_select(client, resident, occupation):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get" action="/leren/route/"' in html
    assert '<label class="utrecht-form-label" for="id_doel">Welk beroep wilt u leren?</label>' in html
    assert '<select class="utrecht-select utrecht-select--html-select" name="doel" id="id_doel"' in html
    assert '<optgroup label="Energie">' in html
    assert '<option value="operator">Operator waterstof</option>' in html
    assert "Uw route naar" not in html


def test_a_chosen_goal_shows_the_route_with_cost_hours_and_weeks(client, resident, occupation):
    response = client.get(URL, {"doel": "operator"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<option value="operator" selected>' in html
    assert "Uw route naar Operator waterstof" in html
    assert "Computer voor operators" in html
    assert "€ 1.234,56" in html
    assert "30 uur" in html
    assert "Ongeveer 3 weken, als u 10 uur per week leert." in html
    assert "U heeft deze competentie nog niet. Voor dit beroep is niveau 3 nodig." in html
    assert "Dit is de goedkoopste route met het aanbod van nu." in html


def test_a_gap_in_the_offer_is_named(client, resident, occupation):
    RegionalOccupationCompetencyFactory(
        regional_occupation=occupation, competency=CompetencyFactory(label="Lassen onder water"), level=4
    )
    html = client.get(URL, {"doel": "operator"}).content.decode()
    assert "Voor 1 competentie is in de regio nog geen module." in html
    assert "Lassen onder water (niveau 4)" in html
    assert "Computer voor operators" in html


@pytest.mark.parametrize("code", ["bestaat-niet", "", "<script>", "operator "])
def test_an_unknown_goal_is_a_clear_400_not_a_500(client, resident, occupation, code):
    response = client.get(URL, {"doel": code})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er ging iets mis" in html
    assert ("Dit beroep kennen wij niet. Kies een beroep uit de lijst." in html) or (
        "Kies een beroep, of kies hieronder competenties." in html
    )
    assert "Uw route naar" not in html


def test_a_nul_character_in_the_goal_is_a_400(client, resident, occupation):
    assert client.get(URL, {"doel": "operator\x00"}).status_code == 400


def test_the_page_is_in_english_when_asked(client, resident, occupation):
    response = client.get("/en" + URL, {"doel": "operator"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "What should I learn?" in html
    assert "Your route to Operator waterstof" in html
    assert "You do not have this competency yet. This occupation needs level 3." in html
    assert "Wat moet ik leren?" not in html


def test_residents_find_the_page_from_their_start_page_and_from_an_occupation(client, resident, occupation):
    assert URL in client.get(reverse("web:start")).content.decode()
    detail = client.get(reverse("taxonomy:regional_occupation_detail", kwargs={"code": "operator"}))
    assert f"{URL}?doel=operator" in detail.content.decode()


def test_others_see_no_link_on_the_occupation_page(client, occupation):
    client.force_login(UserFactory(role=Role.EMPLOYER))
    detail = client.get(reverse("taxonomy:regional_occupation_detail", kwargs={"code": "operator"}))
    assert URL not in detail.content.decode()


WEDNESDAY = datetime.date(2026, 3, 4)


@pytest.fixture
def wednesday(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: WEDNESDAY)
    return WEDNESDAY


@pytest.fixture
def opportunity():
    opportunity = OpportunityFactory(title="Operator Eemshaven", hours_per_week=8)
    computer = CompetencyFactory(code="ict-computer", label="Werken met de computer")
    OpportunityCompetencyFactory(opportunity=opportunity, competency=computer, level=3)
    module = ModuleFactory(title="Computer voor operators", price_cents=123456, hours=30)
    ModuleCompetencyFactory(module=module, competency=computer, level=3)
    return opportunity


def test_the_form_offers_competencies_with_a_level_and_the_time_fields(client, resident, occupation):
    html = client.get(URL).content.decode()
    assert '<label class="utrecht-form-label" for="id_competentie1">Competentie 1</label>' in html
    assert '<option value="ict-computer">Werken met de computer</option>' in html
    assert 'for="id_niveau5">Niveau bij competentie 5</label>' in html
    assert '<option value="2" selected>2. Zelfstandig bij gewone taken</option>' in html
    # hours per week from the profile; the end date is empty
    assert 'type="number" name="uren" id="id_uren" value="10"' in html
    assert 'type="date" name="klaar_op" id="id_klaar_op" aria-describedby="id_klaar_op_helptext"' in html


def test_the_route_shows_a_start_and_end_date_per_module_and_for_the_route(
    client, resident, occupation, wednesday
):
    html = client.get(URL, {"doel": "operator"}).content.decode()
    # 30 hours at 10 hours a week from Monday 9 March: three weeks
    assert "Van 9 maart 2026 tot en met 29 maart 2026." in html
    assert "Er is nog geen startdatum bekend." in html
    assert "maandag 9 maart 2026" in html
    assert 'U bent klaar rond</dt><dd class="utrecht-data-list__item-value">29 maart 2026' in html


def test_a_start_date_of_the_school_is_used(client, resident, occupation, wednesday):
    ModuleStartFactory(
        module=ModuleFactory._meta.model.objects.get(title="Computer voor operators"),
        start_date=datetime.date(2026, 4, 6),
        end_date=datetime.date(2026, 5, 31),
    )
    html = client.get(URL, {"doel": "operator"}).content.decode()
    assert "Van 6 april 2026 tot en met 31 mei 2026." in html
    assert "Deze startdatum geeft de school of het bedrijf." in html


def test_hours_per_week_in_the_form_override_the_profile(client, resident, occupation, wednesday):
    html = client.get(URL, {"doel": "operator", "uren": "15"}).content.decode()
    assert "Ongeveer 2 weken, als u 15 uur per week leert." in html
    assert 'name="uren" id="id_uren" value="15"' in html


def test_an_end_date_too_close_says_how_many_hours_fit_and_how_many_are_needed(
    client, resident, occupation, wednesday
):
    response = client.get(URL, {"doel": "operator", "klaar_op": "2026-03-22"})  # two weeks from 9 March
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze route past niet in uw tijd." in html
    assert "Tot 22 maart 2026 kunt u 20 uur leren, als u 10 uur per week leert." in html
    assert "De goedkoopste route duurt 30 uur." in html
    assert "Computer voor operators" in html  # the cheapest route without the end date


def test_an_end_date_that_fits_says_so(client, resident, occupation, wednesday):
    html = client.get(URL, {"doel": "operator", "klaar_op": "2026-04-30"}).content.decode()
    assert "Deze route past niet in uw tijd." not in html
    assert "Dit is de goedkoopste route met het aanbod van nu die in uw tijd past." in html
    assert 'U wilt klaar zijn op</dt><dd class="utrecht-data-list__item-value">30 april 2026' in html


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-03-04", "Kies een datum na vandaag."),
        ("2020-01-01", "Kies een datum na vandaag."),
        ("2031-03-05", "Kies een datum binnen 5 jaar."),
        ("morgen", "Vul een datum in, bijvoorbeeld 31-12-2027."),
        ("2026-02-30", "Vul een datum in, bijvoorbeeld 31-12-2027."),
        ("9" * 5000, "Vul een datum in, bijvoorbeeld 31-12-2027."),
    ],
)
def test_a_wrong_end_date_is_a_400_with_the_error_linked_to_the_field(
    client, resident, occupation, wednesday, value, message
):
    response = client.get(URL, {"doel": "operator", "klaar_op": value})
    html = response.content.decode()
    assert response.status_code == 400
    assert f'<a class="utrecht-link" href="#id_klaar_op">{message}</a>' in html
    assert 'aria-invalid="true" aria-describedby="id_klaar_op_helptext id_klaar_op_error"' in html
    assert "Uw route naar" not in html


def test_a_date_in_dutch_notation_is_understood(client, resident, occupation, wednesday):
    assert client.get(URL, {"doel": "operator", "klaar_op": "30-04-2026"}).status_code == 200


def test_an_end_date_needs_hours_per_week(client, occupation, wednesday):
    profile = ResidentProfileFactory(hours_per_week=None)
    client.force_login(profile.user)
    response = client.get(URL, {"doel": "operator", "klaar_op": "2026-04-30"})
    assert response.status_code == 400
    assert "Vul in hoeveel uur per week u kunt leren." in response.content.decode()
    assert client.get(URL, {"doel": "operator", "klaar_op": "2026-04-30", "uren": "8"}).status_code == 200


@pytest.mark.parametrize("hours", ["0", "41", "-3", "acht", "1.5", "9" * 5000])
def test_wrong_hours_per_week_are_a_400(client, resident, occupation, hours):
    response = client.get(URL, {"doel": "operator", "uren": hours})
    assert response.status_code == 400
    assert "Vul een heel getal in van 1 tot en met 40." in response.content.decode()


# --- an open opportunity as the goal ------------------------------------------------------------------


def test_an_open_opportunity_is_a_goal(client, resident, opportunity):
    response = client.get(URL, {"werk": opportunity.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Uw route naar Operator Eemshaven" in html
    assert "Voor dit werk is niveau 3 nodig." in html
    assert "Computer voor operators" in html
    assert f'<input type="hidden" name="werk" value="{opportunity.pk}">' in html
    assert f'href="/werk/{opportunity.pk}/"' in html
    assert 'name="doel"' not in html  # the goal is fixed; "Kies een ander doel" clears it


@pytest.mark.parametrize("value", ["abc", "0", "-1", "99999999999999999999", "9" * 5000, "1.5"])
def test_a_malformed_opportunity_id_is_a_400(client, resident, opportunity, value):
    response = client.get(URL, {"werk": value})
    assert response.status_code == 400
    assert "Dit werk kennen wij niet. Kies een ander doel." in response.content.decode()


def test_a_nul_character_in_the_opportunity_is_a_400(client, resident, opportunity):
    assert client.get(URL, {"werk": "1\x00"}).status_code == 400


def test_an_unknown_or_closed_opportunity_is_a_404_with_a_clear_message(client, resident, opportunity):
    response = client.get(URL, {"werk": "987654321"})
    assert response.status_code == 404
    assert "Dit werk kennen wij niet, of het staat niet meer open." in response.content.decode()
    opportunity.status = OpportunityStatus.CLOSED
    opportunity.save()
    assert client.get(URL, {"werk": opportunity.pk}).status_code == 404


def test_work_matches_link_to_the_route_for_each_opportunity(client, resident, opportunity):
    from doorleren.profiles.tests.factories import ResidentCompetencyFactory
    from doorleren.taxonomy.models import Competency

    ResidentCompetencyFactory(
        profile=resident, competency=Competency.objects.get(code="ict-computer"), level=1
    )
    html = client.get(reverse("matching:work")).content.decode()
    assert f'href="/leren/route/?werk={opportunity.pk}">Wat moet ik hiervoor leren?' in html


# --- competencies the resident chooses ------------------------------------------------------------------


def test_chosen_competencies_are_a_goal(client, resident, occupation):
    response = client.get(URL, {"competentie1": "ict-computer", "niveau1": "3"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Uw route naar Werken met de computer" in html
    assert "U wilt niveau 3 halen." in html
    assert '<option value="ict-computer" selected>Werken met de computer</option>' in html
    assert '<option value="3" selected>3. Zelfstandig, ook bij lastige taken</option>' in html


def test_a_chosen_competency_without_a_level_needs_level_2(client, resident, occupation):
    html = client.get(URL, {"competentie2": "ict-computer"}).content.decode()
    assert "U wilt niveau 2 halen." in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"competentie1": "bestaat-niet"},
            "Deze competentie kennen wij niet. Kies een competentie uit de lijst.",
        ),
        ({"competentie1": "ict-computer", "niveau1": "7"}, "Een niveau is 1, 2, 3 of 4."),
        ({"competentie1": "ict-computer", "competentie2": "ict-computer"}, "Deze competentie koos u al."),
        ({"competentie1": "ict-computer", "doel": "operator"}, "Kies één doel: een beroep of competenties."),
        ({"uren": "8"}, "Kies een beroep, of kies hieronder competenties."),
    ],
)
def test_wrong_competency_choices_are_a_400(client, resident, occupation, query, message):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_route_can_be_saved_from_the_page_with_a_csrf_protected_post(client, resident, occupation):
    html = client.get(URL, {"doel": "operator"}).content.decode()
    assert '<form method="post" action="/leren/route/bewaren/">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<input type="hidden" name="doel" value="operator">' in html
    assert "Bewaar deze route" in html


def test_the_route_shows_who_pays_and_what_is_left_to_pay_after_the_budgets(client, resident, occupation):
    from doorleren.budgets.tests import factories as budget_factories

    today = timezone.localdate()
    rule = budget_factories.rule(
        funder_=budget_factories.funder(name="Regionaal LLO-budget"),
        amount_cents=50_000,
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=365),
    )
    budget_factories.grant(rule_=rule, resident_=resident.user, today=today)

    html = client.get(URL, {"doel": "operator"}).content.decode()

    assert "Wie betaalt wat?" in html
    assert "Regionaal LLO-budget betaalt € 500,00." in html
    assert "U betaalt zelf € 734,56." in html
    assert "€ 1.234,56" in html  # the whole cost stays visible


def test_without_budgets_the_resident_reads_that_they_pay_everything(client, resident, occupation):
    html = client.get(URL, {"doel": "operator"}).content.decode()

    assert "U heeft nu geen budget dat deze modules betaalt. U betaalt dus zelf alles." in html
    assert "U betaalt zelf" in html

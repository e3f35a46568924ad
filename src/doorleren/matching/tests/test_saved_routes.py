"""Keeping learning routes: ``saved_route_create`` / ``saved_route_delete``, and the page "Mijn leerroutes"."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.core.errors import ApplicationError
from doorleren.learning.tests.factories import ModuleCompetencyFactory, ModuleFactory, ModuleStartFactory
from doorleren.matching import selectors, services
from doorleren.matching.models import SavedRoute, SavedRouteModule
from doorleren.profiles.tests.factories import ResidentCompetencyFactory, ResidentProfileFactory
from doorleren.taxonomy.tests.factories import (
    CompetencyFactory,
    RegionalOccupationCompetencyFactory,
    RegionalOccupationFactory,
)
from doorleren.web.navigation import BY_ROLE

pytestmark = pytest.mark.django_db

SAVE_URL = "/leren/route/bewaren/"
LIST_URL = "/leren/mijn-routes/"
WEDNESDAY = datetime.date(2026, 3, 4)


@pytest.fixture(autouse=True)
def wednesday(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: WEDNESDAY)


@pytest.fixture
def computer():
    return CompetencyFactory(code="ict-computer", label="Werken met de computer")


@pytest.fixture
def occupation(computer):
    occupation = RegionalOccupationFactory(code="operator", label="Operator waterstof")
    RegionalOccupationCompetencyFactory(regional_occupation=occupation, competency=computer, level=3)
    RegionalOccupationCompetencyFactory(
        regional_occupation=occupation, competency=CompetencyFactory(label="Lassen onder water"), level=4
    )
    return occupation


@pytest.fixture
def modules(computer):
    basis = ModuleFactory(title="Basis computer", price_cents=10050, hours=10)
    course = ModuleFactory(title="Computer voor operators", price_cents=123456, hours=30)
    course.prerequisites.add(basis)
    ModuleCompetencyFactory(module=course, competency=computer, level=3)
    ModuleStartFactory(
        module=course, start_date=datetime.date(2026, 4, 6), end_date=datetime.date(2026, 5, 31)
    )
    return basis, course


@pytest.fixture
def profile():
    return ResidentProfileFactory(hours_per_week=10)


def _route(profile, occupation, **kwargs):
    goal = selectors.route_goal_for_occupation(
        occupation=selectors.regional_occupation_for_route(code="operator")
    )
    return selectors.learning_route(profile=profile, goal=goal, **kwargs)


# --- services -----------------------------------------------------------------------------------------


def test_a_saved_route_keeps_the_goal_and_the_modules_with_price_hours_and_dates(
    profile, occupation, modules
):
    basis, course = modules
    route = _route(profile, occupation, finish_by=datetime.date(2026, 12, 31))

    saved = services.saved_route_create(resident=profile.user, route=route)

    saved.refresh_from_db()
    assert saved.resident == profile.user
    assert (saved.goal_kind, saved.goal_reference, saved.goal_label) == (
        "occupation",
        "operator",
        "Operator waterstof",
    )
    assert saved.cost_cents == 133506
    assert saved.hours == 40
    assert saved.hours_per_week == 10
    assert saved.finish_by == datetime.date(2026, 12, 31)
    assert saved.start_date == datetime.date(2026, 3, 9)
    assert saved.end_date == datetime.date(2026, 5, 31)
    assert saved.proven_optimal is True
    assert saved.fits is True
    assert saved.uncovered == [
        {"code": saved.uncovered[0]["code"], "label": "Lassen onder water", "level": 4}
    ]
    steps = list(saved.steps.order_by("position"))
    assert [(s.position, s.module, s.title, s.cost_cents, s.hours) for s in steps] == [
        (0, basis, "Basis computer", 10050, 10),
        (1, course, "Computer voor operators", 123456, 30),
    ]
    assert (steps[1].start_date, steps[1].end_date, steps[1].fixed_start) == (
        datetime.date(2026, 4, 6),
        datetime.date(2026, 5, 31),
        True,
    )
    assert steps[0].provider_name == basis.provider.name


def test_saving_the_same_route_twice_keeps_it_once(profile, occupation, modules):
    first = services.saved_route_create(resident=profile.user, route=_route(profile, occupation))
    again = services.saved_route_create(resident=profile.user, route=_route(profile, occupation))
    assert again == first
    assert SavedRoute.objects.count() == 1
    other_hours = services.saved_route_create(
        resident=profile.user, route=_route(profile, occupation, hours_per_week=20)
    )
    assert other_hours != first


def test_a_route_that_does_not_fit_the_time_is_kept_with_fits_false(profile, occupation, modules):
    route = _route(profile, occupation, finish_by=datetime.date(2026, 3, 22))
    assert route.shortfall is not None
    saved = services.saved_route_create(resident=profile.user, route=route)
    assert saved.fits is False


def test_a_module_removed_from_the_offer_stays_in_the_saved_route_by_title(profile, occupation, modules):
    basis, course = modules
    saved = services.saved_route_create(resident=profile.user, route=_route(profile, occupation))
    course.delete()
    step = SavedRouteModule.objects.get(saved_route=saved, position=1)
    assert step.module is None
    assert step.title == "Computer voor operators"


def test_only_a_route_with_modules_can_be_kept(profile, occupation, computer):
    ResidentCompetencyFactory(profile=profile, competency=computer, level=4)
    with pytest.raises(ApplicationError) as caught:
        services.saved_route_create(resident=profile.user, route=_route(profile, occupation))
    assert caught.value.code == "nothing_to_save"
    assert not SavedRoute.objects.exists()


def test_only_residents_keep_routes(profile, occupation, modules):
    route = _route(profile, occupation)
    with pytest.raises(ApplicationError) as caught:
        services.saved_route_create(resident=UserFactory(role=Role.COACH), route=route)
    assert caught.value.code == "not_resident"


def test_a_resident_keeps_at_most_the_maximum(profile, occupation, modules, monkeypatch):
    monkeypatch.setattr(services, "SAVED_ROUTES_MAX", 2)
    for hours in (10, 20):
        services.saved_route_create(
            resident=profile.user, route=_route(profile, occupation, hours_per_week=hours)
        )
    with pytest.raises(ApplicationError) as caught:
        services.saved_route_create(
            resident=profile.user, route=_route(profile, occupation, hours_per_week=30)
        )
    assert caught.value.code == "too_many_saved_routes"
    assert SavedRoute.objects.count() == 2


def test_a_resident_deletes_only_their_own_route(profile, occupation, modules):
    saved = services.saved_route_create(resident=profile.user, route=_route(profile, occupation))
    other = ResidentProfileFactory()
    with pytest.raises(ApplicationError) as caught:
        services.saved_route_delete(resident=other.user, saved_route=saved)
    assert caught.value.status == 404
    assert SavedRoute.objects.filter(pk=saved.pk).exists()

    services.saved_route_delete(resident=profile.user, saved_route=saved)
    assert not SavedRoute.objects.exists()
    assert not SavedRouteModule.objects.exists()


def test_the_selectors_give_only_the_residents_own_routes_newest_first(profile, occupation, modules):
    first = services.saved_route_create(resident=profile.user, route=_route(profile, occupation))
    second = services.saved_route_create(
        resident=profile.user, route=_route(profile, occupation, hours_per_week=20)
    )
    other = ResidentProfileFactory()
    assert list(selectors.saved_routes_for_resident(resident=profile.user)) == [second, first]
    assert list(selectors.saved_routes_for_resident(resident=other.user)) == []
    assert selectors.saved_route_for_resident(resident=other.user, pk=first.pk) is None
    assert selectors.saved_route_for_resident(resident=profile.user, pk=first.pk) == first


# --- pages --------------------------------------------------------------------------------------------


@pytest.fixture
def resident_client(client, profile):
    client.force_login(profile.user)
    return client


def test_the_urls():
    assert reverse("matching:route_save") == SAVE_URL
    assert reverse("matching:saved_routes") == LIST_URL
    assert reverse("matching:saved_route_delete", kwargs={"pk": 3}) == "/leren/mijn-routes/3/verwijderen/"


def test_saving_from_the_route_page_keeps_the_route_and_shows_it(resident_client, occupation, modules):
    response = resident_client.post(SAVE_URL, {"doel": "operator", "uren": "10", "klaar_op": "2026-12-31"})
    saved = SavedRoute.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST_URL}#route-{saved.pk}"
    assert saved.finish_by == datetime.date(2026, 12, 31)

    html = resident_client.get(LIST_URL).content.decode()
    assert "Uw leerroute is bewaard." in html
    assert "Route naar Operator waterstof" in html
    assert "Basis computer" in html
    assert "€ 1.335,06" in html
    assert "40 uur" in html
    assert "Van 6 april 2026 tot en met 31 mei 2026." in html
    assert "Lassen onder water (niveau 4)" in html
    assert "/leren/route/?doel=operator&amp;uren=10&amp;klaar_op=2026-12-31" in html
    assert f"/leren/mijn-routes/{saved.pk}/verwijderen/" in html


def test_the_save_uses_the_goal_not_posted_modules_or_prices(resident_client, occupation, modules):
    resident_client.post(SAVE_URL, {"doel": "operator", "cost_cents": "1", "modules": "999"})
    assert SavedRoute.objects.get().cost_cents == 133506


def test_saving_needs_the_csrf_token(profile, occupation, modules):
    client = Client(enforce_csrf_checks=True)
    client.force_login(profile.user)
    assert client.post(SAVE_URL, {"doel": "operator"}).status_code == 403
    assert not SavedRoute.objects.exists()


def test_saving_is_post_only(resident_client, occupation, modules):
    assert resident_client.get(SAVE_URL, {"doel": "operator"}).status_code == 405
    assert not SavedRoute.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"doel": "bestaat-niet"},
        {"werk": "987654321"},
        {"werk": "abc"},
        {"doel": "operator", "klaar_op": "gisteren"},
    ],
)
def test_saving_a_wrong_goal_saves_nothing_and_says_so(resident_client, occupation, modules, data):
    response = resident_client.post(SAVE_URL, data, follow=True)
    assert response.status_code == 200
    assert "Deze route kunnen wij niet bewaren. Kies uw doel opnieuw." in response.content.decode()
    assert not SavedRoute.objects.exists()


def test_saving_when_there_is_nothing_to_learn_says_so(resident_client, profile, occupation, computer):
    ResidentCompetencyFactory(profile=profile, competency=computer, level=4)
    response = resident_client.post(SAVE_URL, {"doel": "operator"}, follow=True)
    assert "Er is geen route om te bewaren." in response.content.decode()
    assert not SavedRoute.objects.exists()


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.COACH, Role.SCHOOL])
def test_only_residents_save_and_see_saved_routes(client, occupation, modules, role):
    client.force_login(UserFactory(role=role))
    assert client.post(SAVE_URL, {"doel": "operator"}).status_code == 403
    assert client.get(LIST_URL).status_code == 403
    assert not SavedRoute.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (LIST_URL, "/leren/mijn-routes/1/verwijderen/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_empty_list_says_how_to_keep_a_route(resident_client):
    html = resident_client.get(LIST_URL).content.decode()
    assert "U heeft nog geen leerroutes bewaard." in html


def test_another_residents_route_is_not_shown_and_cannot_be_deleted(client, profile, occupation, modules):
    saved = services.saved_route_create(resident=profile.user, route=_route(profile, occupation))
    other = ResidentProfileFactory()
    client.force_login(other.user)
    url = reverse("matching:saved_route_delete", kwargs={"pk": saved.pk})

    assert "Operator waterstof" not in client.get(LIST_URL).content.decode()
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert SavedRoute.objects.filter(pk=saved.pk).exists()


def test_a_resident_deletes_a_route_after_confirming(resident_client, profile, occupation, modules):
    saved = services.saved_route_create(resident=profile.user, route=_route(profile, occupation))
    url = reverse("matching:saved_route_delete", kwargs={"pk": saved.pk})

    confirm = resident_client.get(url)
    assert confirm.status_code == 200
    assert "Wilt u de route naar Operator waterstof verwijderen?" in confirm.content.decode()
    assert SavedRoute.objects.exists()

    response = resident_client.post(url, follow=True)
    assert response.redirect_chain == [(LIST_URL, 302)]
    assert "De route naar Operator waterstof is verwijderd." in response.content.decode()
    assert not SavedRoute.objects.exists()


@pytest.mark.parametrize("pk", ["987654321", "99999999999999999999"])
def test_an_unknown_route_is_a_404(resident_client, pk):
    assert resident_client.get(f"/leren/mijn-routes/{pk}/verwijderen/").status_code == 404


def test_residents_find_mijn_leerroutes_in_the_menu(resident_client):
    assert ("matching:saved_routes", "Mijn leerroutes") in [
        (name, str(label)) for name, label in BY_ROLE["resident"]
    ]
    assert f'href="{LIST_URL}"' in resident_client.get(reverse("web:start")).content.decode()

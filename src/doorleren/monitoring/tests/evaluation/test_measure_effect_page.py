"""The page "Werkt het?" (monitoring:measure_effect): the programme office sees the verdict and its
caveats, others get 403, anonymous visitors log in first, an unknown measure is 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.monitoring.services.evaluation import effect_estimates_refresh

from . import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def population():
    population = world.build()
    effect_estimates_refresh(today=world.TODAY)
    return population


def _url(measure) -> str:
    return reverse("monitoring:measure_effect", kwargs={"pk": measure.pk})


def test_the_programme_office_sees_the_verdict_interval_and_caveats(client, population):
    client.force_login(UserFactory(role=Role.PROGRAMME_OFFICE))
    response = client.get(_url(population.measure))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Oordeel: Doorgaan" in html
    assert "+30,0 procentpunt" in html
    assert "Betrouwbaarheidsinterval (95%)" in html
    assert "gemotiveerder" in html
    assert "<caption" in html and "Per opleiding" in html
    assert 'scope="row"' in html


def test_an_administrator_sees_it_too(client, population):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    assert client.get(_url(population.measure)).status_code == 200


def test_small_numbers_read_minder_dan_10(client, population):
    client.force_login(UserFactory(role=Role.PROGRAMME_OFFICE))
    html = client.get(_url(population.small_measure)).content.decode()
    assert "Te vroeg om te zeggen" in html
    assert "minder dan 10" in html
    assert ">8<" not in html


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.EMPLOYER, Role.COACH, Role.SCHOOL])
def test_other_roles_get_403(client, population, role):
    client.force_login(UserFactory(role=role))
    assert client.get(_url(population.measure)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, population):
    response = client.get(_url(population.measure))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_an_unknown_measure_is_404(client, db):
    client.force_login(UserFactory(role=Role.PROGRAMME_OFFICE))
    assert client.get(reverse("monitoring:measure_effect", kwargs={"pk": 999999})).status_code == 404


def test_a_measure_without_estimate_says_so(client, db):
    client.force_login(UserFactory(role=Role.PROGRAMME_OFFICE))
    response = client.get(_url(world.measure("nieuw")))
    assert response.status_code == 200
    assert "nog geen schatting" in response.content.decode()


def test_a_post_is_not_allowed(client, population):
    client.force_login(UserFactory(role=Role.PROGRAMME_OFFICE))
    assert client.post(_url(population.measure)).status_code == 405

"""Each role gets its own start page with its own data; the programme office never sees persons."""

import pytest
from django.urls import reverse

from doorleren.accounts.tests.factories import ConsentFactory, UserFactory
from doorleren.organisations.tests.factories import GovernmentFactory, MembershipFactory
from doorleren.web.start_pages import PAGES, SMALL_CELL, municipality_table, person_count, resident_total

pytestmark = pytest.mark.django_db

ROLES = ["resident", "employer", "school", "coach", "programme_office", "administrator"]


def test_every_role_has_a_start_page():
    assert set(PAGES) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_start_page_renders_for_each_role(client, role):
    client.force_login(UserFactory(role=role))
    response = client.get(reverse("web:start"))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == f"web/start/{role}.html"
    assert "Welkom, Sanne" in response.content.decode()


def test_resident_start_page_answers_the_three_questions(client):
    client.force_login(UserFactory(role="resident"))
    html = client.get(reverse("web:start")).content.decode()
    for question in ("Wat kan ik?", "Welk werk past bij mij?", "Wat moet ik leren?"):
        assert question in html
    assert reverse("profiles:overview") in html
    assert reverse("learning:module_list") in html


def test_coach_sees_only_residents_who_gave_consent(client):
    desk = GovernmentFactory()
    coach = MembershipFactory(user=UserFactory(role="coach"), organisation=desk).user
    with_consent = UserFactory(first_name="Anne", last_name="Met Toestemming")
    UserFactory(first_name="Piet", last_name="Zonder Toestemming")
    ConsentFactory(resident=with_consent, organisation=desk)
    client.force_login(coach)
    html = client.get(reverse("web:start")).content.decode()
    assert "Anne Met Toestemming" in html
    assert reverse("profiles:resident_detail", kwargs={"user_id": with_consent.pk}) in html
    assert "Piet Zonder Toestemming" not in html


def test_programme_office_sees_no_names(client):
    UserFactory(first_name="Anne", last_name="Geheim")
    client.force_login(UserFactory(role="programme_office"))
    html = client.get(reverse("web:start")).content.decode()
    assert "Geheim" not in html
    assert "Aantallen per gemeente" in html


def test_administrator_start_page_links_to_the_admin(client):
    client.force_login(UserFactory(role="administrator"))
    assert 'href="/beheer/"' in client.get(reverse("web:start")).content.decode()


@pytest.mark.parametrize(("value", "suppressed"), [(0, True), (1, True), (SMALL_CELL - 1, True), (SMALL_CELL, False)])
def test_small_person_counts_are_suppressed(value, suppressed):
    assert person_count(value).suppressed is suppressed


def _rows(values):
    return [{"residents": person_count(value)} for value in values]


def test_regional_total_is_shown_when_no_cell_is_small():
    assert resident_total({1: 12, 2: 30}, _rows([12, 30])).value == 42


def test_regional_total_is_withheld_when_it_would_give_away_a_small_cell():
    # 50 - 45 would show that the second municipality has 5 residents.
    assert resident_total({1: 45, 2: 5}, _rows([45, 5])) is None


def test_regional_total_is_shown_when_the_small_cells_together_are_not_small():
    assert resident_total({1: 40, 2: 6, 3: 7}, _rows([40, 6, 7])).value == 53


def test_municipality_table_suppresses_small_resident_counts():
    from doorleren.region.selectors import municipalities_current

    groningen = municipalities_current().get(code="GM0014")
    rows = {row["municipality"].code: row for row in municipality_table(resident_counts={groningen.pk: 3})}
    assert rows["GM0014"]["residents"].suppressed
    assert rows["GM0014"]["modules"] == 0


def test_programme_office_page_shows_minder_dan_10(client, monkeypatch):
    from doorleren.region.selectors import municipalities_current
    from doorleren.web import start_pages

    groningen = municipalities_current().get(code="GM0014")
    monkeypatch.setattr(start_pages, "_resident_counts", lambda: {groningen.pk: 4})
    client.force_login(UserFactory(role="programme_office"))
    html = client.get(reverse("web:start")).content.decode()
    assert "minder dan 10" in html
    assert ">4<" not in html

"""The employer's pages: sign-up, scan, role, plans and downloads; bad input gets a Dutch 4xx."""

import pytest
from django.test import Client
from django.urls import reverse

from doorleren.accounts.tests.factories import UserFactory
from doorleren.organisations.models import Organisation
from doorleren.workforce.models import CompanyRole, DevelopmentPlan, RoleCompetency

from ..factories import proposed_plan, revoke_share, role_with_anne


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_new_employer_signs_up_and_joins_for_free(world):
    from doorleren.region.tests.factories import municipality

    henk2 = UserFactory(username="nieuw", role="employer")
    client = _client(henk2)
    assert client.get(reverse("workforce:scan")).url == reverse("workforce:join")
    page = client.get(reverse("workforce:join"))
    assert page.status_code == 200 and "KvK-nummer" in page.content.decode()
    bad = client.post(
        reverse("workforce:join"),
        {
            "name": "Nieuw BV",
            "kvk_number": "1234",
            "sector": "afval-circulair",
            "size_class": "micro",
            "municipality": "GM0014",
        },
    )
    assert bad.status_code == 400 and "8 cijfers" in bad.content.decode()
    municipality("GM0014")
    good = client.post(
        reverse("workforce:join"),
        {
            "name": "Nieuw BV",
            "kvk_number": "8765 4321",
            "sector": "afval-circulair",
            "size_class": "micro",
            "municipality": "GM0014",
        },
    )
    assert good.status_code == 302
    organisation = Organisation.objects.get(kvk_number="87654321")
    assert organisation.joined_cooperative_at is not None and organisation.sector_code == "afval-circulair"
    other = _client(UserFactory(username="nog-een", role="employer"))
    taken = other.post(
        reverse("workforce:join"),
        {
            "name": "Nog een",
            "kvk_number": "87654321",
            "sector": "bouw",
            "size_class": "micro",
            "municipality": "GM0014",
        },
    )
    assert taken.status_code == 409 and "KvK-nummer" in taken.content.decode()
    assert Organisation.objects.filter(kvk_number="87654321").count() == 1


def test_the_scan_and_role_pages_show_the_roles(world):
    role, _holder = role_with_anne(world)
    client = _client(world.henk)
    scan = client.get(reverse("workforce:scan"))
    assert scan.status_code == 200 and "Sorteerder" in scan.content.decode()
    page = client.get(reverse("workforce:role", kwargs={"pk": role.pk}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Afval digitaal volgen" in text and "Plan maken en voorstellen" in text


def test_without_consent_the_role_page_shows_no_levels(world):
    role, _holder = role_with_anne(world, share=False)
    text = _client(world.henk).get(reverse("workforce:role", kwargs={"pk": role.pk})).content.decode()
    assert "deelt het ontwikkelplan nog niet" in text
    assert "Kan nu" not in text


def test_another_firm_gets_404_and_a_resident_403(world):
    role, holder, plan = proposed_plan(world)
    other = _client(world.other_employer)
    for name, pk in (
        ("workforce:role", role.pk),
        ("workforce:plan", plan.pk),
        ("workforce:plan_pdf", plan.pk),
    ):
        assert other.get(reverse(name, kwargs={"pk": pk})).status_code == 404
    assert (
        other.post(
            reverse("workforce:plan_propose", kwargs={"pk": holder.pk}), {"hours_per_week": 4}
        ).status_code
        == 404
    )
    assert other.post(reverse("workforce:role_delete", kwargs={"pk": role.pk})).status_code == 404
    assert CompanyRole.objects.filter(pk=role.pk).exists()
    resident = _client(world.anne)
    assert resident.get(reverse("workforce:scan")).status_code == 403
    assert resident.get(reverse("workforce:plans")).status_code == 403


def test_making_a_role_and_a_plan_through_the_pages(world):
    client = _client(world.henk)
    response = client.post(
        reverse("workforce:role_create"),
        {"title": "Sorteerder", "regional_occupation": world.occupation.code},
    )
    role = CompanyRole.objects.get(title="Sorteerder")
    assert response.url == reverse("workforce:role", kwargs={"pk": role.pk})
    assert RoleCompetency.objects.filter(role=role).count() == 5
    client.post(reverse("workforce:holder_invite", kwargs={"pk": role.pk}), {"email": "anne@voorbeeld.nl"})
    holder = role.holders.get()
    from doorleren.workforce import services

    services.role_holder_accept(holder=holder, employee=world.anne, share_plan=True)
    response = client.post(
        reverse("workforce:plan_propose", kwargs={"pk": holder.pk}), {"hours_per_week": "6"}
    )
    plan = DevelopmentPlan.objects.get()
    assert response.url == reverse("workforce:plan", kwargs={"pk": plan.pk})
    page = client.get(reverse("workforce:plans"))
    assert "Anne Hovinga" in page.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "workforce:competency_set",
            {"competency": "bestaat-niet", "level": "2", "horizon": "now"},
            "Kies een competentie",
        ),
        (
            "workforce:competency_set",
            {"competency": "afval-sorteren", "level": "9", "horizon": "now"},
            "1, 2, 3 of 4",
        ),
        (
            "workforce:competency_set",
            {"competency": "afval-sorteren", "level": "2", "horizon": "ooit"},
            "over 3 tot 5 jaar",
        ),
        (
            "workforce:competency_remove",
            {"competency": "a\x00b", "horizon": "now"},
            "heeft deze competentie niet",
        ),
        ("workforce:holder_invite", {"email": "geen adres"}, "e-mailadres"),
    ],
)
def test_forged_posts_get_a_dutch_4xx(world, name, data, message):
    role, _holder = role_with_anne(world)
    before = RoleCompetency.objects.filter(role=role).count()
    response = _client(world.henk).post(reverse(name, kwargs={"pk": role.pk}), data)
    assert 400 <= response.status_code < 500
    assert message in response.content.decode()
    assert RoleCompetency.objects.filter(role=role).count() == before


@pytest.mark.parametrize("hours", ["0", "abc", "99999999999999999999", ""])
def test_bad_hours_get_a_dutch_400(world, hours):
    _role, holder = role_with_anne(world)
    response = _client(world.henk).post(
        reverse("workforce:plan_propose", kwargs={"pk": holder.pk}), {"hours_per_week": hours}
    )
    assert (
        response.status_code == 400
        and "1 tot en met 40" in response.content.decode()
        or "uren" in response.content.decode()
    )
    assert not DevelopmentPlan.objects.exists()


def test_downloads_for_the_firm(world):
    _role, _holder, plan = proposed_plan(world)
    client = _client(world.henk)
    csv_response = client.get(reverse("workforce:plans_csv"))
    assert csv_response["Content-Type"].startswith("text/csv")
    assert csv_response.content.startswith("\ufeff".encode())
    pdf = client.get(reverse("workforce:plan_pdf", kwargs={"pk": plan.pk}))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    revoke_share(world)
    assert client.get(reverse("workforce:plan_pdf", kwargs={"pk": plan.pk})).status_code == 403
    assert client.get(reverse("workforce:plan_csv", kwargs={"pk": plan.pk})).status_code == 403
    text = client.get(reverse("workforce:plan", kwargs={"pk": plan.pk})).content.decode()
    assert "deelt dit plan niet" in text and "Afval digitaal volgen" not in text

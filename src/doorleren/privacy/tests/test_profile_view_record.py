"""``profile_view_record``: only staff seeing a resident is logged, once per 10 minutes, with a copy
of the names; the resident reads the log on "Wie bekeek mijn profiel?"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doorleren.accounts import services as accounts_services
from doorleren.accounts.tests.factories import UserFactory
from doorleren.privacy import services
from doorleren.privacy.models import ProfileView

pytestmark = pytest.mark.django_db


def _consent(resident, organisation, purpose="view_profile"):
    accounts_services.consent_grant(resident=resident, organisation=organisation, purpose=purpose)


def test_a_staff_view_is_logged_with_names_and_the_consenting_organisation(resident, employer, employer_org):
    _consent(resident, employer_org)
    row = services.profile_view_record(
        viewer=employer, resident=resident, purpose="view_profile", what="profile"
    )
    assert row is not None
    assert (row.viewer_name, row.organisation, row.organisation_name) == (
        "Henk Jansen",
        employer_org,
        "Installatiebedrijf Noord",
    )


def test_the_resident_themself_and_the_programme_office_are_not_logged(resident, programme_office):
    assert (
        services.profile_view_record(
            viewer=resident, resident=resident, purpose="view_profile", what="profile"
        )
        is None
    )
    assert (
        services.profile_view_record(
            viewer=programme_office, resident=resident, purpose="view_profile", what="profile"
        )
        is None
    )
    assert not ProfileView.objects.exists()


def test_a_staff_user_looking_at_another_staff_user_is_not_logged(employer, coach):
    assert (
        services.profile_view_record(viewer=employer, resident=coach, purpose="view_profile", what="profile")
        is None
    )


def test_repeated_views_within_ten_minutes_are_one_line(resident, employer):
    first = services.profile_view_record(
        viewer=employer, resident=resident, purpose="view_profile", what="profile"
    )
    again = services.profile_view_record(
        viewer=employer, resident=resident, purpose="view_profile", what="profile"
    )
    assert again == first
    ProfileView.objects.filter(pk=first.pk).update(viewed_at=timezone.now() - dt.timedelta(minutes=11))
    services.profile_view_record(viewer=employer, resident=resident, purpose="view_profile", what="profile")
    assert ProfileView.objects.count() == 2


def test_another_kind_of_data_is_a_new_line(resident, employer):
    services.profile_view_record(viewer=employer, resident=resident, purpose="view_profile", what="profile")
    services.profile_view_record(viewer=employer, resident=resident, purpose="view_profile", what="grant")
    assert ProfileView.objects.count() == 2


def test_the_names_stay_when_the_viewer_and_organisation_are_gone(resident, employer, employer_org):
    _consent(resident, employer_org)
    row = services.profile_view_record(
        viewer=employer, resident=resident, purpose="view_profile", what="profile"
    )
    employer.delete()
    row.refresh_from_db()
    assert row.viewer is None
    assert row.viewer_name == "Henk Jansen"


def test_an_unknown_purpose_is_a_programming_error(resident, employer):
    with pytest.raises(ValueError):
        services.profile_view_record(viewer=employer, resident=resident, purpose="nosy", what="profile")


def test_a_list_of_residents_by_user_or_id_is_logged_once_each(resident, employer):
    other = UserFactory()
    logged = services.profile_views_record(
        viewer=employer, residents=[resident, resident.pk, other], purpose="view_profile", what="candidates"
    )
    assert logged == 2


def test_opening_a_profile_page_logs_it(client, resident, employer, employer_org):
    _consent(resident, employer_org)
    client.force_login(employer)
    response = client.get(reverse("profiles:resident_detail", kwargs={"user_id": resident.pk}))
    assert response.status_code == 200
    assert ProfileView.objects.filter(resident=resident, viewer=employer, what="profile").count() == 1


def test_a_refused_profile_page_logs_nothing(client, resident, employer):
    client.force_login(employer)
    response = client.get(reverse("profiles:resident_detail", kwargs={"user_id": resident.pk}))
    assert response.status_code == 403
    assert not ProfileView.objects.exists()


def test_the_resident_sees_who_looked_newest_first(
    client, resident, employer, coach, coach_org, employer_org
):
    _consent(resident, employer_org)
    _consent(resident, coach_org)
    older = services.profile_view_record(
        viewer=coach, resident=resident, purpose="view_profile", what="enrolment"
    )
    ProfileView.objects.filter(pk=older.pk).update(viewed_at=timezone.now() - dt.timedelta(days=3))
    services.profile_view_record(viewer=employer, resident=resident, purpose="view_profile", what="profile")
    client.force_login(resident)
    response = client.get(reverse("privacy:views"))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.index("Installatiebedrijf Noord") < text.index("Leerwerkloket Groningen")
    assert "Mijn profiel bekijken voor werk of leren" in text


def test_the_log_page_is_for_residents_only(client, employer):
    client.force_login(employer)
    assert client.get(reverse("privacy:views")).status_code == 403


def test_the_log_page_is_paginated(client, resident, employer):
    ProfileView.objects.bulk_create(
        ProfileView(
            viewer=employer,
            viewer_name="Henk",
            resident=resident,
            purpose="view_profile",
            what="profile",
            viewed_at=timezone.now() - dt.timedelta(hours=n),
        )
        for n in range(30)
    )
    client.force_login(resident)
    assert client.get(reverse("privacy:views")).context["page_obj"].paginator.num_pages == 2
    assert client.get(reverse("privacy:views") + "?pagina=x").status_code == 200

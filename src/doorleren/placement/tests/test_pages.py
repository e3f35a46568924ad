"""The pages: a learner chooses without JavaScript, the host ranks, the organiser places, the learner
reads why; forged ids are "not found", others get 403, bad form values a Dutch 400."""

import pytest
from django.urls import reverse

from doorleren.organisations.tests.factories import OrganisationFactory
from doorleren.placement.models import HostRanking, LearnerChoice, PlacementResult
from doorleren.placement.tests.factories import CompetencyFactory, staff

pytestmark = pytest.mark.django_db


def test_the_whole_journey_through_the_pages(client, small, new_learner):
    person = new_learner("student")
    client.force_login(person)
    a1, a2, _a3 = small.a
    page = client.get(reverse("placement:choose", kwargs={"pk": small.round.pk}))
    assert page.status_code == 200
    assert "Door te solliciteren mag Afval en Energie Loppersum BV uw profiel zien." in page.content.decode()
    response = client.post(
        reverse("placement:choose", kwargs={"pk": small.round.pk}),
        {f"plaats_{a2.pk}": "1", f"plaats_{a1.pk}": "2"},
    )
    assert response.status_code == 302
    assert list(LearnerChoice.objects.order_by("rank").values_list("assignment_id", flat=True)) == [
        a2.pk,
        a1.pk,
    ]

    client.force_login(small.host)
    url = reverse("placement:applicants", kwargs={"pk": small.round.pk, "assignment_pk": a2.pk})
    assert str(person) in client.get(url).content.decode()
    assert client.post(url, {f"plaats_{person.pk}": "1"}).status_code == 302
    assert HostRanking.objects.get().learner == person

    client.force_login(small.organiser)
    assert client.post(reverse("placement:close", kwargs={"pk": small.round.pk})).status_code == 302
    assert client.post(reverse("placement:allocate", kwargs={"pk": small.round.pk})).status_code == 302
    assert PlacementResult.objects.get().assignment == a2
    overview = client.get(reverse("placement:round", kwargs={"pk": small.round.pk})).content.decode()
    assert "Er zijn 0 blokkerende paren." in overview

    client.force_login(person)
    mine = client.get(reverse("placement:mine", kwargs={"pk": small.round.pk})).content.decode()
    assert "U bent geplaatst bij Digitaal wegen. Dat was uw eerste keus." in mine


def test_duplicate_places_and_junk_are_refused_in_dutch(client, small, new_learner):
    client.force_login(new_learner("worker"))
    url = reverse("placement:choose", kwargs={"pk": small.round.pk})
    a1, a2, _a3 = small.a
    response = client.post(url, {f"plaats_{a1.pk}": "1", f"plaats_{a2.pk}": "1"})
    assert response.status_code == 400
    assert "dezelfde plaats" in response.content.decode()
    for junk in ({f"plaats_{a1.pk}": "x"}, {"plaats_987654": "1"}, {f"plaats_{a1.pk}": "99"}):
        assert client.post(url, junk).status_code == 400
    assert not LearnerChoice.objects.exists()


def test_forged_ids_and_other_people_are_refused(client, small, make_small, new_learner):
    other = make_small()
    client.force_login(small.host)
    forged = reverse("placement:applicants", kwargs={"pk": small.round.pk, "assignment_pk": other.a[0].pk})
    assert client.get(forged).status_code == 404
    assert client.get(reverse("placement:round", kwargs={"pk": 987654321})).status_code == 404
    client.force_login(staff(OrganisationFactory()))
    own = reverse("placement:applicants", kwargs={"pk": small.round.pk, "assignment_pk": small.a[0].pk})
    assert client.get(own).status_code == 403
    assert client.post(reverse("placement:allocate", kwargs={"pk": small.round.pk})).status_code == 403
    client.force_login(small.host)
    assert client.get(reverse("placement:choose", kwargs={"pk": small.round.pk})).status_code == 403


def test_the_host_records_an_outcome_on_the_team_page(client, small, new_learner):
    person = new_learner("job_seeker")
    competency = CompetencyFactory()
    small.a[0].opportunity.competency_requirements.create(competency=competency, level=2)
    small.choose(person, small.a[0])
    small.close()
    client.force_login(small.organiser)
    client.post(reverse("placement:allocate", kwargs={"pk": small.round.pk}))
    client.force_login(small.host)
    url = reverse("placement:team", kwargs={"pk": small.round.pk, "assignment_pk": small.a[0].pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"lid": person.pk, "afgerond": "ja", f"niveau_{competency.code}": "3"})
    assert response.status_code == 302
    workshops = client.get(reverse("placement:workshops")).content.decode()
    assert "Innovatiewerkplaats Loppersum" in workshops
    assert str(person) not in workshops

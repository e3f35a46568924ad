"""demo_build: counts, reproducibility, refusing a second build, --reset."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count

from doorleren.accounts.models import Consent, Role
from doorleren.core.errors import ApplicationError
from doorleren.demo.models import DemoRun
from doorleren.demo.selectors import demo_fingerprint
from doorleren.demo.services import demo_build
from doorleren.learning.models import Certificate, Diploma, Module, PracticalLearningOffer
from doorleren.opportunities.models import Opportunity, OpportunityKind
from doorleren.organisations.models import Organisation, OrganisationKind
from doorleren.profiles.models import ResidentProfile

from .conftest import SMALL

User = get_user_model()


def _fingerprint_of_build(seed: int) -> str:
    """Build a demo, take its fingerprint, and roll the database back to how it was."""
    with transaction.atomic():
        demo_build(seed=seed, **SMALL)
        fingerprint = demo_fingerprint()
        transaction.set_rollback(True)
    return fingerprint


@pytest.mark.django_db
def test_same_seed_gives_the_same_demo_and_another_seed_another():
    first = _fingerprint_of_build(5)
    assert ResidentProfile.objects.count() == 0  # rolled back: the second build starts fresh
    second = _fingerprint_of_build(5)
    other = _fingerprint_of_build(6)
    assert first == second
    assert first != other


def test_counts_are_the_requested_numbers(small_demo):
    counts = small_demo.counts
    assert ResidentProfile.objects.count() == counts["residents"] == SMALL["residents"]
    assert (
        Organisation.objects.filter(kind=OrganisationKind.EMPLOYER).count()
        == counts["employers"]
        == SMALL["employers"]
    )
    assert Module.objects.count() == counts["modules"] == SMALL["modules"]
    assert Certificate.objects.count() == counts["certificates"] == SMALL["certificates"]
    assert Diploma.objects.count() == counts["diplomas"] == SMALL["diplomas"]
    assert PracticalLearningOffer.objects.count() == counts["practical_offers"] == SMALL["practical_offers"]
    kinds = {kind: Opportunity.objects.filter(kind=kind).count() for kind in OpportunityKind.values}
    assert kinds == {
        OpportunityKind.VACANCY: SMALL["vacancies"],
        OpportunityKind.PRACTICAL_ASSIGNMENT: SMALL["assignments"],
        OpportunityKind.BASIC_JOB: SMALL["basic_jobs"],
    }
    assert counts["vacancies"] == SMALL["vacancies"]
    assert User.objects.count() == counts["users"]
    assert User.objects.filter(role=Role.RESIDENT).count() == counts["users_resident"] == SMALL["residents"]
    assert User.objects.filter(role=Role.COACH).count() == SMALL["coaches"]
    assert Consent.objects.count() == counts["consents"]
    assert counts["municipalities"] == 14


def test_residents_spread_over_statuses_and_municipalities(db):
    demo_build(seed=3, **{**SMALL, "residents": 400})
    statuses = set(ResidentProfile.objects.values_list("status", flat=True))
    assert statuses == {"worker", "job_seeker", "student"}
    per_municipality = _count_by_municipality()
    assert max(per_municipality, key=per_municipality.get) == "Groningen"
    assert len(per_municipality) >= 10


def _count_by_municipality() -> dict[str, int]:
    return dict(
        ResidentProfile.objects.values("municipality__name")
        .annotate(n=Count("pk"))
        .values_list("municipality__name", "n")
    )


def test_generated_residents_cannot_log_in_but_demo_logins_can(small_demo):
    assert not User.objects.get(username="inwoner000001").has_usable_password()
    for username in ("anne", "henk", "school", "coach", "programmabureau", "beheerder"):
        assert User.objects.get(username=username).check_password("doorleren-demo"), username
    assert [login.username for login in small_demo.logins] == [
        "anne",
        "henk",
        "school",
        "coach",
        "programmabureau",
        "beheerder",
    ]


def test_second_build_is_refused_in_dutch(small_demo):
    with pytest.raises(ApplicationError) as caught:
        demo_build(seed=11, **SMALL)
    assert caught.value.code == "demo_exists"
    assert "--reset" in caught.value.message
    assert DemoRun.objects.count() == 1


def test_reset_wipes_the_old_demo_and_builds_again(small_demo):
    before = demo_fingerprint()
    result = demo_build(seed=11, reset=True, **SMALL)
    assert demo_fingerprint() == before
    assert DemoRun.objects.count() == 1
    assert ResidentProfile.objects.count() == SMALL["residents"]
    assert result.counts["residents"] == SMALL["residents"]


def test_reset_keeps_data_that_is_not_demo(small_demo):
    own = User.objects.create_user(username="echt", email="echt@example.org", password="x" * 12)
    demo_build(seed=12, reset=True, **SMALL)
    assert User.objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize(
    ("option", "value"), [("residents", 0), ("employers", 0), ("vacancies", -1), ("batch_size", 5)]
)
def test_bad_numbers_are_refused(db, option, value):
    with pytest.raises(ApplicationError) as caught:
        demo_build(seed=1, **{**SMALL, option: value})
    assert caught.value.code == "demo_number_invalid"

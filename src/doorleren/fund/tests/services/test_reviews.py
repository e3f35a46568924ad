"""Reviews: the programme office scores every criterion once, without a conflict of interest."""

import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.selectors import audit_events_for
from doorleren.core.errors import ApplicationError
from doorleren.fund import services
from doorleren.fund.models import Review
from doorleren.organisations.tests.factories import MembershipFactory

from ..factories import in_review, office, review, submitted

pytestmark = pytest.mark.django_db


def test_a_reviewer_scores_every_criterion_and_it_is_logged():
    application, _ = in_review()
    reviewer = office()
    made = review(application, reviewer=reviewer, score=3)
    assert sorted(made.scores.values_list("score", flat=True)) == [3, 3]
    event = audit_events_for(subject=application).filter(action="fund.review_submit").get()
    assert event.actor == reviewer
    assert event.data["review_id"] == made.pk


def test_one_review_per_reviewer():
    application, _ = in_review()
    reviewer = office()
    review(application, reviewer=reviewer)
    with pytest.raises(ApplicationError) as error:
        review(application, reviewer=reviewer)
    assert error.value.code == "fund_review_already"
    assert error.value.status == 409
    assert Review.objects.filter(application=application).count() == 1


@pytest.mark.parametrize("organisation", ["lead", "school"])
def test_a_member_of_a_consortium_organisation_may_not_review(organisation):
    application, consortium = in_review()
    reviewer = office()
    MembershipFactory(user=reviewer, organisation=getattr(consortium, organisation))
    assert services.conflict_of_interest(reviewer, application)
    with pytest.raises(ApplicationError) as error:
        review(application, reviewer=reviewer)
    assert error.value.code == "fund_conflict_of_interest"
    assert error.value.status == 403
    assert not Review.objects.exists()


@pytest.mark.parametrize("role", ["employer", "school", "coach", "resident", "administrator"])
def test_only_the_programme_office_reviews(role):
    application, _ = in_review()
    with pytest.raises(ApplicationError) as error:
        review(application, reviewer=UserFactory(role=role))
    assert error.value.status == 403


def test_no_review_before_the_review_started():
    application, _ = submitted()
    with pytest.raises(ApplicationError) as error:
        review(application)
    assert error.value.code == "fund_review_not_in_review"


@pytest.mark.parametrize(
    ("scores", "code"),
    [
        ({0: 6, 1: 3}, "fund_review_score_invalid"),
        ({0: -1, 1: 3}, "fund_review_score_invalid"),
        ({0: "4", 1: 3}, "fund_review_score_invalid"),
        ({0: 4}, "fund_review_scores_missing"),
        ({0: 4, 1: 4, "other": 1}, "fund_review_criterion_unknown"),
    ],
)
def test_every_criterion_gets_a_score_within_its_range(scores, code):
    application, _ = in_review()
    criteria = list(application.call.criteria.order_by("position"))
    keyed = {criteria[key].pk if isinstance(key, int) else 987654: value for key, value in scores.items()}
    with pytest.raises(ApplicationError) as error:
        services.review_submit(actor=office(), application=application, scores=keyed)
    assert error.value.code == code
    assert not Review.objects.exists()


def test_the_system_records_a_review_of_a_named_reviewer_without_an_actor():
    application, consortium = in_review()
    reviewer = office()
    made = services.review_submit(
        actor=None,
        application=application,
        reviewer=reviewer,
        scores={criterion.pk: 2 for criterion in application.call.criteria.all()},
    )
    assert made.reviewer == reviewer
    event = audit_events_for(subject=application).get(action="fund.review_submit")
    assert event.actor is None
    assert event.data["reviewer_id"] == reviewer.pk
    with pytest.raises(ApplicationError) as error:
        services.review_submit(
            actor=None,
            application=application,
            reviewer=consortium.applicant,
            scores={criterion.pk: 2 for criterion in application.call.criteria.all()},
        )
    assert error.value.status == 403

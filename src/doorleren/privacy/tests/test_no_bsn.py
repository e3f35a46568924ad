"""No BSN: no model has a field for it, and a valid BSN in free text is found and refused in Dutch."""

import re

import pytest
from django.apps import apps

from doorleren.core.errors import ApplicationError
from doorleren.privacy.selectors import bsn_in_text
from doorleren.privacy.services import text_refuse_bsn

BSN_LIKE = re.compile(r"bsn|burgerservice|sofi|social_?security", re.IGNORECASE)
VALID_BSN = "111222333"  # passes the 11-test (9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66)


def test_no_model_field_anywhere_is_named_like_a_bsn():
    found = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if BSN_LIKE.search(field.name) or BSN_LIKE.search(str(getattr(field, "verbose_name", "")))
    ]
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        VALID_BSN,
        "Mijn BSN is 111222333.",
        "bsn: 1112.22.333",
        "nummer 111 222 333 graag",
        "123456782",
    ],
)
def test_a_valid_bsn_in_text_is_found(text):
    assert bsn_in_text(text=text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Ik werkte 12 jaar als lasser.",
        "111222334",  # fails the 11-test
        "0611122233",  # a phone number: ten digits
        "1112223330",  # ten digits
        "KvK 12345678",  # eight digits
        "IBAN NL91ABNA0417164300",
    ],
)
def test_other_numbers_are_not_a_bsn(text):
    assert not bsn_in_text(text=text)


def test_text_with_a_bsn_is_refused_with_a_dutch_message_on_its_field():
    with pytest.raises(ApplicationError) as error:
        text_refuse_bsn(text="BSN 111222333", field="description")
    assert error.value.code == "bsn_not_allowed"
    assert error.value.status == 400
    assert "burgerservicenummer" in error.value.message
    assert error.value.extra == {"field": "description"}


def test_text_without_a_bsn_passes():
    text_refuse_bsn(text="Ik reed heftruck bij Jansen, 2019-2023.", field="description")


@pytest.mark.django_db
def test_a_bsn_in_a_job_or_a_school_the_resident_adds_is_refused_and_nothing_is_stored():
    import datetime as dt

    from doorleren.profiles import services as profiles_services
    from doorleren.profiles.tests.factories import ResidentProfileFactory

    profile = ResidentProfileFactory()
    with pytest.raises(ApplicationError) as job:
        profiles_services.work_experience_add(
            profile=profile,
            started_on=dt.date(2020, 1, 1),
            job_title="Sorteerder",
            description=f"BSN {VALID_BSN}",
        )
    assert job.value.code == "bsn_not_allowed" and job.value.extra["field"] == "description"
    with pytest.raises(ApplicationError) as school:
        profiles_services.education_add(profile=profile, title="Mbo logistiek", institution=VALID_BSN)
    assert school.value.extra["field"] == "institution"
    assert not profile.work_experiences.exists() and not profile.educations.exists()

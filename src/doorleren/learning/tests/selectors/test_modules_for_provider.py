"""A provider sees all its own modules, drafts too; the public only published ones."""

import pytest

from doorleren.learning.models import PublicationStatus
from doorleren.learning.selectors import modules_for_provider, modules_search
from doorleren.learning.tests.factories import ModuleFactory
from doorleren.organisations.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def test_includes_drafts_by_title():
    school = SchoolFactory()
    draft = ModuleFactory(provider=school, title="B concept", status=PublicationStatus.DRAFT)
    published = ModuleFactory(provider=school, title="A gepubliceerd")
    assert list(modules_for_provider(provider=school)) == [published, draft]
    assert list(modules_search(provider=school)) == [published]


def test_only_the_providers_own_modules():
    school = SchoolFactory()
    own = ModuleFactory(provider=school)
    ModuleFactory()
    ModuleFactory(status=PublicationStatus.DRAFT)
    assert list(modules_for_provider(provider=school)) == [own]

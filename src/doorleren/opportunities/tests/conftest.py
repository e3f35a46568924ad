import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.organisations.tests.factories import MembershipFactory, OrganisationFactory
from doorleren.taxonomy.selectors import linking_cache_clear, linking_index
from doorleren.taxonomy.tests.factories import CompetencyFactory


@pytest.fixture
def firm(db):
    return OrganisationFactory(name="Afval en Energie Loppersum BV")


@pytest.fixture
def henk(firm):
    """An employer user of ``firm``."""
    user = UserFactory(role="employer")
    MembershipFactory(user=user, organisation=firm)
    return user


@pytest.fixture
def welding(db):
    return CompetencyFactory(code="tech-lassen", label="Metaal lassen")


@pytest.fixture
def sorting(db):
    return CompetencyFactory(code="afval-sorteren", label="Afval sorteren")


@pytest.fixture
def indexed(settings, tmp_path, welding, sorting):
    """A small search index built from three competencies (no ESCO needed)."""
    settings.LINKING_INDEX_DIR = tmp_path / "linking"
    linking_cache_clear()
    CompetencyFactory(code="ict-excel", label="Werken met een rekenblad")
    for kind in ("competencies", "skills"):
        linking_index(kind=kind, build=True)
    yield
    linking_cache_clear()


@pytest.fixture
def no_index(settings, tmp_path, welding):
    """Competencies exist, but nobody built the search index."""
    settings.LINKING_INDEX_DIR = tmp_path / "empty"
    linking_cache_clear()
    yield
    linking_cache_clear()

import pytest

from doorleren.profiles.selectors import competencies_by_sector, competency_levels_for_resident
from doorleren.profiles.tests.factories import (
    CompetencyFactory,
    ResidentCompetencyFactory,
    ResidentFactory,
    ResidentProfileFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def test_levels_by_code_for_the_user_or_the_profile():
    profile = ResidentProfileFactory()
    ResidentCompetencyFactory(profile=profile, competency=CompetencyFactory(code="lassen"), level=3)
    ResidentCompetencyFactory(profile=profile, competency=CompetencyFactory(code="plannen"), level=1)
    ResidentCompetencyFactory(competency=CompetencyFactory(code="koken"), level=4)  # someone else

    expected = {"lassen": 3, "plannen": 1}
    assert competency_levels_for_resident(resident=profile.user) == expected
    assert competency_levels_for_resident(resident=profile) == expected


def test_no_profile_means_no_levels():
    assert competency_levels_for_resident(resident=ResidentFactory()) == {}


def test_groups_by_sector_preferred_sectors_first_and_general_last():
    profile = ResidentProfileFactory()
    care = SectorFactory(code="zorg-welzijn", label="Zorg en welzijn")
    building_sector = SectorFactory(code="bouw", label="Bouw")
    profile.preferred_sectors.set([care])
    both = CompetencyFactory(code="veilig-werken", label="Veilig werken", sectors=[building_sector, care])
    building = CompetencyFactory(code="metselen", label="Metselen", sectors=[building_sector])
    general = CompetencyFactory(code="rekenen", label="Rekenen")
    for competency in (both, building, general):
        ResidentCompetencyFactory(profile=profile, competency=competency)

    groups = competencies_by_sector(profile=profile)

    assert [(g.code, [i.competency.code for i in g.items]) for g in groups] == [
        ("zorg-welzijn", ["veilig-werken"]),
        ("bouw", ["metselen"]),
        ("", ["rekenen"]),
    ]

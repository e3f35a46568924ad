"""grant_rule_create: a rule may name the programme line its money counts for; only one that exists."""

import pytest

from doorleren.budgets.models import GrantRule
from doorleren.core.errors import ApplicationError
from doorleren.fund.models import ProgrammeLine
from doorleren.region.tests.factories import municipality

from ..factories import rule

pytestmark = pytest.mark.django_db


def test_a_rule_counts_for_its_programme_line():
    line = ProgrammeLine.objects.get(code="kwalificerend-onderwijs")
    made = rule(programme_line=line)
    assert GrantRule.objects.get(pk=made.pk).programme_line == line
    assert rule().programme_line is None


@pytest.mark.parametrize(
    "bad",
    [
        lambda: ProgrammeLine(number=99, code="nieuw", name="Nieuw"),  # not saved
        lambda: "kwalificerend-onderwijs",
        lambda: 2,
        lambda: municipality("GM0014"),  # another model
    ],
)
def test_an_unknown_programme_line_is_refused_in_dutch(bad):
    with pytest.raises(ApplicationError) as error:
        rule(programme_line=bad())
    assert error.value.code == "grant_rule_programme_line_invalid"
    assert error.value.message == "Deze programmalijn kennen wij niet. Kies een programmalijn uit de lijst."
    assert not GrantRule.objects.exists()

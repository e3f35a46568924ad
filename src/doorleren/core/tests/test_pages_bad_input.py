"""Bad input never breaks a page: every page URL pattern (everything outside /api/), with bad ids
and junk query parameters, as an anonymous visitor and as a resident. No 5xx, and a GET changes
nothing in the database. The patterns come from ``get_resolver()``, so new pages are swept too.

The Django admin (/beheer/) gets the bad ids but not the junk query parameters: for these users
every admin address only sends them to the admin login.
"""

from __future__ import annotations

import pytest
from django.test import Client

from doorleren.learning.tests.factories import ModuleFactory
from doorleren.opportunities.tests.factories import OpportunityFactory
from doorleren.profiles.tests.factories import EducationFactory, ResidentProfileFactory, WorkExperienceFactory

from .url_sweep import HUGE_INT, LONG, QUERIES, Sweep, database_state, fill, state_difference, url_patterns

pytestmark = pytest.mark.django_db

ADMIN_PREFIX = "/beheer/"
# The parameters our page forms read (learning, opportunities, organisations, profiles, taxonomy).
PAGE_QUERIES = [
    *QUERIES,
    {"pagina": "abc"},
    {"pagina": HUGE_INT},
    {"competency": LONG},
    {"occupation": LONG},
    {"sector": "x"},
    {"municipality": HUGE_INT},
    {"kind": "x"},
    {"mode": "x"},
    {"max_price": "veel"},
    {"nlqf": "99"},
    {"provider": HUGE_INT},
    # PostgreSQL refuses text with NUL in it; SQLite does not mind, so this shows on PostgreSQL only.
    {"q": "zorg\x00"},
    {"competency": "a\x00b"},
    {"occupation": "a\x00b"},
]
PAGE_PATTERNS = [pattern for pattern in url_patterns() if not pattern.route.startswith("/api/")]
ADMIN_PATTERNS = [pattern for pattern in PAGE_PATTERNS if pattern.route.startswith(ADMIN_PREFIX)]
OWN_PATTERNS = [pattern for pattern in PAGE_PATTERNS if not pattern.route.startswith(ADMIN_PREFIX)]


ROLES = ["anonymous", "resident"]


def _client(role: str) -> Client:
    client = Client()
    OpportunityFactory()
    ModuleFactory()
    if role == "resident":
        profile = ResidentProfileFactory()
        WorkExperienceFactory(profile=profile)
        EducationFactory(profile=profile)
        client.force_login(profile.user)
    return client


def test_the_sweep_finds_the_pages_of_every_app():
    routes = {pattern.route for pattern in PAGE_PATTERNS}
    for expected in ("/", "/leren/modules/<int:pk>/", "/werk/<int:pk>/", "/profiel/inwoner/<int:user_id>/"):
        assert expected in routes


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("pattern", OWN_PATTERNS, ids=str)
def test_page_survives_bad_ids_and_junk_query_parameters(pattern, role):
    sweep = Sweep(client=_client(role))
    before = database_state()
    for n, url in enumerate(fill(pattern, nul=True)):
        # Junk query parameters once (with the first bad id); the other bad ids on their own.
        for query in PAGE_QUERIES if n == 0 else [{}]:
            sweep.send("get", url, data=query, label=f"?{next(iter(query), '')}" if query else "")
    changed = state_difference(before, database_state())
    assert not changed, f"GET requests to {pattern.route} changed {', '.join(changed)}"
    assert not sweep.problems, sweep.report()


@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_survive_bad_ids(role):
    sweep = Sweep(client=_client(role))
    before = database_state()
    for pattern in ADMIN_PATTERNS:
        for url in fill(pattern):
            sweep.send("get", url)
    assert sweep.requests > len(ADMIN_PATTERNS)
    changed = state_difference(before, database_state())
    assert not changed, f"GET requests to the admin changed {', '.join(changed)}"
    assert not sweep.problems, sweep.report()

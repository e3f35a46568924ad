"""The monitoring dashboard in a real browser with axe-core: the main page and one measure page, with
figures (some of them small cells), as the programme office; also narrow and without JavaScript.

The browser test's world has no monitoring figures, so this test adds a measure with participants in
three municipalities and counts the figures (``outcomes_refresh``), as monitoring/tests/dashboard does.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from .audit import (
    WIDE,
    Listener,
    axe_violations,
    heading_problems,
    narrow_screen_problems,
    skip_link_problems,
)
from .test_accessibility import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START = dt.date(2025, 2, 10)


def _figures():
    """A measure of line 5 with 20 participants in Groningen (12 in work), 15 in Aa en Hunze and 3 in Assen."""
    from doorleren.fund import selectors as fund_selectors
    from doorleren.monitoring.models import Measure, MeasureParticipation, WorkStart
    from doorleren.monitoring.services.outcomes import outcomes_refresh
    from doorleren.profiles.tests.factories import ResidentProfileFactory
    from doorleren.region.tests.factories import municipality

    line = next(line for line in fund_selectors.programme_lines() if line.number == 5)
    measure = Measure.objects.create(
        programme_line=line, code="basisbanen-test", name="Basisbanen", starts_on=dt.date(2024, 1, 1)
    )
    for code, count, in_work in (("GM0014", 20, 12), ("GM1680", 15, 0), ("GM0106", 3, 0)):
        for index in range(count):
            profile = ResidentProfileFactory(municipality=municipality(code), status="job_seeker")
            MeasureParticipation.objects.create(
                measure=measure,
                resident=profile,
                started_on=START,
                status_at_start="job_seeker",
                source="coach",
            )
            if index < in_work:
                WorkStart.objects.create(
                    resident=profile, started_on=START + dt.timedelta(days=100), kind="job"
                )
    outcomes_refresh(today=dt.date(2026, 11, 28))
    return measure


def _problems(page, listener: Listener) -> list[str]:
    return (
        axe_violations(page)
        + heading_problems(page)
        + skip_link_problems(page)
        + narrow_screen_problems(page)
        + listener.take()
    )


def test_the_dashboard_and_a_measure_page_are_accessible_with_figures(browser, live_server, world):
    from django.core.cache import cache

    cache.clear()
    measure = _figures()
    context = browser.new_context(viewport=WIDE, locale="nl-NL")
    page = context.new_page()
    listener = Listener()
    listener.attach(page)
    urls = [
        reverse("monitoring:dashboard") + "?periode=2025",
        reverse("monitoring:dashboard") + "?periode=2025&cijfer=work_6m&doelgroep=job_seeker",
        reverse("monitoring:dashboard_measure", kwargs={"pk": measure.pk}) + "?periode=2025",
        reverse("monitoring:dashboard_line", kwargs={"number": 5}) + "?periode=2025",
        reverse("monitoring:dashboard_municipality", kwargs={"code": "GM0014"}) + "?periode=2025",
    ]
    try:
        _login(page, live_server.url, world.users["programme_office"].username)
        for url in urls:
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, url
            assert _problems(page, listener) == [], url
        # The measure page: charts with a text and a table, the small cell in words, the tiles.
        page.goto(live_server.url + urls[2])
        main = page.locator("main")
        assert main.locator("figure svg[role=img]").count() == 3
        assert main.locator("figure .dl-chart__text").count() == 3
        assert "minder dan 10" in main.inner_text()
        assert main.locator(".dl-tiles li").count() == 14
        # The filter form works without JavaScript.
        no_js = browser.new_context(
            viewport=WIDE, java_script_enabled=False, storage_state=context.storage_state()
        )
        plain = no_js.new_page()
        plain.goto(live_server.url + reverse("monitoring:dashboard") + "?periode=2025")
        plain.select_option("#id_cijfer", "work_12m")
        with plain.expect_navigation():
            plain.get_by_role("button", name="Laat zien").click()
        assert "cijfer=work_12m" in plain.url
        assert plain.locator("main h1").count() == 1
        no_js.close()
    finally:
        context.close()

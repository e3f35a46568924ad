""" "Vertel wat u kunt" in a real browser: write a text, get suggestions, confirm one; axe on each step."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .audit import WIDE, Listener, axe_violations, heading_problems, narrow_screen_problems
from .test_accessibility import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Ik sorteer afval en ik rij op de heftruck. Ik maak de machines schoon en ik werk samen met collega's."


def _problems(page, listener: Listener) -> list[str]:
    return axe_violations(page) + heading_problems(page) + narrow_screen_problems(page) + listener.take()


def test_write_a_text_and_confirm_a_suggestion(browser, live_server, world, settings, tmp_path):
    from doorleren.taxonomy.selectors import linking_cache_clear, linking_index

    settings.LINKING_INDEX_DIR = tmp_path / "linking"
    linking_cache_clear()
    for kind in ("competencies", "skills"):
        linking_index(kind=kind, build=True)
    context = browser.new_context(viewport=WIDE, locale="nl-NL")
    page = context.new_page()
    listener = Listener()
    listener.attach(page)
    try:
        _login(page, live_server.url, world.users["resident"].username)
        page.goto(live_server.url + reverse("profiles:competency_from_text"))
        page.get_by_label("Wat doet u, of wat heeft u gedaan?").fill(TEXT)
        with page.expect_navigation():
            page.get_by_role("button", name="Zoek mijn competenties").click()
        assert page.locator("h2#voorstellen").count() == 1
        suggestions = page.locator("main .dl-card")
        assert suggestions.count() >= 2, page.locator("main").inner_text()
        assert _problems(page, listener) == []

        first = suggestions.first
        label = first.locator("h3").inner_text()
        with page.expect_navigation():
            first.get_by_role("button", name="Ja, dit kan ik").click()
        assert f"{label} staat nu in uw profiel." in page.locator("body").inner_text()
        assert page.locator("main .dl-card h3", has_text=label).count() == 0
        assert _problems(page, listener) == []
    finally:
        context.close()
        linking_cache_clear()

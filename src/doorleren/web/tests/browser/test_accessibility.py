"""Real-browser accessibility test: every page, for every role, in chromium with axe-core.

Per page: WCAG 2.1 A/AA rules of axe-core, no console errors or failed requests, no sideways
scrolling at 320 px, the skip link first and working, one h1, and the page works without JavaScript.
Run: ``.venv/bin/pytest -m browser`` (see docs/accessibility.md).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from .audit import (
    WIDE,
    Listener,
    axe_violations,
    heading_problems,
    narrow_screen_problems,
    skip_link_problems,
)
from .pages import pages_for
from .world import ANONYMOUS, PASSWORD, ROLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Links followed from the start page (home page when logged out), its menu and its footer: a
# safety net for pages missing from pages.py. One page per URL name; the list covers the rest.
NOT_CRAWLED = ("/api/", "/i18n/", "/en/", "/static/")


def _path(url: str) -> str:
    return urlsplit(url).path


def _url_name(url: str) -> str:
    """The URL name a link goes to ("learning:module_detail"), or its path when nothing matches."""
    path = _path(url)
    try:
        return resolve(path).view_name
    except Resolver404:
        return path


def _login(page, base: str, username: str) -> None:
    page.goto(base + reverse("login"))
    form = page.locator("main form", has=page.locator("input[name=password]"))
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert _path(page.url) == reverse("web:start"), f"login as {username} ended on {page.url}"


def _links(page, base: str) -> list[str]:
    """Same-site links in the menu, the main content and the footer of the current page."""
    hrefs = page.eval_on_selector_all(
        "header a[href], main a[href], footer a[href]", "els => els.map(e => e.href)"
    )
    found = []
    for href in hrefs:
        url = href.split("#")[0]
        if not url.startswith(base):
            continue
        path = _path(url)
        if path.startswith(NOT_CRAWLED):
            continue
        found.append(url)
    return found


class Visit:
    """Opens pages as one role and collects every problem, per URL."""

    def __init__(self, browser, base: str, role: str):
        self.base = base
        self.role = role
        self.context = browser.new_context(viewport=WIDE, locale="nl-NL")
        self.page = self.context.new_page()
        self.listener = Listener()
        self.listener.attach(self.page)
        self.problems: dict[str, list[str]] = {}
        self.visited: set[str] = set()  # paths
        self.names: set[str] = set()  # URL names
        self.html_pages: list[tuple[str, int]] = []

    def _note(self, url: str, problems: list[str]) -> None:
        if problems:
            self.problems.setdefault(url.removeprefix(self.base), []).extend(problems)

    def check_download(self, url: str, status: int = 200) -> None:
        response = self.context.request.get(url)
        self.visited.add(_path(url))
        self.names.add(_url_name(url))
        problems = [] if response.status == status else [f"status {response.status}, expected {status}"]
        self._note(url, problems)

    def check_page(self, url: str, status: int = 200) -> None:
        """Open ``url`` and run every check."""
        self.visited.add(_path(url))
        self.names.add(_url_name(url))
        response = self.page.goto(url)
        problems = []
        if response is None or response.status != status:
            problems.append(f"status {response.status if response else 'none'}, expected {status}")
        problems += axe_violations(self.page)
        problems += heading_problems(self.page)
        problems += skip_link_problems(self.page)
        problems += narrow_screen_problems(self.page)
        problems += self.listener.take()
        self._note(url, problems)
        self.html_pages.append((url, status))

    def check_link(self, url: str) -> None:
        """A page found by following a link: a download gets a status check, a page every check."""
        probe = self.context.request.get(url, max_redirects=0)
        if 200 <= probe.status < 300 and not probe.headers.get("content-type", "").startswith("text/html"):
            self.visited.add(_path(url))
            self.names.add(_url_name(url))
            return
        if probe.status >= 400:
            self.visited.add(_path(url))
            self.names.add(_url_name(url))
            self._note(url, [f"a link on the start page or menu leads to status {probe.status}"])
            return
        self.check_page(url)

    def check_without_javascript(self) -> None:
        """Every page renders its main heading with JavaScript off (htmx is only an enhancement)."""
        context = self.context.browser.new_context(
            viewport=WIDE, java_script_enabled=False, storage_state=self.context.storage_state()
        )
        page = context.new_page()
        for url, status in self.html_pages:
            response = page.goto(url)
            problems = []
            if response is None or response.status != status:
                problems.append(f"without JavaScript: status {response.status if response else 'none'}")
            heading = page.locator("main h1")
            if (
                heading.count() != 1
                or not heading.first.is_visible()
                or not heading.first.inner_text().strip()
            ):
                problems.append("without JavaScript: the main heading (h1) does not show")
            self._note(url, problems)
        context.close()

    def report(self) -> str:
        lines = [f"{len(self.problems)} of {len(self.visited)} pages have problems as {self.role}:"]
        for url, problems in sorted(self.problems.items()):
            lines.append(f"\n  {url}")
            lines += [f"    - {problem}" for problem in problems]
        return "\n".join(lines)


@pytest.mark.parametrize("role", [ANONYMOUS, *ROLES])
def test_every_page_is_accessible(role, browser, live_server, world):
    base = live_server.url
    visit = Visit(browser, base, role)
    if role != ANONYMOUS:
        _login(visit.page, base, world.users[role].username)

    # 1. Every page listed for this role, with its expected status.
    for page_spec in pages_for(role):
        url = base + page_spec.url(world)
        if page_spec.html:
            visit.check_page(url, page_spec.status)
        else:
            visit.check_download(url, page_spec.status)
    if role == ANONYMOUS:
        visit.check_page(base + "/deze-pagina-bestaat-niet/", status=404)

    # 2. Follow the links of the start page (home page when logged out), its menu and footer.
    start = base + (reverse("web:home") if role == ANONYMOUS else reverse("web:start"))
    visit.page.goto(start)
    visit._note(start, visit.listener.take())
    for link in _links(visit.page, base):
        if _path(link) in visit.visited or _url_name(link) in visit.names:
            continue
        if _path(link).startswith("/beheer/"):
            visit.visited.add(_path(link))
            visit.names.add(_url_name(link))
            if not visit.context.request.get(link).ok:
                visit._note(link, ["the admin gives an error status"])
            continue
        visit.check_link(link)

    # 3. The same pages without JavaScript.
    visit.check_without_javascript()

    # 4. Logging out through the menu works.
    if role != ANONYMOUS:
        visit.page.goto(start)
        with visit.page.expect_navigation():
            visit.page.locator("header nav form button[type=submit]").click()
        assert visit.page.locator("header nav a[href$='/account/inloggen/']").count() == 1, "still logged in"

    print(f"\n{role}: {len(visit.visited)} pages visited")
    visit.context.close()
    assert not visit.problems, visit.report()


def test_language_switch_shows_english_and_back(browser, live_server):
    base = live_server.url
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(base + reverse("web:about"))
    dutch_heading = page.locator("main h1").inner_text()
    switch = page.locator("form.dl-lang button[lang=en]")
    assert switch.inner_text() == "English"

    with page.expect_navigation():
        switch.click()
    with translation.override("en"):
        expected = translation.gettext("Over doorleren")
    assert expected != "Over doorleren", "no English translation: run doorleren compilemessages_py"
    assert _path(page.url) == "/en" + reverse("web:about")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main h1").inner_text() == expected
    assert page.locator("a[href='#main']").inner_text() == "Skip to content"

    back = page.locator("form.dl-lang button[lang=nl]")
    assert back.inner_text() == "Nederlands"
    with page.expect_navigation():
        back.click()
    assert _path(page.url) == reverse("web:about")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("main h1").inner_text() == dutch_heading
    context.close()


def test_links_on_the_home_page_resolve(browser, live_server):
    """Sanity check of the crawl itself: it finds the footer pages from the home page."""
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(live_server.url + reverse("web:home"))
    paths = {_path(urljoin(live_server.url, link)) for link in _links(page, live_server.url)}
    context.close()
    assert {reverse("web:about"), reverse("web:privacy"), reverse("web:accessibility")} <= paths

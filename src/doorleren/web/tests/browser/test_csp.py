"""The strict Content-Security-Policy breaks nothing: every page listed for a role (one per URL name),
an htmx search, the admin and "Vertel wat u kunt" open in chromium without one CSP violation.

A violation is caught twice: the browser's console message ("... violates the following Content
Security Policy directive ...") and the ``securitypolicyviolation`` event, recorded by a script the
test adds through the browser itself (not subject to the page's policy). docs/security-hardening.md
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from .audit import WIDE
from .pages import pages_for
from .test_accessibility import _login
from .world import ANONYMOUS, ROLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
});
"""


class CspWatch:
    """One browser context for one role; collects CSP problems per URL."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport=WIDE, locale="nl-NL")
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("console", self._console)
        self.problems: dict[str, list[str]] = {}

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def take(self, label: str) -> None:
        found = list(self.console)
        self.console.clear()
        try:
            found += self.page.evaluate("() => window.__cspViolations || []")
        except Exception as error:  # noqa: BLE001 - a page that navigated away: nothing to read
            found.append(f"could not read the violations: {error}")
        if found:
            self.problems.setdefault(label, []).extend(found)

    def visit(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="load")
        # htmx and doorleren.js run on DOMContentLoaded; one animation frame later all has run.
        self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")
        self.take(path)

    def report(self) -> str:
        lines = [f"{len(self.problems)} pages with CSP violations:"]
        for url, problems in sorted(self.problems.items()):
            lines.append(f"  {url}")
            lines += [f"    - {problem}" for problem in problems]
        return "\n".join(lines)


def _representative(role: str, world) -> list[str]:
    """Every HTML page listed for ``role`` in pages.py, one per URL name."""
    seen, paths = set(), []
    for spec in pages_for(role):
        if spec.html and spec.name not in seen:
            seen.add(spec.name)
            paths.append(spec.url(world))
    return paths


@pytest.mark.parametrize("role", [ANONYMOUS, *ROLES])
def test_no_page_violates_the_content_security_policy(role, browser, live_server, world):
    watch = CspWatch(browser, live_server.url)
    try:
        if role != ANONYMOUS:
            _login(watch.page, live_server.url, world.users[role].username)
            watch.take("login")
        for path in _representative(role, world):
            watch.visit(path)
        if role == ANONYMOUS:
            watch.visit("/deze-pagina-bestaat-niet/")
        if role == "administrator":
            for path in (
                "/beheer/",
                "/beheer/accounts/user/",
                f"/beheer/accounts/user/{world.users[role].pk}/change/",
            ):
                watch.visit(path)
        assert not watch.problems, watch.report()
    finally:
        watch.context.close()


def test_htmx_search_and_the_cv_page_work_under_the_policy(browser, live_server, world):
    watch = CspWatch(browser, live_server.url)
    try:
        _login(watch.page, live_server.url, world.users["resident"].username)
        watch.visit(reverse("profiles:competency_add"))
        box = watch.page.locator("main input[type=search]").first
        with watch.page.expect_response(lambda r: reverse("profiles:competency_suggestions") in r.url):
            box.fill("computer")
        watch.page.wait_for_timeout(200)
        watch.take("htmx search")

        watch.visit(reverse("profiles:competency_from_text"))
        assert watch.page.locator("input[type=file][name=cv]").count() == 1
        assert not watch.problems, watch.report()
    finally:
        watch.context.close()


def test_a_violation_would_be_caught(browser, live_server):
    """The watch itself works: an inline script on a page of the site is blocked and reported."""
    watch = CspWatch(browser, live_server.url)
    try:
        watch.visit(reverse("web:about"))
        watch.page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
            " document.body.append(s); }"
        )
        watch.page.wait_for_timeout(100)
        watch.take("injected")
        assert "injected" in watch.problems
        assert watch.page.evaluate("() => window.x") is None
    finally:
        watch.context.close()

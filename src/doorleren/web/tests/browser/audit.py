"""What the browser test checks on every page, as functions that return readable problems.

Each check returns a list of strings; an empty list means the page passed. The test collects them
for all pages of a role and fails once, with everything that is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

AXE_JS = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 900}


@dataclass
class Listener:
    """Collects console errors, uncaught exceptions and failed requests of one page."""

    problems: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _console(self, message) -> None:
        # "Failed to load resource" repeats a bad status; statuses are checked with their URL.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error: {message.text}")

    def _request_failed(self, request) -> None:
        # ERR_ABORTED: the browser cancelled a load because the test moved on to the next page.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"request failed: {request.method} {request.url} ({request.failure})")

    def _response(self, response) -> None:
        # The document's own status is checked by the test; here only what the page loads.
        if response.request.resource_type != "document" and response.status >= 400:
            self.problems.append(f"resource {response.url} answered {response.status}")

    def take(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems


def axe_violations(page, *, rules: list[str] | None = None) -> list[str]:
    """Run axe-core (from node_modules) with the WCAG 2.1 A and AA rules (or only ``rules``)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        origin = page.evaluate("() => location.origin")
        if origin.startswith("http"):
            # From the site itself: the Content-Security-Policy (script-src 'self') blocks an inline copy.
            page.add_script_tag(url=f"{origin}{settings.STATIC_URL}vendor/axe-core/axe.min.js")
        else:  # a page made with set_content (no policy)
            page.add_script_tag(path=str(AXE_JS))
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    result = page.evaluate(
        """async (runOnly) => {
            const results = await axe.run(document, {runOnly, resultTypes: ['violations']});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
            }));
        }""",
        run_only,
    )
    lines = []
    for violation in result:
        for node in violation["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(
                f"axe {violation['id']} ({violation['impact']}): {violation['help']} → {node['target']}"
                + (f" — {summary}" if summary else "")
            )
    return lines


def heading_problems(page) -> list[str]:
    count = page.locator("main h1").count()
    if count != 1:
        return [f"main has {count} h1 headings; each page needs exactly one"]
    return []


def skip_link_problems(page) -> list[str]:
    """The first focusable element is the skip link, and following it puts focus on <main>."""
    first = page.evaluate(
        """() => {
            const selector = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]';
            const tabbable = [...document.querySelectorAll(selector)].filter(el =>
                !el.disabled && el.tabIndex >= 0 && el.getAttribute('type') !== 'hidden'
                && !el.closest('[inert], [hidden]') && getComputedStyle(el).visibility !== 'hidden'
                && getComputedStyle(el).display !== 'none');
            const el = tabbable[0];
            return el ? {tag: el.tagName.toLowerCase(), href: el.getAttribute('href'), text: el.textContent.trim()} : null;
        }"""
    )
    if first is None or first["href"] != "#main":
        return [f"the first focusable element is {first}, not the skip link to #main"]
    problems = []
    autofocused = page.evaluate("() => document.activeElement && document.activeElement !== document.body")
    if not autofocused:
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('href')") != "#main":
            problems.append("Tab from the top of the page does not reach the skip link first")
        elif not page.evaluate(
            "() => { const r = document.activeElement.getBoundingClientRect(); return r.width > 0 && r.top >= 0 && r.top < innerHeight; }"
        ):
            problems.append("the skip link is not visible when it has focus")
    page.focus("a[href='#main']")
    page.keyboard.press("Enter")
    if page.evaluate("() => document.activeElement && document.activeElement.id") != "main":
        problems.append("following the skip link does not move focus to <main id=main>")
    return problems


# Rules that depend on the screen width, run again at 320 px.
NARROW_RULES = ["scrollable-region-focusable"]


def narrow_screen_problems(page) -> list[str]:
    """At 320 px wide the page must not scroll sideways (WCAG 1.4.10 Reflow), and what scrolls
    inside the page (a wide table) must be reachable with the keyboard."""
    page.set_viewport_size(NARROW)
    try:
        # Two animation frames: resize observers (doorleren.js) have run.
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        problems = [f"at 320 px: {line}" for line in axe_violations(page, rules=NARROW_RULES)]
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width <= NARROW["width"]:
            return problems
        culprits = page.evaluate(
            """(limit) => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > limit + 1 && !el.closest('.dl-table-wrap, .utrecht-table-container'))
                .filter(el => ![...el.children].some(child => child.getBoundingClientRect().right > limit + 1))
                .slice(0, 5)
                .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                     + ' (' + Math.round(el.getBoundingClientRect().right) + 'px)')""",
            NARROW["width"],
        )
        return [
            *problems,
            f"at 320 px the page is {width} px wide (scrolls sideways); too wide: {', '.join(culprits)}",
        ]
    finally:
        page.set_viewport_size(WIDE)

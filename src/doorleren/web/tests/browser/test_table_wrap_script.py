"""doorleren.js keeps a table wrapper a tab stop exactly while its table scrolls.

Templates write ``tabindex="0" role="region" aria-labelledby`` themselves (for pages without
JavaScript); the script takes the useless tab stop away from a table that fits, gives it back when
the table starts to scroll, and fills in what a template forgot, without adding anything twice.
"""

from pathlib import Path

import pytest

from .audit import NARROW, WIDE

pytestmark = pytest.mark.browser

STATIC = Path(__file__).resolve().parents[2] / "static" / "web"

# A table about 600 px wide: it fits at 1280 px and scrolls at 320 px.
PAGE = """<!DOCTYPE html>
<html lang="nl"><head><title>tabellen</title></head>
<body><main id="main">
  <h2 id="written-title">Met attributen</h2>
  <div class="dl-table-wrap" id="written" tabindex="0" role="region" aria-labelledby="written-title">
    <table><tr><td class="wide">cel</td></tr></table>
  </div>
  <div class="dl-table-wrap" id="forgotten">
    <table><caption id="forgotten-caption">Vergeten</caption><tr><td class="wide">cel</td></tr></table>
  </div>
  <div class="dl-table-wrap" id="no-caption-id">
    <table><caption>Zonder id</caption><tr><td class="wide">cel</td></tr></table>
  </div>
  <div class="dl-table-wrap" id="small" tabindex="0" role="region" aria-labelledby="written-title">
    <table><tr><td>klein</td></tr></table>
  </div>
</main></body></html>"""
STYLE = ".wide { min-inline-size: 600px; white-space: nowrap; }"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.set_content(PAGE)
    page.add_style_tag(path=str(STATIC / "doorleren.css"))
    page.add_style_tag(content=STYLE)
    page.add_script_tag(path=str(STATIC / "doorleren.js"))
    _settle(page)
    yield page
    context.close()


def _settle(page) -> None:
    """Two animation frames: the script's resize observer has run."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def _attributes(page, wrap_id: str) -> dict:
    return page.evaluate(
        """(id) => {
            const el = document.getElementById(id);
            return Object.fromEntries(['tabindex', 'role', 'aria-labelledby', 'aria-label']
                .map(name => [name, el.getAttribute(name)]));
        }""",
        wrap_id,
    )


def test_a_table_that_fits_loses_the_tab_stop_but_keeps_its_name(page):
    assert _attributes(page, "written") == {
        "tabindex": None,
        "role": "region",
        "aria-labelledby": "written-title",
        "aria-label": None,
    }


def test_the_tab_stop_comes_back_when_the_table_starts_to_scroll(page):
    page.set_viewport_size(NARROW)
    _settle(page)
    assert _attributes(page, "written")["tabindex"] == "0"
    # A table that still fits at 320 px stays out of the tab order.
    assert _attributes(page, "small")["tabindex"] is None


def test_a_forgotten_wrapper_gets_focus_role_and_the_caption_as_name_once(page):
    page.set_viewport_size(NARROW)
    _settle(page)
    assert _attributes(page, "forgotten") == {
        "tabindex": "0",
        "role": "region",
        "aria-labelledby": "forgotten-caption",
        "aria-label": None,
    }
    assert _attributes(page, "no-caption-id")["aria-label"] == "Zonder id"
    # Back and forth: nothing is added a second time, the written name is never doubled.
    page.set_viewport_size(WIDE)
    _settle(page)
    page.set_viewport_size(NARROW)
    _settle(page)
    assert _attributes(page, "written")["aria-label"] is None
    assert _attributes(page, "forgotten")["aria-label"] is None


def test_a_focused_wrapper_keeps_its_tab_stop_until_focus_leaves(page):
    page.set_viewport_size(NARROW)
    _settle(page)
    page.focus("#written")
    page.set_viewport_size(WIDE)
    _settle(page)
    assert page.evaluate("() => document.activeElement.id") == "written"
    assert _attributes(page, "written")["tabindex"] == "0"
    page.evaluate("() => document.activeElement.blur()")
    assert _attributes(page, "written")["tabindex"] is None

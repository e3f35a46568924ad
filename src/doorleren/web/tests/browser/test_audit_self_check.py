"""The page checks themselves can fail: a deliberately broken page trips every one of them."""

import pytest

from .audit import WIDE, axe_violations, heading_problems, narrow_screen_problems, skip_link_problems

pytestmark = pytest.mark.browser

BROKEN = """<!DOCTYPE html>
<html><head><title>kapot</title></head>
<body>
  <a href="/ergens">Eerst een gewone link</a>
  <a href="#main">Naar de inhoud</a>
  <main id="main">
    <h1>Een</h1><h1>Twee</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
    <p style="color:#aaa;background:#fff">Te weinig contrast</p>
    <div style="width:600px">Te breed voor een telefoon</div>
    <div class="dl-table-wrap" style="overflow-x:auto"><table><tr><td style="white-space:nowrap">Een cel met zo veel tekst dat zij op een telefoon niet in beeld past</td></tr></table></div>
  </main>
</body></html>"""


@pytest.fixture
def broken_page(browser):
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.set_content(BROKEN)
    yield page
    context.close()


def test_axe_reports_missing_alt_text_language_and_contrast(broken_page):
    rules = {line.split()[1] for line in axe_violations(broken_page)}
    assert {"image-alt", "html-has-lang", "color-contrast"} <= rules


def test_two_h1_headings_are_reported(broken_page):
    assert heading_problems(broken_page) == ["main has 2 h1 headings; each page needs exactly one"]


def test_a_link_before_the_skip_link_is_reported(broken_page):
    problems = skip_link_problems(broken_page)
    assert problems and "not the skip link" in problems[0]


def test_sideways_scrolling_at_320_px_is_reported(broken_page):
    problems = narrow_screen_problems(broken_page)
    assert any("scrolls sideways" in problem and "div" in problem for problem in problems)


def test_a_scrolling_table_without_keyboard_access_is_reported_at_320_px(broken_page):
    problems = narrow_screen_problems(broken_page)
    assert any("scrollable-region-focusable" in problem for problem in problems)

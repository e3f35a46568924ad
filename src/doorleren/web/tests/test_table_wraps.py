"""Every scrolling table box can be reached with the keyboard without JavaScript (WCAG 2.1.1).

A ``<div class="dl-table-wrap">`` needs ``tabindex="0" role="region" aria-labelledby="<id>"``, and
that id must be on the table's caption or a heading in the same template. (doorleren.js only takes
the tab stop away while the table fits; Safari without JavaScript needs it written.)
"""

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2]
WRAP = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\bdl-table-wrap\b[^\"]*\"[^>]*>")
LABELLED_BY = re.compile(r'\baria-labelledby="([^"]+)"')


def _templates_with_wraps() -> list[Path]:
    return sorted(
        path for path in SRC.glob("*/templates/**/*.html") if WRAP.search(path.read_text(encoding="utf-8"))
    )


def _params():
    for path in _templates_with_wraps():
        relative = path.relative_to(SRC)
        yield pytest.param(path, id=str(relative))


def wrap_problems(text: str) -> list[str]:
    problems = []
    for tag in WRAP.findall(text):
        missing = [attr for attr in ('tabindex="0"', 'role="region"') if attr not in tag]
        labelled_by = LABELLED_BY.search(tag)
        if labelled_by is None:
            missing.append("aria-labelledby")
        elif f'id="{labelled_by.group(1)}"' not in text:
            problems.append(f"{tag}: nothing in the template has id={labelled_by.group(1)!r}")
        if missing:
            problems.append(f"{tag}: missing {', '.join(missing)}")
    return problems


def test_the_templates_we_know_of_are_found():
    found = {str(path.relative_to(SRC)) for path in _templates_with_wraps()}
    assert {
        "opportunities/templates/opportunities/detail.html",
        "profiles/templates/profiles/overview.html",
        "accounts/templates/accounts/consent.html",
        "learning/templates/learning/module_detail.html",
        "web/templates/web/start/programme_office.html",
    } <= found


@pytest.mark.parametrize("path", list(_params()))
def test_table_wrap_is_keyboard_reachable_and_named(path):
    assert wrap_problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "html",
    [
        '<div class="dl-table-wrap"><table></table></div>',
        '<div class="dl-table-wrap" role="region" aria-labelledby="t"><table></table></div><h2 id="t">x</h2>',
        '<div class="dl-table-wrap" tabindex="0" role="region"><table></table></div>',
        '<div class="dl-table-wrap" tabindex="0" role="region" aria-labelledby="gone"><table></table></div>',
    ],
)
def test_the_check_reports_a_wrap_without_keyboard_access_or_name(html):
    assert wrap_problems(html)

"""The plan as CSV (Dutch Excel) and as PDF, and that the firm's download holds only what is shared."""

import csv
import io

from doorleren.workforce import exports, selectors

from .factories import proposed_plan, revoke_share


def _parse(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _cents(text: str) -> int:
    euros, cents = text.split(",")
    return int(euros) * 100 + int(cents)


def test_the_plan_csv_parses_and_matches_the_plan(world):
    _role, _holder, plan = proposed_plan(world)
    rows = _parse(exports.plan_csv(plan))
    header, items, total = rows[0], rows[1:-1], rows[-1]
    assert header[0] == "Medewerker" and len(items) == plan.items.count()
    assert sum(_cents(row[7]) for row in items) == plan.total_cents == _cents(total[7])
    assert _cents(total[8]) == plan.covered_cents and _cents(total[9]) == plan.own_contribution_cents
    assert _cents(total[7]) == _cents(total[8]) + _cents(total[9])


def test_the_firm_csv_totals_match(world):
    _role, _holder, plan = proposed_plan(world)
    rows = _parse(exports.firm_csv(selectors.firm_plan(organisation=world.firm)))
    assert rows[1][0] == "Anne Hovinga"
    assert _cents(rows[-1][6]) == plan.total_cents


def test_a_formula_in_a_name_is_made_harmless(world):
    _role, _holder, plan = proposed_plan(world)
    plan.role_title = "=SUM(A1)"
    rows = _parse(exports.plan_csv(plan))
    assert rows[1][1] == "'=SUM(A1)"


def test_the_pdfs_are_valid_and_name_the_firm(world):
    _role, _holder, plan = proposed_plan(world)
    for content in (exports.plan_pdf(plan), exports.firm_pdf(selectors.firm_plan(organisation=world.firm))):
        assert content.startswith(b"%PDF")
        assert content.rstrip().endswith(b"%%EOF")
        assert b"Wierde Afval" in content
    assert b"Afval digitaal volgen" in exports.plan_pdf(plan)
    assert b"EUR 800,00" in exports.plan_pdf(plan)


def test_the_firm_pdf_holds_nothing_the_employee_does_not_share(world):
    proposed_plan(world)
    revoke_share(world)
    content = exports.firm_pdf(selectors.firm_plan(organisation=world.firm))
    assert b"Niet gedeeld" in content
    assert b"EUR 800,00" not in content and b"Afval digitaal volgen" not in content

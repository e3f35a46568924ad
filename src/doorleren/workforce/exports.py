"""Downloads of development plans: CSV for Excel in Dutch and a tidy PDF (docs/workforce.md).

CSV as the other downloads (``budgets/views_reports.py``): UTF-8 with a byte order mark, ``;`` between
fields, CRLF, amounts in euros with a decimal comma and no thousands separator, text that looks like a
formula gets a leading ``'``.

PDF with fpdf2 and its built-in Helvetica only (nothing is downloaded): those fonts know Latin-1, so
amounts are written as ``EUR 1.234,50`` and any other character becomes ``?``. The firm's PDF holds
only plans the employee shares with the firm.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from doorleren.core.excel_csv import csv_euro, csv_text, excel_csv_bytes

from . import selectors
from .models import DevelopmentPlan


def pdf_euro(cents: int) -> str:
    """``123456`` → ``EUR 1.234,56`` (the PDF fonts have no euro sign)."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"EUR {sign}{euros:,}".replace(",", ".") + f",{rest:02d}"


def _name(user) -> str:
    return user.get_full_name() or user.username


def plan_csv_rows(plan: DevelopmentPlan) -> list[list[str]]:
    header = [
        _("Medewerker"),
        _("Rol"),
        _("Module"),
        _("Aanbieder"),
        _("Begint op"),
        _("Klaar op"),
        _("Uren"),
        _("Kosten (euro)"),
        _("Betaald door budgetten (euro)"),
        _("Eigen bijdrage (euro)"),
        _("Wie betaalt"),
    ]
    rows = [header]
    for item in plan.items.all():
        payers = ", ".join(
            f"{line.funder_name}: {line.rule_name} {csv_euro(line.amount_cents)}"
            for line in item.funding.all()
        )
        rows.append(
            [
                csv_text(_name(plan.employee)),
                csv_text(plan.role_title),
                csv_text(item.module_title),
                csv_text(item.provider_name),
                item.start_date.isoformat(),
                item.end_date.isoformat(),
                str(item.hours),
                csv_euro(item.price_cents),
                csv_euro(item.covered_cents),
                csv_euro(item.own_contribution_cents),
                csv_text(payers),
            ]
        )
    rows.append(
        [
            _("Totaal"),
            csv_text(plan.role_title),
            "",
            "",
            plan.start_date.isoformat() if plan.start_date else "",
            plan.end_date.isoformat() if plan.end_date else "",
            str(plan.total_hours),
            csv_euro(plan.total_cents),
            csv_euro(plan.covered_cents),
            csv_euro(plan.own_contribution_cents),
            "",
        ]
    )
    return rows


def plan_csv(plan: DevelopmentPlan) -> bytes:
    return excel_csv_bytes(plan_csv_rows(plan))


def firm_csv_rows(firm: selectors.FirmPlan) -> list[list[str]]:
    rows = [
        [
            _("Medewerker"),
            _("Rol"),
            _("Stand"),
            _("Begint op"),
            _("Klaar op"),
            _("Uren"),
            _("Kosten (euro)"),
            _("Betaald door budgetten (euro)"),
            _("Eigen bijdrage (euro)"),
        ]
    ]
    for row in firm.current:
        plan = row.plan
        if not row.shared:
            rows.append(
                [
                    csv_text(row.employee_name),
                    csv_text(plan.role_title),
                    _("Niet gedeeld"),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            continue
        rows.append(
            [
                csv_text(row.employee_name),
                csv_text(plan.role_title),
                str(plan.get_state_display()),
                plan.start_date.isoformat() if plan.start_date else "",
                plan.end_date.isoformat() if plan.end_date else "",
                str(plan.total_hours),
                csv_euro(plan.total_cents),
                csv_euro(plan.covered_cents),
                csv_euro(plan.own_contribution_cents),
            ]
        )
    rows.append(
        [
            _("Totaal"),
            "",
            "",
            "",
            "",
            str(firm.total_hours),
            csv_euro(firm.total_cents),
            csv_euro(firm.covered_cents),
            csv_euro(firm.own_contribution_cents),
        ]
    )
    return rows


def firm_csv(firm: selectors.FirmPlan) -> bytes:
    return excel_csv_bytes(firm_csv_rows(firm))


# --- PDF ---------------------------------------------------------------------------------------------


def _latin1(text: object) -> str:
    return str(text).replace("€", "EUR").encode("latin-1", "replace").decode("latin-1")


def _day(value) -> str:
    return date_format(value, "j-n-Y") if value else ""


class _Document(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.set_title(_latin1(title))
        self.set_creator("doorleren")
        self.set_compression(False)  # small documents; plain text is easier to check and to search
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)
        self.add_page()

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, _latin1(_("doorleren - pagina %(page)s") % {"page": self.page_no()}), align="C")

    def heading(self, text: str, size: int = 16) -> None:
        self.set_font("Helvetica", style="B", size=size)
        self.multi_cell(0, size * 0.5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def paragraph(self, text: str) -> None:
        self.set_font("Helvetica", size=10)
        self.multi_cell(0, 5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def grid(
        self, header: list[str], rows: list[list[str]], widths: tuple[int, ...], numeric: set[int]
    ) -> None:
        self.set_font("Helvetica", size=9)
        with self.table(
            col_widths=widths,
            text_align=tuple("RIGHT" if i in numeric else "LEFT" for i in range(len(header))),
            line_height=5,
            first_row_as_headings=True,
        ) as table:
            for values in [header, *rows]:
                line = table.row()
                for value in values:
                    line.cell(_latin1(value))
        self.ln(3)


def plan_pdf(plan: DevelopmentPlan) -> bytes:
    """One employee's plan: title, firm, date, the modules with dates, hours and cost, who pays, the own
    contribution and a short explanation."""
    title = _("Ontwikkelplan van %(name)s") % {"name": _name(plan.employee)}
    pdf = _Document(title)
    pdf.heading(title)
    pdf.paragraph(
        _("Bedrijf: %(firm)s. Rol: %(role)s. Gemaakt op %(date)s. Stand: %(state)s.")
        % {
            "firm": plan.organisation.name,
            "role": plan.role_title,
            "date": _day(timezone.localdate()),
            "state": plan.get_state_display(),
        }
    )
    pdf.paragraph(
        _(
            "In dit plan staat wat u gaat leren voor uw werk. U volgt de modules na elkaar, %(hours)s uur per "
            "week. Budgetten en regelingen betalen een deel. Wat over is, betaalt het bedrijf."
        )
        % {"hours": plan.hours_per_week}
    )
    pdf.grid(
        [
            _("Module"),
            _("Aanbieder"),
            _("Begint op"),
            _("Klaar op"),
            _("Uren"),
            _("Kosten"),
            _("Budgetten"),
            _("Eigen bijdrage"),
        ],
        [
            [
                item.module_title,
                item.provider_name,
                _day(item.start_date),
                _day(item.end_date),
                str(item.hours),
                pdf_euro(item.price_cents),
                pdf_euro(item.covered_cents),
                pdf_euro(item.own_contribution_cents),
            ]
            for item in plan.items.all()
        ]
        + [
            [
                _("Totaal"),
                "",
                _day(plan.start_date),
                _day(plan.end_date),
                str(plan.total_hours),
                pdf_euro(plan.total_cents),
                pdf_euro(plan.covered_cents),
                pdf_euro(plan.own_contribution_cents),
            ]
        ],
        widths=(70, 45, 22, 22, 14, 28, 28, 28),
        numeric={4, 5, 6, 7},
    )
    pdf.heading(_("Wie betaalt wat?"), size=12)
    payers = selectors.plan_payers(plan=plan)
    for payer in payers:
        pdf.paragraph(
            _("%(funder)s betaalt %(amount)s (%(rule)s).")
            % {"funder": payer.funder_name, "amount": pdf_euro(payer.amount_cents), "rule": payer.rule_name}
        )
    if not payers:
        pdf.paragraph(_("Er is geen budget of regeling die meebetaalt."))
    pdf.paragraph(
        _("Eigen bijdrage van het bedrijf: %(amount)s.") % {"amount": pdf_euro(plan.own_contribution_cents)}
    )
    if plan.uncovered:
        pdf.paragraph(
            _("Hier is nog geen module voor: %(list)s.")
            % {"list": ", ".join(str(label) for label in plan.uncovered)}
        )
    return bytes(pdf.output())


def firm_pdf(firm: selectors.FirmPlan) -> bytes:
    """The firm's plan: per employee who shares it, and the totals."""
    title = _("Ontwikkelplan van %(firm)s") % {"firm": firm.organisation.name}
    pdf = _Document(title)
    pdf.heading(title)
    pdf.paragraph(_("Gemaakt op %(date)s.") % {"date": _day(timezone.localdate())})
    pdf.paragraph(
        _(
            "Hier staan de plannen van uw medewerkers bij elkaar. Budgetten en regelingen betalen een deel. "
            "De eigen bijdrage betaalt uw bedrijf. U ziet alleen plannen die medewerkers met u delen."
        )
    )
    rows = []
    for row in firm.current:
        if not row.shared:
            rows.append([row.employee_name, row.plan.role_title, _("Niet gedeeld"), "", "", "", "", "", ""])
            continue
        plan = row.plan
        rows.append(
            [
                row.employee_name,
                plan.role_title,
                str(plan.get_state_display()),
                _day(plan.start_date),
                _day(plan.end_date),
                str(plan.total_hours),
                pdf_euro(plan.total_cents),
                pdf_euro(plan.covered_cents),
                pdf_euro(plan.own_contribution_cents),
            ]
        )
    rows.append(
        [
            _("Totaal"),
            "",
            "",
            "",
            "",
            str(firm.total_hours),
            pdf_euro(firm.total_cents),
            pdf_euro(firm.covered_cents),
            pdf_euro(firm.own_contribution_cents),
        ]
    )
    pdf.grid(
        [
            _("Medewerker"),
            _("Rol"),
            _("Stand"),
            _("Begint op"),
            _("Klaar op"),
            _("Uren"),
            _("Kosten"),
            _("Budgetten"),
            _("Eigen bijdrage"),
        ],
        rows,
        widths=(45, 45, 25, 22, 22, 14, 28, 28, 28),
        numeric={5, 6, 7, 8},
    )
    if firm.not_shared:
        pdf.paragraph(
            _("%(n)s plan(nen) worden niet met u gedeeld. Die tellen niet mee in het totaal.")
            % {"n": firm.not_shared}
        )
    return bytes(pdf.output())

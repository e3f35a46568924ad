"""Downloads of the monitoring dashboard (docs/monitoring-dashboard.md): the tables of a page as CSV
and XLSX, and the quarterly report for the steering group as PDF.

CSV as every download of doorleren (``core.excel_csv``): UTF-8 with a byte order mark, ``;``, CRLF,
amounts in euros with a decimal comma, text that looks like a formula gets a leading ``'``. Each
table is a block: its caption, a header row in Dutch, its rows, an empty line.

XLSX (openpyxl): one sheet per table, the header row bold, numbers as numbers.

In both, a figure that is not shown is a marker, as CBS writes it: ``<10`` (fewer than 10 persons)
and ``x`` (not shown, else a small figure can be worked out); an empty cell means nothing recorded.

PDF (fpdf2, built-in Helvetica, as ``workforce/exports.py``): those fonts know Latin-1, so ë is fine
and the euro sign is written ``EUR``.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from doorleren.core.excel_csv import csv_text, excel_csv_bytes

from .charts import chart_png
from .models import Metric
from .selectors import outcomes
from .selectors.dashboard import QuarterlyReport, Table, indicators_table, key_figures_table

MARKER_NOTE_KEY = "markers"


def _marker_note() -> str:
    return _(
        "<%(n)s: minder dan %(n)s personen, niet getoond. x: niet getoond, anders is een klein aantal uit "
        "te rekenen. Leeg: geen cijfer."
    ) % {"n": outcomes.SMALL_CELL}


def _csv_value(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return csv_text(value)


def tables_csv(tables: list[Table], *, title: str, filters_text: str) -> bytes:
    rows: list[list[str]] = [[csv_text(title)], [csv_text(filters_text)], [_marker_note()], []]
    for table in tables:
        rows.append([csv_text(table.caption)])
        for line in table.export_rows():
            rows.append([_csv_value(v) for v in line])
        rows.append([])
    return excel_csv_bytes(rows)


def _xlsx_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int | float):
        return value
    return csv_text(value)  # a text that starts like a formula is never run


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(text: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub("", text)[:28].strip() or "Blad"
    title, n = base, 2
    while title in used:
        title = f"{base[:25]} {n}"
        n += 1
    used.add(title)
    return title


def tables_xlsx(tables: list[Table], *, title: str, filters_text: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    about = workbook.active
    about.title = _("Toelichting")
    for line in (title, filters_text, _marker_note()):
        about.append([csv_text(line)])
    about["A1"].font = Font(bold=True, size=14)
    used = {about.title}
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.caption, used))
        sheet.append([csv_text(table.caption)])
        sheet["A1"].font = Font(bold=True)
        for index, line in enumerate(table.export_rows()):
            sheet.append([_xlsx_value(v) for v in line])
            if index == 0:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 40
        for column in "BCDEFG":
            sheet.column_dimensions[column].width = 22
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF --------------------------------------------------------------------------------------------


def _latin1(text: object) -> str:
    replaced = str(text).replace("€", "EUR").replace("–", "-").replace("×", "x").replace("’", "'")
    return replaced.encode("latin-1", "replace").decode("latin-1")


class _Report(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report_title = title
        self.set_title(_latin1(title))
        self.set_creator("doorleren")
        self.set_compression(False)  # plain text is easier to check and to search
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(
            0,
            5,
            _latin1(_("%(title)s - pagina %(page)s") % {"title": self.report_title, "page": self.page_no()}),
            align="C",
        )

    def heading(self, text: str, size: int = 14) -> None:
        self.set_font("Helvetica", style="B", size=size)
        self.multi_cell(0, size * 0.5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def paragraph(self, text: str, size: int = 10) -> None:
        self.set_font("Helvetica", size=size)
        self.multi_cell(0, 5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def grid(self, table: Table, widths: tuple[int, ...] | None = None) -> None:
        self.set_font("Helvetica", style="B", size=9)
        self.multi_cell(0, 5, _latin1(table.caption), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("Helvetica", size=8)
        numeric = {i for i, cell in enumerate(table.rows[0]) if cell.numeric} if table.rows else set()
        with self.table(
            col_widths=widths,
            text_align=tuple("RIGHT" if i in numeric else "LEFT" for i in range(len(table.header))),
            line_height=4.5,
            first_row_as_headings=True,
        ) as grid:
            header = grid.row()
            for text in table.header:
                header.cell(_latin1(text))
            for row in table.rows:
                line = grid.row()
                for cell in row:
                    line.cell(_latin1(cell.text))
        self.ln(3)


def _verdict_line(measure, estimate) -> str:
    from .models import Verdict

    verdict = str(Verdict(estimate.verdict).label)
    if estimate.matched_participants < outcomes.SMALL_CELL:
        # The small-cell rule: no effect, share or count from fewer than 10 people.
        effect = _("te weinig deelnemers om een effect te tonen (minder dan %(n)s)") % {
            "n": outcomes.SMALL_CELL
        }
    elif estimate.effect is not None and estimate.ci_low is not None and estimate.ci_high is not None:
        effect = _(
            "%(effect)s procentpunt meer mensen aan het werk (tussen %(low)s en %(high)s), "
            "%(n)s deelnemers vergeleken"
        ) % {
            "effect": f"{100 * estimate.effect:+.1f}".replace(".", ","),
            "low": f"{100 * estimate.ci_low:+.1f}".replace(".", ","),
            "high": f"{100 * estimate.ci_high:+.1f}".replace(".", ","),
            "n": estimate.matched_participants,
        }
    else:
        effect = _("nog geen effect te berekenen (%(n)s deelnemers)") % {"n": estimate.matched_participants}
    caveat = _("Let op: een vergelijking, geen bewijs; er kunnen verschillen zijn die wij niet zien.")
    return f"{measure.name}: {verdict}. {effect}. {caveat}"


def quarterly_report_pdf(report: QuarterlyReport) -> bytes:
    """The quarterly report: title page, summary, key figures (quarter and year so far), measures per
    programme line, effect verdicts, main indicators, two charts and the notes on small cells and
    demo values."""
    quarter_label = report.quarter.label
    title = _("Kwartaalrapport monitoring %(quarter)s") % {"quarter": quarter_label}
    pdf = _Report(title)

    # Title page.
    pdf.add_page()
    pdf.ln(60)
    pdf.set_font("Helvetica", style="B", size=24)
    pdf.multi_cell(0, 12, _latin1(title), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font("Helvetica", size=13)
    for line in (
        _("Leven lang ontwikkelen in Groningen en Noord-Drenthe"),
        _("Voor de stuurgroep"),
        _("Gemaakt op %(date)s") % {"date": report.made_on.strftime("%d-%m-%Y")},
    ):
        pdf.multi_cell(0, 8, _latin1(line), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # Summary.
    pdf.add_page()
    pdf.heading(_("In het kort"))
    q, y = report.quarter_figures, report.year_figures
    if not report.has_figures:
        pdf.paragraph(
            _(
                "Voor dit kwartaal zijn er nog geen cijfers van het platform. Het programmabureau maakt ze "
                "met het commando doorleren monitoring refresh."
            )
        )
    else:
        pdf.paragraph(
            _(
                "In %(quarter)s deden %(reached)s inwoners voor het eerst mee aan een maatregel. "
                "Inwoners begonnen %(started)s modules en rondden er %(completed)s af. "
                "%(work)s inwoners gingen aan het werk. Er is %(spent)s uitgegeven aan leren."
            )
            % {
                "quarter": quarter_label,
                "reached": q[Metric.REACHED].text(),
                "started": q[Metric.ROUTES_STARTED].text(),
                "completed": q[Metric.ROUTES_COMPLETED].text(),
                "work": q[Metric.WORK_STARTED].text(),
                "spent": q[Metric.SPENT_CENTS].text(money=True),
            }
        )
        pdf.paragraph(
            _("In %(year)s bereikten de maatregelen samen %(reached)s inwoners.")
            % {"year": report.year_label, "reached": y[Metric.REACHED].text()}
        )

    pdf.heading(_("Kerncijfers van de regio"), size=12)
    pdf.grid(key_figures_table(key="k", caption=quarter_label, figures=q), widths=(110, 64))
    pdf.grid(key_figures_table(key="j", caption=report.year_label, figures=y), widths=(110, 64))

    # Measures per programme line.
    pdf.add_page()
    pdf.heading(_("Maatregelen per programmalijn (%(year)s)") % {"year": report.year_label})
    for summary in report.lines:
        if not summary.rows:
            pdf.set_font("Helvetica", style="B", size=9)
            pdf.multi_cell(0, 5, _latin1(str(summary.line)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.paragraph(_("Nog geen maatregelen."), size=9)
            continue
        table = Table(
            key=summary.table.key,
            caption=str(summary.line),
            header=summary.table.header,
            rows=summary.table.rows,
        )
        pdf.grid(table, widths=(50, 22, 26, 26, 25, 25))

    # Effect verdicts.
    pdf.heading(_("Werkt het? Effect op werk binnen 12 maanden"), size=12)
    if report.effects:
        for measure, estimate in report.effects:
            pdf.paragraph(_verdict_line(measure, estimate), size=9)
    else:
        pdf.paragraph(_("Er zijn nog geen effectschattingen."))

    # Indicators.
    pdf.heading(_("Hoofddoelen van het regionale plan"), size=12)
    pdf.grid(
        indicators_table(key="i", caption=_("Laatste cijfers voor de hele regio"), rows=report.indicators),
        widths=(80, 34, 20, 40),
    )

    # Charts.
    pdf.add_page()
    pdf.heading(_("Grafieken"))
    for chart in report.charts:
        pdf.set_font("Helvetica", style="B", size=10)
        pdf.multi_cell(0, 5, _latin1(chart.caption), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.image(io.BytesIO(chart_png(chart.spec)), w=170)
        pdf.paragraph(chart.text, size=9)
        pdf.ln(2)

    # Notes.
    pdf.heading(_("Hoe lees ik deze cijfers?"), size=12)
    pdf.paragraph(
        _(
            "Regel voor kleine aantallen: gaat een cijfer over minder dan %(n)s personen, dan staat er "
            "'minder dan %(n)s'. Is een klein cijfer uit het totaal uit te rekenen, dan tonen wij ook een ander "
            "cijfer niet ('niet getoond'). Zo is niemand te herkennen."
        )
        % {"n": outcomes.SMALL_CELL}
    )
    if any(row.is_demo for row in report.indicators):
        pdf.paragraph(
            _(
                "Voorbeeldcijfers: sommige regionale cijfers zijn voorbeeldcijfers voor de demo, geen echte "
                "cijfers. Zij staan als 'voorbeeldcijfer' in de tabel."
            )
        )
    pdf.paragraph(
        _(
            "De cijfers van het platform tellen wat inwoners op doorleren doen. Zij zijn gemaakt met "
            "doorleren monitoring refresh."
        )
    )
    return bytes(pdf.output())

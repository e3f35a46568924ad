"""Downloads of "Mijn gegevens": all of a person's data as JSON and as a readable PDF in Dutch.

JSON: UTF-8, keys sorted (stable), dates and times ISO 8601 (times in UTC), money in cents as integers.
PDF: as ``workforce/exports.py``, fpdf2 with its built-in Helvetica only (nothing is downloaded): those
fonts know Latin-1, so amounts are written as ``EUR 1.234,50`` and any other character becomes ``?``.
"""

from __future__ import annotations

import json

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .selectors import export_plain


def export_json(data: dict) -> bytes:
    """``data`` (from ``selectors.personal_data_export``) as pretty, stable UTF-8 JSON."""
    return (json.dumps(export_plain(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode(
        "utf-8"
    )


def pdf_euro(cents: int | None) -> str:
    """``123456`` → ``EUR 1.234,56`` (the PDF fonts have no euro sign)."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"EUR {sign}{euros:,}".replace(",", ".") + f",{rest:02d}"


def _latin1(text: object) -> str:
    return str(text).replace("€", "EUR").encode("latin-1", "replace").decode("latin-1")


def _when(value) -> str:
    if value is None or value == "":
        return ""
    if hasattr(value, "hour"):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j-n-Y H:i")
    return date_format(value, "j-n-Y")


def _yes_no(value) -> str:
    return _("ja") if value else _("nee")


class _Document(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_title(_latin1(title))
        self.set_creator("doorleren")
        self.set_compression(False)  # plain text is easier to check and to search
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)
        self.add_page()

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, _latin1(_("doorleren - pagina %(page)s") % {"page": self.page_no()}), align="C")

    def heading(self, text: str, size: int = 14) -> None:
        self.set_font("Helvetica", style="B", size=size)
        self.multi_cell(0, size * 0.5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def paragraph(self, text: str) -> None:
        self.set_font("Helvetica", size=10)
        self.multi_cell(0, 5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def section(self, title: str, rows: list[str], empty: str) -> None:
        self.heading(title, size=12)
        if not rows:
            self.paragraph(empty)
        for row in rows:
            self.paragraph("- " + row)
        self.ln(2)


def export_pdf(data: dict) -> bytes:
    """A readable summary in Dutch of ``data`` (from ``selectors.personal_data_export``): one section
    per kind of data. The JSON download holds every detail."""
    account = data["accounts"]["account"]
    title = _("Mijn gegevens bij doorleren")
    pdf = _Document(title)
    pdf.heading(title, size=16)
    pdf.paragraph(
        _(
            "Gemaakt op %(date)s voor %(name)s (gebruikersnaam %(username)s). In het JSON-bestand staat alles precies."
        )
        % {
            "date": _when(data["exported_at"]),
            "name": f"{account['first_name']} {account['last_name']}".strip() or account["username"],
            "username": account["username"],
        }
    )
    pdf.section(
        _("Uw account"),
        [
            _("E-mailadres: %(email)s") % {"email": account["email"] or "-"},
            _("Account gemaakt op %(date)s") % {"date": _when(account["date_joined"])},
            _("Laatst ingelogd: %(date)s") % {"date": _when(account["last_login"]) or "-"},
        ],
        "",
    )
    pdf.section(
        _("Toestemming die u gaf"),
        [
            _("%(organisation)s: %(purpose)s, gegeven op %(granted)s%(revoked)s")
            % {
                "organisation": c["organisation"],
                "purpose": c["purpose_label"],
                "granted": _when(c["granted_at"]),
                "revoked": (_(", ingetrokken op %(date)s") % {"date": _when(c["revoked_at"])})
                if c["revoked_at"]
                else "",
            }
            for c in data["accounts"]["consents"]
        ],
        _("U gaf geen toestemming."),
    )
    profiles = data["profiles"]
    profile = profiles["profile"]
    pdf.section(
        _("Uw profiel"),
        []
        if profile is None
        else [
            _("Situatie: %(status)s") % {"status": profile["status_label"]},
            _("Gemeente: %(municipality)s") % {"municipality": profile["municipality"] or "-"},
            _("Geboortejaar: %(year)s") % {"year": profile["birth_year"] or "-"},
            _("Uren per week: %(hours)s") % {"hours": profile["hours_per_week"] or "-"},
            _("Zoekt werk: %(work)s. Wil iets leren: %(learn)s.")
            % {
                "work": _yes_no(profile["looking_for_work"]),
                "learn": _yes_no(profile["looking_for_learning"]),
            },
        ],
        _("U heeft geen profiel."),
    )
    pdf.section(
        _("Wat u kunt (competenties)"),
        [
            _("%(label)s: niveau %(level)s") % {"label": c["label"], "level": c["level"]}
            for c in profiles["competencies"]
        ],
        _("Geen competenties."),
    )
    pdf.section(
        _("Werkervaring"),
        [
            _("%(title)s bij %(employer)s, vanaf %(start)s")
            % {
                "title": w["job_title"],
                "employer": w["employer_name"] or "-",
                "start": _when(w["started_on"]),
            }
            for w in profiles["work_experiences"]
        ],
        _("Geen werkervaring."),
    )
    pdf.section(
        _("Opleidingen"),
        [f"{e['title']} {e['institution']} {e['year'] or ''}".strip() for e in profiles["educations"]],
        _("Geen opleidingen."),
    )
    pdf.section(
        _("Inschrijvingen voor modules"),
        [
            _("%(module)s bij %(provider)s, start %(start)s, prijs %(price)s, uit budgetten %(covered)s")
            % {
                "module": e["module"],
                "provider": e["provider"],
                "start": _when(e["start_date"]),
                "price": pdf_euro(e["price_cents"]),
                "covered": pdf_euro(e["covered_cents"]),
            }
            for e in data["enrolments"]["enrolments"]
        ],
        _("Geen inschrijvingen."),
    )
    pdf.section(
        _("Budgetten"),
        [
            _("%(rule)s van %(funder)s: %(amount)s, nog over %(balance)s, geldig tot en met %(until)s")
            % {
                "rule": b["rule"],
                "funder": b["funder"],
                "amount": pdf_euro(b["amount_cents"]),
                "balance": pdf_euro(b["balance_cents"]),
                "until": _when(b["valid_until"]),
            }
            for b in data["budgets"]["budgets"]
        ],
        _("Geen budgetten."),
    )
    pdf.section(
        _("Bewaarde leerroutes"),
        [
            _("%(goal)s: %(hours)s uur, %(cost)s")
            % {"goal": r["goal"], "hours": r["hours"], "cost": pdf_euro(r["cost_cents"])}
            for r in data["matching"]["saved_routes"]
        ],
        _("Geen bewaarde leerroutes."),
    )
    pdf.section(
        _("Ontwikkelplannen"),
        [
            _("%(organisation)s, rol %(role)s: %(hours)s uur")
            % {
                "organisation": p["organisation"],
                "role": p["role"],
                "hours": p["total_hours"],
            }
            for p in data["workforce"]["development_plans"]
        ],
        _("Geen ontwikkelplannen."),
    )
    placement = data["placement"]
    pdf.section(
        _("Praktijkopdrachten"),
        [_("%(round)s: keuze %(rank)s, %(assignment)s") % c for c in placement["placement_choices"]]
        + [
            _("%(round)s: geplaatst bij %(assignment)s")
            % {"round": r["round"], "assignment": r["assignment"] or "-"}
            for r in placement["placement_results"]
        ],
        _("Geen praktijkopdrachten."),
    )
    monitoring = data["monitoring"]
    pdf.section(
        _("Deelname en werk"),
        [
            _("Doet mee aan %(measure)s vanaf %(date)s")
            % {"measure": p["measure"], "date": _when(p["started_on"])}
            for p in monitoring["measure_participations"]
        ]
        + [
            _("Begonnen met werk op %(date)s") % {"date": _when(w["started_on"])}
            for w in monitoring["work_starts"]
        ],
        _("Niets bekend."),
    )
    pdf.section(
        _("Wie bekeek uw gegevens"),
        [
            _("%(when)s: %(viewer)s (%(organisation)s) - %(what)s. Waarom: %(purpose)s")
            % {
                "when": _when(v["viewed_at"]),
                "viewer": v["viewer"],
                "organisation": v["organisation"] or "-",
                "what": v["what_label"],
                "purpose": v["purpose_label"],
            }
            for v in data["privacy"]["profile_views"]
        ],
        _("Niemand bekeek uw gegevens."),
    )
    pdf.section(
        _("Logboek"),
        [
            _("%(when)s: %(action)s") % {"when": _when(e["at"]), "action": e["action"]}
            for e in data["audit"]["audit_events"]
        ],
        _("Geen regels in het logboek."),
    )
    return bytes(pdf.output())

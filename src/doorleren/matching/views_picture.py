"""The page "Het regionale beeld" and its CSV download: demand against supply per competency.

For the programme office, schools and administrators (others 403, logged out to the login page).
``?gemeente=<CBS code>`` narrows it to one municipality; a code we do not know gives a form error
and status 400, never a 500. Definitions, privacy and the CSV format: docs/regional-picture.md.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from doorleren.accounts.selectors import has_role
from doorleren.core.excel_csv import csv_text, excel_csv_response

from . import selectors_picture

# Roles that see the regional picture: it is about the region's offer, not about persons.
PICTURE_ROLES = ("programme_office", "school", "administrator")
# What is echoed back of a value we do not know.
ECHO_MAX = 20


class PictureFilterForm(forms.Form):
    gemeente = forms.CharField(label=gettext_lazy("Gemeente"), required=False)

    def clean_gemeente(self):
        value = self.cleaned_data["gemeente"]
        if not value:
            return None
        municipality = selectors_picture.municipality_for_picture(code=value[:100])
        if municipality is None:
            raise forms.ValidationError(
                _(
                    "Wij kennen geen gemeente met code “%(code)s” in de regio Groningen en Noord-Drenthe. "
                    "Kies een gemeente uit de lijst."
                )
                % {"code": value[:ECHO_MAX]}
            )
        return municipality


def _require_picture_role(user) -> None:
    if not any(has_role(user=user, role=role) for role in PICTURE_ROLES):
        raise PermissionDenied(
            _("Alleen het programmabureau, scholen en beheerders zien het regionale beeld.")
        )


def _form(request) -> PictureFilterForm:
    form = PictureFilterForm(request.GET)
    form.is_valid()
    return form


@login_required
@require_GET
def picture(request):
    """Het regionale beeld: per competency the open opportunities, the residents who can do it and the offer."""
    _require_picture_role(request.user)
    form = _form(request)
    picture = None
    status = 400
    municipality = None
    if not form.errors:
        municipality = form.cleaned_data["gemeente"]
        picture = selectors_picture.regional_picture(municipality=municipality)
        status = 200
    context = {
        "form": form,
        "picture": picture,
        "municipalities": selectors_picture.municipalities_for_picture(),
        "selected": municipality.code if municipality is not None else "",
        "small_cell": selectors_picture.SMALL_CELL,
        "supply_level": selectors_picture.SUPPLY_LEVEL,
    }
    return render(request, "matching/picture.html", context, status=status)


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def picture_csv_header() -> list[str]:
    return [
        _("Competentie"),
        _("Code"),
        _("Gebied"),
        _("Open plekken"),
        _("Waarvan noodzakelijk"),
        _("Hoogste gevraagde niveau"),
        _("Inwoners niveau 2 of hoger"),
        _("Inwoners alleen niveau 1"),
        _("Verschil (inwoners niveau 2 of hoger min open plekken)"),
        _("Inwoners niveau 2 of hoger per open plek"),
        _("Vraag in de toekomst"),
        _("Modules in het leeraanbod"),
        _("Hoogste niveau in het leeraanbod"),
    ]


def picture_csv_rows(picture) -> list[list[str]]:
    """The table as CSV cells. Numbers of residents as the page shows them: ``<10``, ``verborgen``."""
    area = picture.municipality.name if picture.municipality is not None else _("Hele regio")
    rows = []
    for row in picture.rows:
        rows.append(
            [
                csv_text(row.competency.label),
                csv_text(row.competency.code),
                csv_text(area),
                str(row.opportunities),
                str(row.essential),
                str(row.level),
                row.able.csv,
                row.basic.csv,
                "" if row.difference is None else str(row.difference),
                "" if row.ratio is None else _decimal(row.ratio),
                csv_text("; ".join(str(item) for item in row.future)),
                str(row.modules),
                "" if row.taught_level is None else str(row.taught_level),
            ]
        )
    return rows


@login_required
@require_GET
def picture_csv(request):
    """The table of the page as a CSV file for Excel (``;``, UTF-8 with BOM), with the same filter."""
    _require_picture_role(request.user)
    form = _form(request)
    if form.errors:
        message = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    municipality = form.cleaned_data["gemeente"]
    picture = selectors_picture.regional_picture(municipality=municipality)
    area = municipality.code if municipality is not None else "regio"
    return excel_csv_response(
        [picture_csv_header(), *picture_csv_rows(picture)],
        filename=f"regionaal-beeld-{area}-{timezone.localdate().isoformat()}.csv",
    )

"""Forms of the resident's own profile pages. One question per field, plain Dutch (B1).

Forms only check what people typed; the services decide. A service error comes back with the
field it is about (``ApplicationError.extra["field"]``) and ``add_service_error`` puts it there.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorleren.core.errors import ApplicationError
from doorleren.taxonomy.levels import CompetencyLevel

from .choices import (
    HOURS_MAX,
    HOURS_MIN,
    TRAVEL_KM_MAX,
    TRAVEL_KM_MIN,
    CompetencySource,
    EducationLevel,
    Evidence,
    ResidentStatus,
)
from .models import DESCRIPTION_MAX, TITLE_MAX
from .texts import interpolate_lazy

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"]
MONTHS = [
    (1, _("januari")),
    (2, _("februari")),
    (3, _("maart")),
    (4, _("april")),
    (5, _("mei")),
    (6, _("juni")),
    (7, _("juli")),
    (8, _("augustus")),
    (9, _("september")),
    (10, _("oktober")),
    (11, _("november")),
    (12, _("december")),
]


def _required(message) -> dict:
    return {"required": message}


def _number_errors(minimum: int, maximum: int) -> dict:
    message = interpolate_lazy(
        _("Vul een getal in van %(min)s tot en met %(max)s."), {"min": minimum, "max": maximum}
    )
    return {"invalid": message, "min_value": message, "max_value": message}


WIDGET_CLASSES = {
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.NumberInput: "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--sm",
    forms.DateInput: "utrecht-textbox utrecht-textbox--html-input",
}
CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


class ServiceErrorMixin:
    """NL Design System classes on every widget, an error summary, service errors on their field.

    Django links help text and errors to inputs (``aria-describedby`` → ``<id>_helptext`` and
    ``<id>_error``); the templates use those ids.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            for widget_class, css in WIDGET_CLASSES.items():
                if isinstance(widget, widget_class):
                    widget.attrs["class"] = css
                    break

    def add_service_error(self, error: ApplicationError) -> None:
        """Show a service's Dutch message next to the field it is about, else above the form."""
        field = error.extra.get("field")
        self.add_error(field if field in self.fields else None, error.message)

    def error_summary(self) -> list[dict]:
        """Every error with the id of the input to jump to, in the order of the form."""
        items = [{"anchor": "", "message": message} for message in self.non_field_errors()]
        for bound in self:
            if not bound.errors:
                continue
            multiple = isinstance(bound.field.widget, CHOICE_WIDGETS)
            anchor = f"{bound.auto_id}_0" if multiple else bound.auto_id
            items.extend({"anchor": anchor, "message": message} for message in bound.errors)
        return items


class PreferencesForm(ServiceErrorMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Wat is uw situatie nu?"),
        choices=ResidentStatus.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Kies of u werkt, werk zoekt of student bent.")),
    )
    municipality = forms.ModelChoiceField(
        label=_("In welke gemeente woont u?"),
        queryset=None,
        required=False,
        empty_label=_("Kies uw gemeente"),
        help_text=_("Dan laten wij werk en opleidingen dichtbij zien."),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    education_level = forms.ChoiceField(
        label=_("Wat is de hoogste opleiding die u heeft afgemaakt?"),
        choices=[("", _("Kies een opleiding")), *EducationLevel.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een opleiding uit de lijst.")},
    )
    birth_year = forms.IntegerField(
        label=_("In welk jaar bent u geboren?"),
        required=False,
        help_text=_("Dit hoeft niet. Bijvoorbeeld 1985."),
        error_messages={"invalid": _("Vul een jaar in met 4 cijfers, bijvoorbeeld 1985.")},
    )
    hours_per_week = forms.IntegerField(
        label=_("Hoeveel uur per week kunt u werken of leren?"),
        required=False,
        min_value=HOURS_MIN,
        max_value=HOURS_MAX,
        help_text=interpolate_lazy(
            _("Een getal van %(min)s tot en met %(max)s."), {"min": HOURS_MIN, "max": HOURS_MAX}
        ),
        error_messages=_number_errors(HOURS_MIN, HOURS_MAX),
    )
    max_travel_km = forms.IntegerField(
        label=_("Hoe ver wilt u reizen, in kilometers?"),
        required=False,
        min_value=TRAVEL_KM_MIN,
        max_value=TRAVEL_KM_MAX,
        help_text=_("De afstand van huis naar werk of school, enkele reis. Bijvoorbeeld 25."),
        error_messages=_number_errors(TRAVEL_KM_MIN, TRAVEL_KM_MAX),
    )
    preferred_sectors = forms.ModelMultipleChoiceField(
        label=_("In welke sectoren wilt u graag werken of leren?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies er zo veel als u wilt. U mag ook niets kiezen."),
        error_messages={"invalid_choice": _("Kies sectoren uit de lijst.")},
    )
    looking_for_work = forms.BooleanField(label=_("Ik zoek (ander) werk."), required=False)
    looking_for_learning = forms.BooleanField(label=_("Ik wil iets leren."), required=False)

    def __init__(self, *args, municipalities, sectors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["preferred_sectors"].queryset = sectors
        self.fields["preferred_sectors"].to_field_name = "code"

    def clean_birth_year(self):
        value = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if value is not None and not 1900 <= value <= this_year:
            raise forms.ValidationError(
                _("Vul een geboortejaar in tussen 1900 en %(year)s.") % {"year": this_year}
            )
        return value


class CompetencyDetailsForm(ServiceErrorMixin, forms.Form):
    """Level, source, evidence and date of one competency (add and change)."""

    level = forms.TypedChoiceField(
        label=_("Hoe goed kunt u dit?"),
        choices=CompetencyLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe goed u dit kunt."),
            "invalid_choice": _("Kies een niveau van 1 tot en met 4."),
        },
    )
    source = forms.ChoiceField(
        label=_("Waar heeft u dit geleerd?"),
        choices=CompetencySource.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies waar u dit heeft geleerd."),
            "invalid_choice": _("Kies waar u dit heeft geleerd."),
        },
    )
    evidence = forms.ChoiceField(
        label=_("Welk bewijs heeft u?"),
        choices=Evidence.choices,
        widget=forms.RadioSelect,
        help_text=_("Heeft u geen papier? Kies dan 'Zelf ingeschat'."),
        error_messages={
            "required": _("Kies welk bewijs u heeft."),
            "invalid_choice": _("Kies welk bewijs u heeft."),
        },
    )
    obtained_on = forms.DateField(
        label=_("Sinds wanneer kunt u dit?"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Dit hoeft niet. Bijvoorbeeld de datum van uw diploma: 15-06-2021."),
        error_messages={"invalid": _("Vul een datum in zoals 15-06-2021 (dag-maand-jaar).")},
    )

    def clean_obtained_on(self):
        value = self.cleaned_data.get("obtained_on")
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(
                _("Deze datum ligt in de toekomst. Kies een datum van vandaag of eerder.")
            )
        return value


class CompetencyAddForm(CompetencyDetailsForm):
    """Which competency (code, picked from the search results), then its details."""

    competency = forms.CharField(
        label=_("Welke competentie bedoelt u?"),
        max_length=80,
        error_messages={
            "required": _("Kies een competentie uit de lijst. Zoek eerst met een woord."),
            "max_length": _("Kies een competentie uit de lijst."),
        },
    )
    field_order = ["competency", "level", "source", "evidence", "obtained_on"]

    def __init__(self, *args, competency_get, **kwargs):
        super().__init__(*args, **kwargs)
        self._competency_get = competency_get

    def clean_competency(self):
        competency = self._competency_get(self.cleaned_data["competency"].strip())
        if competency is None:
            raise forms.ValidationError(
                _("Deze competentie kennen wij niet. Kies een competentie uit de lijst.")
            )
        return competency


class WorkExperienceForm(ServiceErrorMixin, forms.Form):
    occupation = forms.CharField(
        label=_("Welk beroep past het best?"),
        required=False,
        max_length=255,
        help_text=_(
            "Dit hoeft niet. Staat uw beroep er niet bij? Kies dan niets en vul hieronder uw functie in."
        ),
    )
    job_title = forms.CharField(
        label=_("Wat was uw functie?"),
        required=False,
        max_length=TITLE_MAX,
        help_text=_(
            "Bijvoorbeeld: magazijnmedewerker. Heeft u hierboven een beroep gekozen? Dan hoeft dit niet."
        ),
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )
    employer_name = forms.CharField(
        label=_("Bij welke werkgever?"),
        required=False,
        max_length=TITLE_MAX,
        help_text=_("Dit hoeft niet."),
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )
    start_month = forms.TypedChoiceField(
        label=_("Maand"),
        choices=[("", _("Kies een maand")), *MONTHS],
        coerce=int,
        error_messages=_required(_("Kies de maand waarin u begon.")),
    )
    start_year = forms.IntegerField(
        label=_("Jaar"),
        error_messages={
            "required": _("Vul het jaar in waarin u begon."),
            "invalid": _("Vul een jaar in met 4 cijfers, bijvoorbeeld 2018."),
        },
    )
    end_month = forms.TypedChoiceField(
        label=_("Maand"),
        choices=[("", _("Kies een maand")), *MONTHS],
        coerce=int,
        required=False,
        empty_value=None,
    )
    end_year = forms.IntegerField(
        label=_("Jaar"),
        required=False,
        error_messages={"invalid": _("Vul een jaar in met 4 cijfers, bijvoorbeeld 2022.")},
    )
    description = forms.CharField(
        label=_("Wat deed u in dit werk?"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Dit hoeft niet. Schrijf een paar zinnen over uw taken."),
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, occupation_get, **kwargs):
        super().__init__(*args, **kwargs)
        self._occupation_get = occupation_get

    def clean_occupation(self):
        uri = self.cleaned_data.get("occupation", "").strip()
        if not uri:
            return None
        occupation = self._occupation_get(uri)
        if occupation is None:
            raise forms.ValidationError(_("Dit beroep kennen wij niet. Kies een beroep uit de lijst."))
        return occupation

    @staticmethod
    def _year_ok(year: int | None) -> bool:
        return year is None or 1900 <= year <= timezone.localdate().year

    def clean(self):
        data = super().clean()
        this_year = timezone.localdate().year
        message = _("Vul een jaar in tussen 1900 en %(year)s.") % {"year": this_year}
        for name in ("start_year", "end_year"):
            if not self._year_ok(data.get(name)):
                self.add_error(name, message)
                data[name] = None
        if data.get("start_month") and data.get("start_year"):
            data["started_on"] = datetime.date(data["start_year"], data["start_month"], 1)
        end_month, end_year = data.get("end_month"), data.get("end_year")
        if end_month and end_year:
            data["ended_on"] = datetime.date(end_year, end_month, 1)
        elif end_month and "end_year" not in self.errors:
            self.add_error("end_year", _("Vul ook het jaar in waarin u stopte."))
        elif end_year and "end_month" not in self.errors:
            self.add_error("end_month", _("Kies ook de maand waarin u stopte."))
        else:
            data["ended_on"] = None
        if (
            not data.get("occupation")
            and not (data.get("job_title") or "").strip()
            and "job_title" not in self.errors
        ):
            self.add_error("job_title", _("Vul uw functie in of kies een beroep."))
        return data


class EducationForm(ServiceErrorMixin, forms.Form):
    title = forms.CharField(
        label=_("Wat is de naam van de opleiding of cursus?"),
        max_length=TITLE_MAX,
        help_text=_("Bijvoorbeeld: Mbo Verzorgende IG of cursus heftruck rijden."),
        error_messages={
            "required": _("Vul de naam van de opleiding in."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    level = forms.ChoiceField(
        label=_("Wat voor soort opleiding is het?"),
        choices=[("", _("Weet ik niet of past niet")), *EducationLevel.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een soort opleiding uit de lijst.")},
    )
    institution = forms.CharField(
        label=_("Bij welke school of welk opleidingsbedrijf?"),
        required=False,
        max_length=TITLE_MAX,
        help_text=_("Dit hoeft niet."),
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )
    completed = forms.TypedChoiceField(
        label=_("Heeft u de opleiding afgemaakt?"),
        choices=[("yes", _("Ja")), ("no", _("Nee, of nog niet"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages=_required(_("Kies ja of nee.")),
    )
    year = forms.IntegerField(
        label=_("In welk jaar was u klaar?"),
        required=False,
        help_text=_("Dit hoeft niet. Bent u nog bezig? Vul dan het jaar in waarin u klaar denkt te zijn."),
        error_messages={"invalid": _("Vul een jaar in met 4 cijfers, bijvoorbeeld 2019.")},
    )


class SearchForm(forms.Form):
    """The search box on the add pages (GET)."""

    q = forms.CharField(label=_("Zoek met een woord"), required=False, max_length=100)

    def query(self) -> str:
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""


class CVUploadForm(ServiceErrorMixin, forms.Form):
    """The optional CV on "Vertel wat u kunt". The form only takes the file; ``profiles.cv`` checks
    its size and type by its content and reads its text in memory (docs/security-hardening.md)."""

    cv = forms.FileField(
        label=_("Of kies uw cv (dit hoeft niet)"),
        required=False,
        help_text=_(
            "Een pdf of een tekstbestand (.txt) van hoogstens 2 MB. Wij zetten de tekst uit uw cv in het "
            "vak hierboven."
        ),
        widget=forms.FileInput(attrs={"accept": ".pdf,.txt,application/pdf,text/plain"}),
        error_messages={
            "empty": _("Dit bestand is leeg. Kies een ander bestand."),
            "invalid": _("Dit is geen bestand. Kies een pdf of een tekstbestand."),
        },
    )

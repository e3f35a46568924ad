"""Forms of the programme pages (docs/monitoring-programme.md). Forms only read what people typed
(euros → cents, dates, numbers, ids → rows from the given choices); the services decide. A service
error comes back on the field it is about (``extra["field"]``)."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from doorleren.core.errors import ApplicationError
from doorleren.core.forms import ServiceErrorMixin

from .models import REASON_MAX, TEXT_MAX, TITLE_MAX, MeasureStatus, TargetGroup, Verdict

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
_EURO_PATTERN = re.compile(r"^(?P<euros>\d{1,10})(?:[.,](?P<cents>\d{1,2}))?$")
# A target value: up to 13 digits, a decimal comma or point and up to 4 decimals, maybe negative.
_NUMBER_PATTERN = re.compile(r"^-?\d{1,13}(?:[.,]\d{1,4})?$")
VERSION_MAX = 2**31 - 1

# The class of the choice widgets, which ``core.forms.WIDGET_CLASSES`` leaves alone. Checkboxes get it
# too: to Django, ``CheckboxSelectMultiple`` is a kind of ``RadioSelect`` (as these forms always did).
CHOICE_WIDGET_CLASS = "utrecht-radio-button utrecht-radio-button--html-input"


def euro_text_to_cents(text: str) -> int:
    """``"12,35"`` → 1235, ``"450"`` → 45000, ``"€ 7.5"`` → 750; ``ValueError`` for anything else."""
    cleaned = re.sub(r"\s", "", text or "").removeprefix("€")
    match = _EURO_PATTERN.match(cleaned)
    if match is None:
        raise ValueError(text)
    return int(Decimal(match["euros"] + "." + (match["cents"] or "0")) * 100)


def cents_to_euro_text(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return f"{euros},{rest:02d}" if rest else str(euros)


class EuroField(forms.CharField):
    """An amount in euros as people write it; ``cleaned_data`` holds whole cents."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "help_text", _("In euro, bijvoorbeeld 250000 of 12500,50. Geen punten voor duizendtallen.")
        )
        super().__init__(*args, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if text in self.empty_values:
            return None
        try:
            return euro_text_to_cents(text)
        except ValueError:
            raise forms.ValidationError(
                _("Vul een bedrag in euro in, bijvoorbeeld 250000 of 12500,50."), code="invalid"
            ) from None


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": _("Vul een datum in."),
            "invalid": _("Vul een datum in zoals 31-12-2026."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _number_errors(minimum: int, maximum: int) -> dict:
    message = _("Vul een heel getal in van %(min)s tot en met %(max)s.") % {"min": minimum, "max": maximum}
    return {"invalid": message, "min_value": message, "max_value": message, "required": _("Vul dit in.")}


def _whole_field(label, *, minimum: int, maximum: int):
    """A whole number from ``minimum`` to ``maximum``, typed on a numeric keyboard."""
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=maximum,
        error_messages=_number_errors(minimum, maximum),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


_CHOICE_ERRORS = {"invalid_choice": _("Kies uit de lijst."), "required": _("Kies er een.")}
_MANY_ERRORS = {
    "invalid_choice": _("Kies uit de lijst."),
    "invalid_list": _("Kies uit de lijst."),
    "required": _("Kies er minstens een."),
}


class ProgrammeForm(ServiceErrorMixin, forms.Form):
    """NL Design System classes on every widget (radio buttons and checkboxes too), an error summary,
    service errors on their field (``core.forms.ServiceErrorMixin``), also where the form calls the
    field differently (``FIELD_ALIASES``)."""

    # Service field names that are called differently in the form.
    FIELD_ALIASES = {"budget_cents": "budget", "cost_cents": "cost"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            if isinstance(form_field.widget, forms.RadioSelect):
                form_field.widget.attrs["class"] = CHOICE_WIDGET_CLASS

    def add_service_error(self, error: ApplicationError, *, field: str | None = None) -> None:
        name = field or error.extra.get("field")
        super().add_service_error(error, field=self.FIELD_ALIASES.get(name, name))


class MeasureForm(ProgrammeForm):
    """A new measure; ``MeasureUpdateForm`` adds the version and the reason."""

    programme_line = forms.TypedChoiceField(
        label=_("Programmalijn of thema"), coerce=int, error_messages=_CHOICE_ERRORS
    )
    name = forms.CharField(
        label=_("Naam"), max_length=TITLE_MAX, error_messages={"required": _("Vul een naam in.")}
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=60,
        help_text=_("Kort en uniek, met kleine letters, cijfers en streepjes, zoals ‘basisbanen’."),
        error_messages={"required": _("Vul een code in.")},
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat doet de maatregel, en voor wie?"),
    )
    responsible = forms.TypedChoiceField(
        label=_("Wie is verantwoordelijk?"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages=_CHOICE_ERRORS,
        help_text=_("Een organisatie op het platform. Staat zij er niet op? Vul dan hieronder de naam in."),
    )
    responsible_name = forms.CharField(
        label=_("Verantwoordelijk (als de organisatie niet op het platform staat)"),
        required=False,
        max_length=TITLE_MAX,
    )
    partners = forms.TypedMultipleChoiceField(
        label=_("Partners op het platform"),
        coerce=int,
        required=False,
        error_messages=_MANY_ERRORS,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen."),
    )
    partner_names = forms.CharField(
        label=_("Andere partners"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Partners die niet op het platform staan, met komma's ertussen."),
    )
    budget = EuroField(label=_("Budget"), error_messages={"required": _("Vul een bedrag in.")})
    starts_on = _date_field(_("Begint op"))
    ends_on = _date_field(
        _("Eindigt op"), required=False, help_text=_("Leeg als het einde nog niet vaststaat.")
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Voor wie is de maatregel?"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_MANY_ERRORS,
    )
    municipalities = forms.TypedMultipleChoiceField(
        label=_("In welke gemeenten?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_MANY_ERRORS,
    )
    status = forms.ChoiceField(
        label=_("Stand"),
        choices=MeasureStatus.choices,
        initial=MeasureStatus.RUNNING,
        error_messages=_CHOICE_ERRORS,
    )
    grant_rules = forms.TypedMultipleChoiceField(
        label=_("Regelingen"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages=_MANY_ERRORS,
        help_text=_(
            "Wie een module volgt die uit deze regelingen wordt betaald, doet mee aan de maatregel. "
            "Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen."
        ),
    )

    FIELD_ALIASES = {"budget_cents": "budget"}

    def __init__(self, *args, lines=(), organisations=(), municipalities=(), grant_rules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = {line.pk: line for line in lines}
        self.organisations = {organisation.pk: organisation for organisation in organisations}
        self.municipality_rows = {municipality.pk: municipality for municipality in municipalities}
        self.grant_rule_rows = {rule.pk: rule for rule in grant_rules}
        self.fields["programme_line"].choices = [
            ("", _("Kies een programmalijn")),
            *((line.pk, str(line)) for line in self.lines.values()),
        ]
        organisation_choices = [(o.pk, o.name) for o in self.organisations.values()]
        self.fields["responsible"].choices = [
            ("", _("Geen organisatie van het platform")),
            *organisation_choices,
        ]
        self.fields["partners"].choices = organisation_choices
        self.fields["municipalities"].choices = [(m.pk, m.name) for m in self.municipality_rows.values()]
        self.fields["grant_rules"].choices = [(r.pk, r.name) for r in self.grant_rule_rows.values()]

    def service_fields(self) -> dict:
        """The cleaned data as the services take it (rows instead of ids)."""
        data = self.cleaned_data
        return {
            "programme_line": self.lines[data["programme_line"]],
            "code": data["code"],
            "name": data["name"],
            "description": data["description"],
            "responsible": self.organisations.get(data["responsible"]) if data["responsible"] else None,
            "responsible_name": data["responsible_name"],
            "partners": [self.organisations[pk] for pk in data["partners"]],
            "partner_names": data["partner_names"],
            "budget_cents": data["budget"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "target_groups": list(data["target_groups"]),
            "municipalities": [self.municipality_rows[pk] for pk in data["municipalities"]],
            "status": data["status"],
            "grant_rules": [self.grant_rule_rows[pk] for pk in data["grant_rules"]],
        }

    @staticmethod
    def initial_for(measure) -> dict:
        return {
            "programme_line": measure.programme_line_id,
            "code": measure.code,
            "name": measure.name,
            "description": measure.description,
            "responsible": measure.responsible_id,
            "responsible_name": measure.responsible_name,
            "partners": [o.pk for o in measure.partners.all()],
            "partner_names": measure.partner_names,
            "budget": cents_to_euro_text(measure.budget_cents),
            "starts_on": measure.starts_on,
            "ends_on": measure.ends_on,
            "target_groups": list(measure.target_groups or []),
            "municipalities": [m.pk for m in measure.municipalities.all()],
            "status": measure.status,
            "grant_rules": [r.pk for r in measure.grant_rules.all()],
            "version": measure.version,
        }


class MeasureUpdateForm(MeasureForm):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=VERSION_MAX,
        error_messages={
            key: _("De versie van de maatregel ontbreekt of klopt niet. Laad de pagina opnieuw.")
            for key in ("required", "invalid", "min_value", "max_value")
        },
    )
    reason = forms.CharField(
        label=_("Waarom wijzigt u dit?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dit komt in de geschiedenis van de maatregel."),
        error_messages={"required": _("Schrijf op waarom u dit wijzigt.")},
    )

    def add_service_error(self, error: ApplicationError, *, field: str | None = None) -> None:
        if error.code == "measure_version_stale":
            self.add_error(None, error.message)
            return
        super().add_service_error(error, field=field)


class TargetForm(ProgrammeForm):
    indicator = forms.TypedChoiceField(label=_("Indicator"), coerce=int, error_messages=_CHOICE_ERRORS)
    target_value = forms.CharField(
        label=_("Streefwaarde"),
        max_length=20,
        help_text=_("Een getal, zoals 66 of 66,5, in de eenheid van de indicator."),
        error_messages={"required": _("Vul een getal in.")},
    )
    target_year = _whole_field(_("In het jaar"), minimum=2000, maximum=2100)
    contribution = forms.CharField(
        label=_("Wat draagt de maatregel bij?"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("In gewone woorden: hoe helpt de maatregel om dit doel te halen?"),
    )

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = {indicator.pk: indicator for indicator in indicators}
        self.fields["indicator"].choices = [
            ("", _("Kies een indicator")),
            *((i.pk, f"{i.name} ({i.unit})") for i in self.indicators.values()),
        ]

    def clean_target_value(self):
        text = self.cleaned_data["target_value"].strip()
        if not _NUMBER_PATTERN.match(text):
            raise forms.ValidationError(
                _("Vul een getal in, zoals 66 of 66,5, met hoogstens 4 cijfers achter de komma.")
            )
        return Decimal(text.replace(",", "."))

    def clean_indicator(self):
        return self.indicators[self.cleaned_data["indicator"]]


class ActivityForm(ProgrammeForm):
    name = forms.CharField(
        label=_("Naam"), max_length=TITLE_MAX, error_messages={"required": _("Vul een naam in.")}
    )
    description = forms.CharField(
        label=_("Omschrijving"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = _date_field(_("Begint op"))
    ends_on = _date_field(
        _("Eindigt op"), required=False, help_text=_("Leeg als het einde nog niet vaststaat.")
    )
    cost = EuroField(label=_("Kosten"), error_messages={"required": _("Vul een bedrag in.")})

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "cost_cents": data["cost"],
        }

    @staticmethod
    def initial_for(activity) -> dict:
        return {
            "name": activity.name,
            "description": activity.description,
            "starts_on": activity.starts_on,
            "ends_on": activity.ends_on,
            "cost": cents_to_euro_text(activity.cost_cents),
        }


class ResultForm(ProgrammeForm):
    year = _whole_field(_("Jaar"), minimum=2000, maximum=2100)
    description = forms.CharField(
        label=_("Wat is bereikt?"),
        max_length=TITLE_MAX,
        help_text=_("Bijvoorbeeld ‘Deelnemers die de module afrondden’."),
        error_messages={"required": _("Vul in wat is bereikt.")},
    )
    value = _whole_field(_("Aantal"), minimum=0, maximum=10**9)
    unit = forms.CharField(
        label=_("Eenheid"),
        max_length=40,
        help_text=_("Bijvoorbeeld deelnemers, bedrijven of gesprekken."),
        error_messages={"required": _("Vul een eenheid in.")},
    )


class JudgementForm(ProgrammeForm):
    verdict = forms.ChoiceField(
        label=_("Wat is uw oordeel over de maatregel?"),
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een oordeel."),
            "invalid_choice": _("Kies een oordeel uit de lijst."),
        },
    )
    reason = forms.CharField(
        label=_("Waarom?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Noem wat u heeft gezien: cijfers, gesprekken, de effectschatting, en wat nog onzeker is."
        ),
        error_messages={"required": _("Schrijf op waarom u dit oordeel geeft.")},
    )


class RemoveForm(ProgrammeForm):
    reason = forms.CharField(label=_("Waarom haalt u dit weg?"), required=False, max_length=REASON_MAX)

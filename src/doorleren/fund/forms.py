"""Forms of the fund's pages. Forms only read what people typed (euros → cents, dates, numbers);
the services decide. A service error comes back on the field it is about (``extra["field"]``)."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from doorleren.core.errors import ApplicationError

from .models import (
    CRITERION_SCORE_MAX,
    CRITERION_WEIGHT_MAX,
    MAX_INDICATOR_VALUE,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
)

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
CRITERIA_ROWS = 4
# Whole euros, optionally a decimal comma or point with 1 or 2 digits; no thousands separators.
_EURO_PATTERN = re.compile(r"^(?P<euros>\d{1,10})(?:[.,](?P<cents>\d{1,2}))?$")

WIDGET_CLASSES = {
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.DateInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.NumberInput: "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--sm",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
}
CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def euro_text_to_cents(text: str) -> int:
    """``"12,35"`` → 1235, ``"450"`` → 45000, ``"€ 7.5"`` → 750; ``ValueError`` for anything else."""
    cleaned = re.sub(r"\s", "", text or "").removeprefix("€")
    match = _EURO_PATTERN.match(cleaned)
    if match is None:
        raise ValueError(text)
    return int(Decimal(match["euros"] + "." + (match["cents"] or "0")) * 100)


class EuroField(forms.CharField):
    """An amount in euros, typed as people write it; ``cleaned_data`` holds whole cents."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "help_text", _("In euro, bijvoorbeeld 25000 of 12500,50. Geen punten voor duizendtallen.")
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
                _("Vul een bedrag in euro in, bijvoorbeeld 25000 of 12500,50."), code="invalid"
            ) from None


def _number_errors(minimum: int, maximum: int) -> dict:
    message = _("Vul een heel getal in van %(min)s tot en met %(max)s.") % {"min": minimum, "max": maximum}
    return {"invalid": message, "min_value": message, "max_value": message, "required": _("Vul dit in.")}


class FundForm(forms.Form):
    """NL Design System classes on every widget, an error summary, service errors on their field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            for widget_class, css in WIDGET_CLASSES.items():
                if isinstance(form_field.widget, widget_class):
                    form_field.widget.attrs["class"] = css
                    break

    def add_service_error(self, error: ApplicationError) -> None:
        name = error.extra.get("field")
        self.add_error(name if name in self.fields else None, error.message)

    def error_summary(self) -> list[dict]:
        items = [{"anchor": "", "message": message} for message in self.non_field_errors()]
        for bound in self:
            multiple = isinstance(bound.field.widget, CHOICE_WIDGETS)
            anchor = f"{bound.auto_id}_0" if multiple else bound.auto_id
            items.extend({"anchor": anchor, "message": message} for message in bound.errors)
        return items


def _target_field_name(indicator) -> str:
    return f"target_{indicator.pk}"


class ApplicationForm(FundForm):
    """A draft application: title, summary, amount and the target per indicator of the call."""

    lead_organisation = forms.TypedChoiceField(
        label=_("Voor welke organisatie vraagt u aan?"),
        coerce=int,
        help_text=_("Deze organisatie is de penvoerder: zij ontvangt het geld en verantwoordt het."),
        error_messages={
            "invalid_choice": _("Kies een organisatie uit de lijst."),
            "required": _("Kies een organisatie."),
        },
    )
    title = forms.CharField(
        label=_("Titel van uw plan"),
        max_length=TITLE_MAX,
        error_messages={"required": _("Vul een titel in.")},
    )
    summary = forms.CharField(
        label=_("Wat gaat u doen, en voor wie?"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Schrijf in gewone woorden wat het samenwerkingsverband gaat doen."),
    )
    requested = EuroField(
        label=_("Hoeveel geld vraagt u?"), error_messages={"required": _("Vul een bedrag in.")}
    )

    def __init__(self, *args, organisations=None, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        if organisations is None:
            del self.fields["lead_organisation"]
        else:
            self.organisations = {organisation.pk: organisation for organisation in organisations}
            self.fields["lead_organisation"].choices = [
                ("", _("Kies een organisatie")),
                *((organisation.pk, organisation.name) for organisation in self.organisations.values()),
            ]
        for indicator in self.indicators:
            self.fields[_target_field_name(indicator)] = forms.IntegerField(
                label=indicator.name,
                required=False,
                min_value=1,
                max_value=MAX_INDICATOR_VALUE,
                help_text=_("Hoeveel %(unit)s wilt u bereiken? Leeg als uw plan hier niet aan bijdraagt.")
                % {"unit": indicator.unit},
                error_messages=_number_errors(1, MAX_INDICATOR_VALUE),
                widget=forms.NumberInput(
                    attrs={"class": WIDGET_CLASSES[forms.NumberInput], "inputmode": "numeric"}
                ),
            )

    def clean_lead_organisation(self):
        return self.organisations.get(self.cleaned_data["lead_organisation"])

    def target_fields(self):
        return [self[_target_field_name(indicator)] for indicator in self.indicators]

    def targets(self) -> dict:
        return {
            indicator: self.cleaned_data[_target_field_name(indicator)]
            for indicator in self.indicators
            if self.cleaned_data.get(_target_field_name(indicator)) is not None
        }

    def add_service_error(self, error: ApplicationError) -> None:
        name = error.extra.get("field")
        if name == "targets" and self.indicators:
            name = _target_field_name(self.indicators[0])
        self.add_error(name if name in self.fields else None, error.message)


class PartnerForm(FundForm):
    organisation = forms.TypedChoiceField(
        label=_("Welke organisatie doet mee?"),
        coerce=int,
        error_messages={
            "invalid_choice": _("Kies een organisatie uit de lijst."),
            "required": _("Kies een organisatie."),
        },
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {organisation.pk: organisation for organisation in organisations}
        self.fields["organisation"].choices = [
            ("", _("Kies een organisatie")),
            *(
                (organisation.pk, f"{organisation.name} ({organisation.get_kind_display()})")
                for organisation in self.organisations.values()
            ),
        ]

    def clean_organisation(self):
        return self.organisations.get(self.cleaned_data["organisation"])


class ReviewForm(FundForm):
    comment = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Waarom geeft u deze scores? De aanvragers zien uw toelichting niet."),
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = {}
        for criterion in self.criteria:
            scores[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_score,
                help_text=_("Een score van 0 tot en met %(max)d. Gewicht: %(weight)d.")
                % {"max": criterion.max_score, "weight": criterion.weight},
                error_messages=_number_errors(0, criterion.max_score),
                widget=forms.NumberInput(
                    attrs={"class": WIDGET_CLASSES[forms.NumberInput], "inputmode": "numeric"}
                ),
            )
        self.fields = {**scores, **self.fields}

    def score_fields(self):
        return [self[f"criterion_{criterion.pk}"] for criterion in self.criteria]

    def scores(self) -> dict[int, int]:
        return {criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"] for criterion in self.criteria}


class DecisionForm(FundForm):
    GRANT, REJECT = "grant", "reject"
    decision = forms.ChoiceField(
        label=_("Wat is uw besluit?"),
        choices=[(GRANT, _("Toekennen")), (REJECT, _("Afwijzen"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies toekennen of afwijzen."),
            "invalid_choice": _("Kies toekennen of afwijzen."),
        },
    )
    amount = EuroField(
        label=_("Bedrag dat u toekent"),
        required=False,
        help_text=_("Alleen bij toekennen. In euro, hoogstens het gevraagde bedrag."),
    )
    reason = forms.CharField(
        label=_("Waarom besluit u dit?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("De aanvragers lezen dit. Schrijf het in gewone woorden."),
        error_messages={"required": _("Schrijf op waarom u dit besluit.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.GRANT and data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Vul het bedrag in dat u toekent."))
        return data


class ReasonForm(FundForm):
    reason = forms.CharField(
        label=_("Toelichting (mag leeg blijven)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(FundForm):
    period_start = forms.DateField(
        label=_("Periode vanaf"),
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Bijvoorbeeld 01-01-2026."),
        error_messages={
            "required": _("Vul een datum in."),
            "invalid": _("Vul een datum in zoals 01-01-2026."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    period_end = forms.DateField(
        label=_("Periode tot en met"),
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Bijvoorbeeld 30-06-2026. Vandaag of eerder."),
        error_messages={
            "required": _("Vul een datum in."),
            "invalid": _("Vul een datum in zoals 30-06-2026."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    spent = EuroField(
        label=_("Hoeveel geld heeft u in deze periode uitgegeven?"),
        error_messages={"required": _("Vul een bedrag in.")},
    )
    text = forms.CharField(
        label=_("Wat heeft u gedaan en bereikt?"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.IntegerField(
                label=indicator.name,
                min_value=0,
                max_value=MAX_INDICATOR_VALUE,
                help_text=_("Hoeveel %(unit)s heeft u in deze periode bereikt? 0 als het er nog geen zijn.")
                % {"unit": indicator.unit},
                error_messages=_number_errors(0, MAX_INDICATOR_VALUE),
                widget=forms.NumberInput(
                    attrs={"class": WIDGET_CLASSES[forms.NumberInput], "inputmode": "numeric"}
                ),
            )

    def result_fields(self):
        return [self[f"indicator_{indicator.pk}"] for indicator in self.indicators]

    def results(self) -> dict:
        return {indicator: self.cleaned_data[f"indicator_{indicator.pk}"] for indicator in self.indicators}

    def add_service_error(self, error: ApplicationError) -> None:
        name = error.extra.get("field")
        if name == "results" and self.indicators:
            name = f"indicator_{self.indicators[0].pk}"
        self.add_error(name if name in self.fields else None, error.message)


class CallForm(FundForm):
    """A new call, made by the programme office, with up to four criteria."""

    funder = forms.TypedChoiceField(
        label=_("Uit welk fonds komt het geld?"),
        coerce=int,
        error_messages={
            "invalid_choice": _("Kies een fonds uit de lijst."),
            "required": _("Kies een fonds."),
        },
    )
    title = forms.CharField(
        label=_("Titel"), max_length=TITLE_MAX, error_messages={"required": _("Vul een titel in.")}
    )
    description = forms.CharField(
        label=_("Omschrijving"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    programme_line = forms.TypedChoiceField(
        label=_("Programmalijn"),
        coerce=int,
        error_messages={
            "invalid_choice": _("Kies een programmalijn uit de lijst."),
            "required": _("Kies een programmalijn."),
        },
    )
    indicators = forms.TypedMultipleChoiceField(
        label=_("Aan welke indicatoren draagt de oproep bij?"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies alleen indicatoren van de programmalijn die u koos."),
        error_messages={
            "invalid_choice": _("Kies indicatoren uit de lijst."),
            "required": _("Kies minstens één indicator."),
        },
    )
    ceiling = EuroField(
        label=_("Plafond: hoeveel geld heeft de oproep in totaal?"),
        error_messages={"required": _("Vul een bedrag in.")},
    )
    max_per_application = EuroField(
        label=_("Hoogstens per aanvraag"), error_messages={"required": _("Vul een bedrag in.")}
    )
    opens_on = forms.DateField(
        label=_("Open vanaf"),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": _("Vul een datum in."),
            "invalid": _("Vul een datum in zoals 01-01-2026."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    closes_on = forms.DateField(
        label=_("Open tot en met"),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": _("Vul een datum in."),
            "invalid": _("Vul een datum in zoals 31-12-2026."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, funders=(), programme_lines=(), indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.funders = {funder.pk: funder for funder in funders}
        self.lines = {line.pk: line for line in programme_lines}
        self.all_indicators = {indicator.pk: indicator for indicator in indicators}
        self.fields["funder"].choices = [
            ("", _("Kies een fonds")),
            *((pk, f.name) for pk, f in self.funders.items()),
        ]
        self.fields["programme_line"].choices = [
            ("", _("Kies een programmalijn")),
            *((pk, str(line)) for pk, line in self.lines.items()),
        ]
        self.fields["indicators"].choices = [
            (pk, f"{indicator.programme_line.number}. {indicator.name}")
            for pk, indicator in self.all_indicators.items()
        ]
        for row in range(1, CRITERIA_ROWS + 1):
            self.fields[f"criterion_{row}_name"] = forms.CharField(
                label=_("Beoordelingspunt %(n)d") % {"n": row},
                required=row == 1,
                max_length=TITLE_MAX,
                help_text=_("Bijvoorbeeld: Bereik onder inwoners.") if row == 1 else _("Mag leeg blijven."),
                error_messages={"required": _("Geef minstens één beoordelingspunt.")},
            )
            self.fields[f"criterion_{row}_weight"] = forms.IntegerField(
                label=_("Gewicht van punt %(n)d") % {"n": row},
                required=False,
                min_value=1,
                max_value=CRITERION_WEIGHT_MAX,
                initial=1,
                help_text=_("1 tot en met %(max)d. Leeg is 1.") % {"max": CRITERION_WEIGHT_MAX},
                error_messages=_number_errors(1, CRITERION_WEIGHT_MAX),
                widget=forms.NumberInput(
                    attrs={"class": WIDGET_CLASSES[forms.NumberInput], "inputmode": "numeric"}
                ),
            )
            self.fields[f"criterion_{row}_max"] = forms.IntegerField(
                label=_("Hoogste score van punt %(n)d") % {"n": row},
                required=False,
                min_value=1,
                max_value=CRITERION_SCORE_MAX,
                initial=5,
                help_text=_("1 tot en met %(max)d. Leeg is 5.") % {"max": CRITERION_SCORE_MAX},
                error_messages=_number_errors(1, CRITERION_SCORE_MAX),
                widget=forms.NumberInput(
                    attrs={"class": WIDGET_CLASSES[forms.NumberInput], "inputmode": "numeric"}
                ),
            )

    def criterion_rows(self):
        return [
            (self[f"criterion_{row}_name"], self[f"criterion_{row}_weight"], self[f"criterion_{row}_max"])
            for row in range(1, CRITERIA_ROWS + 1)
        ]

    def criteria(self) -> list[tuple[str, int, int]]:
        rows = []
        for row in range(1, CRITERIA_ROWS + 1):
            name = (self.cleaned_data.get(f"criterion_{row}_name") or "").strip()
            if name:
                rows.append(
                    (
                        name,
                        self.cleaned_data.get(f"criterion_{row}_weight") or 1,
                        self.cleaned_data.get(f"criterion_{row}_max") or 5,
                    )
                )
        return rows

    def add_service_error(self, error: ApplicationError) -> None:
        name = {"criteria": "criterion_1_name"}.get(error.extra.get("field"), error.extra.get("field"))
        self.add_error(name if name in self.fields else None, error.message)

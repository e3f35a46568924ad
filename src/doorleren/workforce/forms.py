"""Forms of the employer's journey. They only check what people typed; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorleren.core.errors import ApplicationError
from doorleren.organisations import selectors as organisations_selectors
from doorleren.region import selectors as region_selectors
from doorleren.taxonomy import selectors as taxonomy_selectors
from doorleren.taxonomy.levels import CompetencyLevel

from .models import DESCRIPTION_MAX, HOURS_PER_WEEK_MAX, HOURS_PER_WEEK_MIN, REASON_MAX, TITLE_MAX, Horizon

WIDGET_CLASSES = {
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.EmailInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.NumberInput: "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--sm",
}


class ServiceErrorMixin:
    """NL Design System classes on every widget, an error summary, service errors on their field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_class, css in WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_class):
                    field.widget.attrs["class"] = css
                    break

    def add_service_error(self, error: ApplicationError) -> None:
        field = error.extra.get("field")
        self.add_error(field if field in self.fields else None, error.message)

    def error_summary(self) -> list[dict]:
        items = [{"anchor": "", "message": message} for message in self.non_field_errors()]
        for bound in self:
            multiple = isinstance(bound.field.widget, forms.RadioSelect)
            anchor = f"{bound.auto_id}_0" if multiple else bound.auto_id
            items.extend({"anchor": anchor, "message": message} for message in bound.errors)
        return items


def _occupation_choices():
    return [
        ("", _("Geen beroep uit de lijst")),
        *(
            (group["sector"].label, [(o.code, o.label) for o in group["occupations"]])
            for group in taxonomy_selectors.regional_occupations_by_sector()
        ),
    ]


class JoinForm(ServiceErrorMixin, forms.Form):
    name = forms.CharField(
        label=_("Naam van uw bedrijf"),
        max_length=200,
        error_messages={
            "required": _("Vul de naam van uw bedrijf in."),
            "max_length": _("Hoogstens 200 tekens."),
        },
    )
    kvk_number = forms.CharField(
        label=_("KvK-nummer"),
        max_length=20,
        help_text=_("8 cijfers. U vindt het op de site van de Kamer van Koophandel."),
        error_messages={
            "required": _("Vul het KvK-nummer in (8 cijfers)."),
            "max_length": _("Een KvK-nummer heeft precies 8 cijfers, bijvoorbeeld 12345678."),
        },
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        error_messages={
            "required": _("Kies een sector."),
            "invalid_choice": _("Kies een sector uit de lijst."),
        },
    )
    size_class = forms.ChoiceField(
        label=_("Hoeveel mensen werken er?"),
        error_messages={
            "required": _("Kies hoe groot uw bedrijf is."),
            "invalid_choice": _("Kies een grootte uit de lijst."),
        },
    )
    municipality = forms.ChoiceField(
        label=_("Gemeente"),
        error_messages={
            "required": _("Kies een gemeente."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [
            ("", _("Kies een sector")),
            *organisations_selectors.employer_sector_choices(),
        ]
        self.fields["size_class"].choices = [
            ("", _("Kies een grootte")),
            *organisations_selectors.employer_size_choices(),
        ]
        self.fields["municipality"].choices = [
            ("", _("Kies een gemeente")),
            *((m.code, m.name) for m in region_selectors.municipalities_current()),
        ]


class RoleForm(ServiceErrorMixin, forms.Form):
    title = forms.CharField(
        label=_("Naam van de rol"),
        max_length=TITLE_MAX,
        help_text=_("Bijvoorbeeld: Sorteerder of Chauffeur."),
        error_messages={
            "required": _("Geef de rol een naam, bijvoorbeeld Sorteerder."),
            "max_length": _("Hoogstens 120 tekens."),
        },
    )
    regional_occupation = forms.ChoiceField(
        label=_("Welk beroep lijkt hier het meest op?"),
        required=False,
        help_text=_(
            "Dan stellen wij de competenties voor uit de kaart van de regio. U kunt ze daarna aanpassen."
        ),
        error_messages={"invalid_choice": _("Kies een beroep uit de lijst.")},
    )
    description = forms.CharField(
        label=_("Wat doet iemand in deze rol? (niet verplicht)"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Hoogstens 2000 tekens.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regional_occupation"].choices = _occupation_choices()


class RoleCompetencyForm(ServiceErrorMixin, forms.Form):
    competency = forms.ChoiceField(
        label=_("Competentie"),
        error_messages={
            "required": _("Kies een competentie."),
            "invalid_choice": _("Kies een competentie uit de lijst."),
        },
    )
    level = forms.TypedChoiceField(
        label=_("Welk niveau is nodig?"),
        coerce=int,
        choices=[(value, f"{value}. {label}") for value, label in CompetencyLevel.choices],
        error_messages={
            "required": _("Kies een niveau."),
            "invalid_choice": _("Een niveau is 1, 2, 3 of 4."),
        },
    )
    horizon = forms.ChoiceField(
        label=_("Wanneer is het nodig?"),
        choices=Horizon.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies: nu, of over 3 tot 5 jaar."),
            "invalid_choice": _("Kies: nu, of over 3 tot 5 jaar."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = [
            ("", _("Kies een competentie")),
            *taxonomy_selectors.competency_list().order_by("label", "code").values_list("code", "label"),
        ]


class InviteForm(ServiceErrorMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van de medewerker"),
        max_length=254,
        help_text=_("De medewerker ziet de uitnodiging in het eigen account en zegt zelf ja of nee."),
        error_messages={
            "required": _("Vul een e-mailadres in."),
            "invalid": _("Vul een goed e-mailadres in, bijvoorbeeld anne@voorbeeld.nl."),
            "max_length": _("Vul een goed e-mailadres in, bijvoorbeeld anne@voorbeeld.nl."),
        },
    )


class ProposeForm(ServiceErrorMixin, forms.Form):
    hours_per_week = forms.IntegerField(
        label=_("Hoeveel uur per week kan de medewerker leren?"),
        min_value=HOURS_PER_WEEK_MIN,
        max_value=HOURS_PER_WEEK_MAX,
        initial=4,
        error_messages={
            "required": _("Vul het aantal uren per week in."),
            "invalid": _("Vul een getal in van 1 tot en met 40."),
            "min_value": _("Vul een getal in van 1 tot en met 40."),
            "max_value": _("Vul een getal in van 1 tot en met 40."),
        },
    )


class AnswerForm(forms.Form):
    """The resident's answer to an invitation."""

    answer = forms.ChoiceField(
        choices=[("ja", "ja"), ("nee", "nee")],
        error_messages={"required": _("Kies ja of nee."), "invalid_choice": _("Kies ja of nee.")},
    )
    share = forms.BooleanField(required=False)


class DecisionForm(forms.Form):
    """The employee's decision on their plan."""

    decision = forms.ChoiceField(
        choices=[("akkoord", "akkoord"), ("niet-akkoord", "niet-akkoord")],
        error_messages={
            "required": _("Kies akkoord of niet akkoord."),
            "invalid_choice": _("Kies akkoord of niet akkoord."),
        },
    )
    reason = forms.CharField(
        label=_("Waarom niet? (niet verplicht)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea utrecht-textarea--html-textarea"}),
        error_messages={"max_length": _("Schrijf hoogstens 500 tekens.")},
    )

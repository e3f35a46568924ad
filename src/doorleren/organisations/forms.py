from django import forms
from django.utils.translation import gettext_lazy as _

from doorleren.organisations.models import OrganisationKind, SectorCode
from doorleren.region.selectors import municipalities_current


class OrganisationFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort organisatie"),
        required=False,
        choices=[("", _("Alle soorten")), *OrganisationKind.choices],
    )
    municipality = forms.ChoiceField(label=_("Gemeente"), required=False)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("Alle sectoren")), *SectorCode.choices]
    )
    q = forms.CharField(label=_("Naam bevat"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [
            ("", _("Alle gemeenten")),
            *((m.code, m.name) for m in municipalities_current()),
        ]
        messages = {
            "kind": _("Kies een soort organisatie uit de lijst."),
            "municipality": _("Kies een gemeente uit de lijst."),
            "sector": _("Kies een sector uit de lijst."),
        }
        for name, message in messages.items():
            self.fields[name].error_messages["invalid_choice"] = message


class IbanForm(forms.Form):
    """The payout account of the organisation. Only the shape is checked here; the rules (a Dutch IBAN
    with correct check digits) are in ``services.organisation_iban_set``."""

    iban = forms.CharField(
        label=_("Rekeningnummer (IBAN)"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld NL91 ABNA 0417 1643 00. Laat het leeg om het rekeningnummer weg te halen."),
        widget=forms.TextInput(
            attrs={
                "class": "utrecht-textbox utrecht-textbox--html-input",
                "autocomplete": "off",
                "spellcheck": "false",
            }
        ),
        error_messages={
            "max_length": _("Dit is geen IBAN. Een IBAN ziet er zo uit: NL91 ABNA 0417 1643 00.")
        },
    )
    reason = forms.CharField(
        label=_("Waarom verandert u het rekeningnummer? (niet verplicht)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea utrecht-textarea--html-textarea"}),
        error_messages={"max_length": _("Schrijf de reden in hoogstens 500 tekens.")},
    )

    def error_summary(self) -> list[dict]:
        items = [{"anchor": "", "message": message} for message in self.non_field_errors()]
        for bound in self:
            items.extend({"anchor": bound.auto_id, "message": message} for message in bound.errors)
        return items

"""The filter form of the work list (GET, works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OpportunityKind


class OpportunityFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek met een woord"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld: zorg, lassen of chauffeur."),
        widget=forms.TextInput(
            attrs={"type": "search", "class": "utrecht-textbox utrecht-textbox--html-input"}
        ),
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )
    kind = forms.ChoiceField(
        label=_("Wat zoekt u?"),
        required=False,
        choices=[("", _("Alles")), *OpportunityKind.choices],
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
        error_messages={"invalid_choice": _("Kies iets uit de lijst.")},
    )
    municipality = forms.ModelChoiceField(
        label=_("In welke gemeente?"),
        required=False,
        queryset=None,
        to_field_name="code",
        empty_label=_("Alle gemeenten"),
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    sector = forms.ModelChoiceField(
        label=_("In welke sector?"),
        required=False,
        queryset=None,
        to_field_name="code",
        empty_label=_("Alle sectoren"),
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
        error_messages={"invalid_choice": _("Kies een sector uit de lijst.")},
    )

    def __init__(self, *args, municipalities, sectors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["sector"].queryset = sectors

    def filters(self) -> dict:
        """The valid filters; an invalid one is left out (and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        sector = data.get("sector")
        return {
            "q": data.get("q", ""),
            "kind": data.get("kind") or None,
            "municipality": data.get("municipality"),
            "sector": sector.code if sector is not None else None,
        }

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

from django import forms
from django.utils.translation import gettext_lazy as _

from doorleren.learning.models import NLQF_CHOICES, DeliveryMode, PracticalOfferKind
from doorleren.learning.money import euro_text_to_cents
from doorleren.learning.selectors import FilterOptions
from doorleren.learning.services import MAX_FILE_BYTES

_CHOOSE_FROM_LIST = {"invalid_choice": _("Kies een waarde uit de lijst.")}


class _OfferFilterForm(forms.Form):
    """Filters shared by the module search and the practical offers list (a GET form)."""

    q = forms.CharField(label=_("Zoekwoorden"), required=False, max_length=100)
    competency = forms.ChoiceField(label=_("Competentie"), required=False, error_messages=_CHOOSE_FROM_LIST)
    sector = forms.ChoiceField(label=_("Sector"), required=False, error_messages=_CHOOSE_FROM_LIST)
    municipality = forms.ChoiceField(label=_("Gemeente"), required=False, error_messages=_CHOOSE_FROM_LIST)

    def __init__(self, *args, options: FilterOptions, **kwargs):
        super().__init__(*args, **kwargs)
        self._municipalities = {m.code: m for m in options.municipalities}
        self.fields["competency"].choices = [
            ("", _("Alle competenties")),
            *((c.code, c.label) for c in options.competencies),
        ]
        self.fields["sector"].choices = [
            ("", _("Alle sectoren")),
            *((s.code, s.label) for s in options.sectors),
        ]
        self.fields["municipality"].choices = [
            ("", _("Alle gemeenten")),
            *((m.code, m.name) for m in options.municipalities),
        ]

    def clean_municipality(self):
        code = self.cleaned_data["municipality"]
        return self._municipalities.get(code) if code else None


class ModuleSearchForm(_OfferFilterForm):
    mode = forms.ChoiceField(
        label=_("Vorm"),
        required=False,
        choices=[("", _("Alle vormen")), *DeliveryMode.choices],
        error_messages=_CHOOSE_FROM_LIST,
    )
    max_price = forms.CharField(
        label=_("Hoogste prijs in euro"),
        required=False,
        max_length=20,
        help_text=_("Bijvoorbeeld 500 of 499,95"),
    )
    nlqf = forms.TypedChoiceField(
        label=_("NLQF-niveau"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Alle niveaus")), *((str(v), label) for v, label in NLQF_CHOICES)],
        error_messages=_CHOOSE_FROM_LIST,
    )
    provider = forms.TypedChoiceField(
        label=_("Aanbieder"), required=False, coerce=int, empty_value=None, error_messages=_CHOOSE_FROM_LIST
    )

    def __init__(self, *args, options: FilterOptions, **kwargs):
        super().__init__(*args, options=options, **kwargs)
        self._providers = {p.pk: p for p in options.providers}
        self.fields["provider"].choices = [
            ("", _("Alle aanbieders")),
            *((p.pk, p.name) for p in options.providers),
        ]

    def clean_max_price(self) -> int | None:
        text = self.cleaned_data["max_price"].strip()
        if not text:
            return None
        try:
            return euro_text_to_cents(text)
        except ValueError as exc:
            raise forms.ValidationError(
                _("Vul een bedrag in euro in, bijvoorbeeld 500 of 499,95."), code="invalid_amount"
            ) from exc

    def clean_provider(self):
        provider_id = self.cleaned_data["provider"]
        return self._providers.get(provider_id) if provider_id is not None else None


class PracticalSearchForm(_OfferFilterForm):
    kind = forms.ChoiceField(
        label=_("Wat het bedrijf biedt"),
        required=False,
        choices=[("", _("Alles")), *PracticalOfferKind.choices],
        error_messages=_CHOOSE_FROM_LIST,
    )


class ModuleImportForm(forms.Form):
    provider = forms.TypedChoiceField(
        label=_("Voor organisatie"), coerce=int, error_messages=_CHOOSE_FROM_LIST
    )
    file = forms.FileField(
        label=_("CSV-bestand"),
        error_messages={
            "required": _("Kies een bestand."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Dit is geen bestand. Kies een CSV-bestand."),
        },
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self._providers = {p.pk: p for p in providers}
        self.fields["file"].help_text = _("Hoogstens %(mb)d MB, opgeslagen als CSV UTF-8.") % {
            "mb": MAX_FILE_BYTES // (1024 * 1024)
        }
        self.fields["provider"].choices = [(p.pk, p.name) for p in providers]
        if len(providers) == 1:
            self.fields["provider"].initial = providers[0].pk

    def clean_provider(self):
        return self._providers[self.cleaned_data["provider"]]

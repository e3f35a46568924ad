from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_lazy as _lazy

from doorleren.learning import selectors
from doorleren.learning.models import NLQF_CHOICES, DeliveryMode, PracticalOfferKind
from doorleren.learning.money import euro_text_to_cents
from doorleren.learning.selectors import FilterOptions
from doorleren.learning.services import MAX_FILE_BYTES
from doorleren.learning.services.modules import TITLE_MAX_LENGTH
from doorleren.learning.services.practical import MAX_CAPACITY
from doorleren.region.selectors import municipalities_current
from doorleren.taxonomy.levels import CompetencyLevel

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


# Companies offer learning in practice ("Leren bij ons bedrijf", learning/views_practical.py).
COMPETENCY_ROWS = 3
DESCRIPTION_MAX = 2000
_TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class PracticalOfferForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_lazy("Welk bedrijf biedt het aan?"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs=_SELECT),
        error_messages={
            "required": _lazy("Kies het bedrijf waarvoor u werkt."),
            "invalid_choice": _lazy("Kies het bedrijf waarvoor u werkt."),
        },
    )
    kind = forms.ChoiceField(
        label=_lazy("Wat biedt u aan?"),
        choices=PracticalOfferKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _lazy("Kies wat u aanbiedt."),
            "invalid_choice": _lazy(
                "Kies wat u aanbiedt: kennis, mensen die begeleiden, of machines en ruimte."
            ),
        },
    )
    title = forms.CharField(
        label=_lazy("Titel"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_lazy("Bijvoorbeeld: Leren lassen in onze werkplaats."),
        widget=forms.TextInput(attrs=_TEXT),
        error_messages={
            "required": _lazy("Vul een titel in."),
            "max_length": _lazy("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    description = forms.CharField(
        label=_lazy("Wat kan iemand bij u leren?"),
        required=False,
        max_length=DESCRIPTION_MAX,
        help_text=_lazy(
            "Schrijf geen namen of telefoonnummers van mensen op. Mensen vinden u via doorleren."
        ),
        widget=forms.Textarea(attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 5}),
        error_messages={"max_length": _lazy("Gebruik hoogstens %(limit_value)d tekens.")},
    )
    capacity = forms.IntegerField(
        label=_lazy("Voor hoeveel mensen tegelijk?"),
        min_value=1,
        max_value=MAX_CAPACITY,
        widget=forms.NumberInput(attrs={**_TEXT, "inputmode": "numeric"}),
        error_messages={
            "required": _lazy("Vul in voor hoeveel mensen."),
            "invalid": _lazy("Vul een heel getal in."),
            "min_value": _lazy("Vul minstens %(limit_value)s in."),
            "max_value": _lazy("Vul hoogstens %(limit_value)s in."),
        },
    )
    municipality = forms.ModelChoiceField(
        label=_lazy("Waar?"),
        queryset=None,
        to_field_name="code",
        empty_label=_lazy("Kies een gemeente"),
        widget=forms.Select(attrs=_SELECT),
        error_messages={
            "required": _lazy("Kies een gemeente."),
            "invalid_choice": _lazy("Kies een gemeente uit de lijst."),
        },
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        if len(providers[:2]) == 1:
            self.fields["provider"].required = False  # the only company is taken when none is sent
        self.fields["municipality"].queryset = municipalities_current()
        for n in range(1, COMPETENCY_ROWS + 1):
            self.fields[f"competency_{n}"] = forms.CharField(
                label=_lazy("Competentie %(n)s") % {"n": n},
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={**_TEXT, "list": "competency-names"}),
                error_messages={"max_length": _lazy("Gebruik hoogstens %(limit_value)d tekens.")},
            )
            self.fields[f"level_{n}"] = forms.TypedChoiceField(
                label=_lazy("Niveau van competentie %(n)s") % {"n": n},
                choices=CompetencyLevel.choices,
                coerce=int,
                required=False,
                empty_value=None,
                initial=2,
                widget=forms.Select(attrs=_SELECT),
                error_messages={"invalid_choice": _lazy("Kies een niveau van 1 tot en met 4.")},
            )

    def clean_provider(self):
        provider = self.cleaned_data.get("provider")
        if provider is None and not self.fields["provider"].required:
            return self.fields["provider"].queryset.first()
        return provider

    def rows(self):
        return [(self[f"competency_{n}"], self[f"level_{n}"]) for n in range(1, COMPETENCY_ROWS + 1)]

    def clean(self):
        data = super().clean()
        chosen = {}
        for n in range(1, COMPETENCY_ROWS + 1):
            text = (data.get(f"competency_{n}") or "").strip()
            if not text:
                continue
            competency = selectors.competency_by_label_or_code(text=text)
            if competency is None:
                self.add_error(
                    f"competency_{n}",
                    _("Deze competentie kennen wij niet. Kies een naam uit de lijst van voorstellen."),
                )
            elif competency in chosen:
                self.add_error(f"competency_{n}", _("Deze competentie staat er al."))
            elif data.get(f"level_{n}") is None:
                if f"level_{n}" not in self.errors:
                    self.add_error(f"level_{n}", _("Kies een niveau van 1 tot en met 4."))
            else:
                chosen[competency] = data[f"level_{n}"]
        data["competencies"] = chosen
        return data

"""A company offers learning in practice: its knowledge, people who guide, or machines and space.

``/leren/praktijk/nieuw/``: a plain form (works without JavaScript; the competency names come from a
``<datalist>``, which the browser shows as suggestions while typing). Only members of a company
(employer) may offer; the offer appears in the learning offer (``learning:module_list`` and
``learning:practical_list``). Writes go through ``services.practical_offer_create``.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from doorleren.core.errors import ApplicationError
from doorleren.learning import selectors
from doorleren.learning.models import PracticalOfferKind
from doorleren.learning.services.modules import TITLE_MAX_LENGTH
from doorleren.learning.services.practical import MAX_CAPACITY, practical_offer_create
from doorleren.region.selectors import municipalities_current
from doorleren.taxonomy.levels import CompetencyLevel

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


@login_required
@require_http_methods(["GET", "POST"])
def practical_create(request):
    """A company offers learning in practice. Only members of a company (employer)."""
    providers = selectors.practical_providers_for_user(user=request.user)
    if not providers.exists():
        raise PermissionDenied(_("Alleen medewerkers van een bedrijf kunnen leren in de praktijk aanbieden."))
    status = 200
    if request.method == "POST":
        form = PracticalOfferForm(request.POST, providers=providers)
        if form.is_valid():
            data = form.cleaned_data
            try:
                offer = practical_offer_create(
                    provider=data["provider"],
                    kind=data["kind"],
                    title=data["title"],
                    description=data["description"],
                    capacity=data["capacity"],
                    municipality=data["municipality"],
                    competencies=data["competencies"],
                    actor=request.user,
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("%(title)s staat nu in het leeraanbod.") % {"title": offer.title})
                return redirect("learning:practical_create")
        status = 400
    else:
        form = PracticalOfferForm(initial={"provider": providers.first()}, providers=providers)
    own = [
        (provider, list(selectors.practical_offers_for_provider(provider=provider)[:100]))
        for provider in providers
    ]
    return render(
        request,
        "learning/practical_form.html",
        {"form": form, "own": own, "competencies": selectors.competencies_for_pick()},
        status=status,
    )

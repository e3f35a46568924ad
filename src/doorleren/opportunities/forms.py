"""The filter form of the work list (GET, works without JavaScript) and the form to place work."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    DESCRIPTION_MAX,
    HOURS_MAX,
    HOURS_MIN,
    TEAM_SIZE_MAX,
    TEAM_SIZE_MIN,
    TITLE_MAX,
    OpportunityKind,
)


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


# --- issue 5: place and change work (docs/opportunities.md) ------------------------------------------

_TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}
_NUMBER = {**_TEXT, "inputmode": "numeric"}
#: What a chosen competency means for the opportunity: needed, handy, or learned (assignments only).
NEED_ESSENTIAL, NEED_NICE, NEED_LEARN = "essential", "nice", "learn"
NEED_CHOICES = [
    (NEED_ESSENTIAL, _("Nodig om te beginnen")),
    (NEED_NICE, _("Fijn als iemand het kan")),
    (NEED_LEARN, _("Dit leert iemand in de opdracht")),
]


class OpportunityManageForm(forms.Form):
    """The fields of a vacancy, practical assignment or basic job. Competencies come in separately."""

    organisation = forms.ModelChoiceField(
        label=_("Namens welke organisatie?"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs=_SELECT),
        error_messages={
            "required": _("Kies een organisatie waarvoor u werkt."),
            "invalid_choice": _("Kies een organisatie waarvoor u werkt."),
        },
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=TITLE_MAX,
        help_text=_("Kort en duidelijk. Bijvoorbeeld: Medewerker afvalsortering."),
        widget=forms.TextInput(attrs=_TEXT),
        error_messages={
            "required": _("Vul een titel in."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=DESCRIPTION_MAX,
        help_text=_("Wat gaat iemand doen? Schrijf in korte zinnen en gewone woorden."),
        widget=forms.Textarea(attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 8}),
        error_messages={
            "required": _("Vul een omschrijving in."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    municipality = forms.ModelChoiceField(
        label=_("In welke gemeente?"),
        queryset=None,
        to_field_name="code",
        empty_label=_("Kies een gemeente"),
        widget=forms.Select(attrs=_SELECT),
        error_messages={
            "required": _("Kies een gemeente."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    hours_per_week = forms.IntegerField(
        label=_("Uren per week"),
        min_value=HOURS_MIN,
        max_value=HOURS_MAX,
        widget=forms.NumberInput(attrs=_NUMBER),
        error_messages={
            "required": _("Vul het aantal uren per week in."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Vul minstens %(limit_value)s in."),
            "max_value": _("Vul hoogstens %(limit_value)s in."),
        },
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        required=False,
        queryset=None,
        to_field_name="code",
        empty_label=_("Geen sector"),
        widget=forms.Select(attrs=_SELECT),
        error_messages={"invalid_choice": _("Kies een sector uit de lijst.")},
    )
    starts_on = forms.DateField(
        label=_("Begint op"),
        required=False,
        widget=forms.DateInput(attrs={**_TEXT, "type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2027-02-01.")},
    )
    ends_on = forms.DateField(
        label=_("Eindigt op"),
        required=False,
        widget=forms.DateInput(attrs={**_TEXT, "type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2027-06-30.")},
    )
    team_size = forms.IntegerField(
        label=_("Hoeveel mensen werken samen aan de opdracht?"),
        required=False,
        min_value=TEAM_SIZE_MIN,
        max_value=TEAM_SIZE_MAX,
        help_text=_("Laat leeg als één persoon de opdracht doet."),
        widget=forms.NumberInput(attrs=_NUMBER),
        error_messages={
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Een team heeft minstens %(limit_value)s mensen."),
            "max_value": _("Een team heeft hoogstens %(limit_value)s mensen."),
        },
    )

    def __init__(
        self, *args, kind: str, organisations, municipalities, sectors, editing: bool = False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["organisation"].queryset = organisations
        self.fields["municipality"].queryset = municipalities
        self.fields["sector"].queryset = sectors
        if editing:
            del self.fields["organisation"]  # the host does not change
        elif len(organisations[:2]) == 1:
            self.fields["organisation"].required = False  # the only one is taken when none is sent
        if kind == OpportunityKind.PRACTICAL_ASSIGNMENT:
            self.fields["starts_on"].required = True
            self.fields["ends_on"].required = True
            self.fields["starts_on"].error_messages["required"] = _("Vul in wanneer de opdracht begint.")
            self.fields["ends_on"].error_messages["required"] = _("Vul in wanneer de opdracht eindigt.")
        else:
            del self.fields["team_size"]
            del self.fields["ends_on"]

    def clean_organisation(self):
        organisation = self.cleaned_data.get("organisation")
        if organisation is None and not self.fields["organisation"].required:
            return self.fields["organisation"].queryset.first()
        return organisation

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if (
            isinstance(starts_on, datetime.date)
            and isinstance(ends_on, datetime.date)
            and ends_on < starts_on
        ):
            self.add_error("ends_on", _("Het einde kan niet voor het begin liggen."))
        return data

    def add_service_error(self, error) -> None:
        field = error.extra.get("field")
        self.add_error(field if field in self.fields else None, error.message)


def competency_rows(data, *, kind: str, known: dict) -> tuple[list[dict], list[str]]:
    """The chosen competencies from the posted form: ``comp_code``, ``comp_level`` and ``comp_need``
    (lists, one entry per row). ``known`` maps code → competency. Returns the rows and Dutch errors."""
    codes, levels, needs = (data.getlist(name) for name in ("comp_code", "comp_level", "comp_need"))
    rows, errors, seen = [], [], set()
    for index, code in enumerate(codes[:50]):
        competency = known.get(code)
        if competency is None:
            errors.append(_("Deze competentie kennen wij niet. Zoek opnieuw en kies uit de lijst."))
            continue
        if code in seen:
            continue
        seen.add(code)
        level = levels[index] if index < len(levels) else ""
        need = needs[index] if index < len(needs) else NEED_ESSENTIAL
        if level not in ("1", "2", "3", "4"):
            errors.append(
                _("Kies bij %(label)s een niveau van 1 tot en met 4.") % {"label": competency.label}
            )
            level = "2"
        if need not in dict(NEED_CHOICES) or (
            need == NEED_LEARN and kind != OpportunityKind.PRACTICAL_ASSIGNMENT
        ):
            errors.append(_("Kies bij %(label)s of het nodig is of fijn.") % {"label": competency.label})
            need = NEED_ESSENTIAL
        rows.append({"competency": competency, "level": int(level), "need": need})
    return rows, errors

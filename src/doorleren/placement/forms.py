"""Forms of the organiser's pages (views_organiser.py): a new round, an assignment for a round, a new
member of a cooperative. They check the shape of the input; the rules are in ``services.rounds``."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CAPACITY_MAX, NAME_MAX

DESCRIPTION_MAX = 2000
SEARCH_MAX = 100
# Apply dates further than this from today are a typing error (and keep the dates valid everywhere).
YEARS_AHEAD = 5

_TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
_NUMBER = {**_TEXT, "inputmode": "numeric"}
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}
_CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
_DATE = forms.DateInput(attrs={**_TEXT, "type": "date"}, format="%Y-%m-%d")
_ORGANISATION_ERRORS = {
    "required": _("Kies een organisatie waarvoor u werkt."),
    "invalid_choice": _("Kies een organisatie uit de lijst."),
}


def _seats(label, help_text):
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=CAPACITY_MAX,
        initial=0,
        widget=forms.NumberInput(attrs=_NUMBER),
        error_messages={
            "required": _("Vul een aantal plaatsen in. Geen plaatsen vrijhouden? Vul 0 in."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Vul minstens %(limit_value)s in."),
            "max_value": _("Vul hoogstens %(limit_value)s in."),
        },
    )


class RoundForm(forms.Form):
    organiser = forms.ModelChoiceField(
        label=_("Wie organiseert de ronde?"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs=_SELECT),
        error_messages=_ORGANISATION_ERRORS,
    )
    name = forms.CharField(
        label=_("Naam van de ronde"),
        max_length=NAME_MAX,
        help_text=_("Bijvoorbeeld: Praktijkopdrachten voorjaar 2027."),
        widget=forms.TextInput(attrs=_TEXT),
        error_messages={
            "required": _("Geef de ronde een naam."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    description = forms.CharField(
        label=_("Uitleg voor lerenden"),
        required=False,
        max_length=DESCRIPTION_MAX,
        help_text=_("Niet verplicht. Wat is er bijzonder aan deze ronde?"),
        widget=forms.Textarea(attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}),
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )
    apply_from = forms.DateField(
        label=_("Kiezen kan vanaf"),
        widget=_DATE,
        error_messages={
            "required": _("Vul in vanaf wanneer lerenden kunnen kiezen."),
            "invalid": _("Vul een datum in, bijvoorbeeld 2027-02-01."),
        },
    )
    apply_until = forms.DateField(
        label=_("Kiezen kan tot en met"),
        widget=_DATE,
        error_messages={
            "required": _("Vul in tot wanneer lerenden kunnen kiezen."),
            "invalid": _("Vul een datum in, bijvoorbeeld 2027-02-28."),
        },
    )
    for_students = forms.BooleanField(
        label=_("Studenten"), required=False, initial=True, widget=forms.CheckboxInput(attrs=_CHECKBOX)
    )
    for_workers = forms.BooleanField(
        label=_("Werkenden"), required=False, initial=True, widget=forms.CheckboxInput(attrs=_CHECKBOX)
    )
    for_job_seekers = forms.BooleanField(
        label=_("Werkzoekenden"), required=False, initial=True, widget=forms.CheckboxInput(attrs=_CHECKBOX)
    )
    reserved_students = _seats(
        _("Plaatsen per team voor studenten"),
        _("Zoveel plaatsen in elk team houden we vrij voor studenten. Vul 0 in als dat niet hoeft."),
    )
    reserved_workers = _seats(
        _("Plaatsen per team voor werkenden of werkzoekenden"),
        _(
            "Zoveel plaatsen in elk team houden we vrij voor werkenden of werkzoekenden. Vul 0 in als dat niet hoeft."
        ),
    )

    KINDS = ("for_students", "for_workers", "for_job_seekers")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisations
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("apply_from", today)
            self.initial.setdefault("apply_until", today + datetime.timedelta(days=14))

    def _within_reach(self, name: str):
        day = self.cleaned_data.get(name)
        today = timezone.localdate()
        earliest, latest = (
            today - datetime.timedelta(days=366),
            today + datetime.timedelta(days=366 * YEARS_AHEAD),
        )
        if day is not None and not earliest <= day <= latest:
            raise forms.ValidationError(
                _("Kies een datum tussen %(earliest)s en %(latest)s.")
                % {"earliest": earliest.isoformat(), "latest": latest.isoformat()},
                code="far",
            )
        return day

    def clean_apply_from(self):
        return self._within_reach("apply_from")

    def clean_apply_until(self):
        return self._within_reach("apply_until")

    def clean(self):
        data = super().clean()
        start, end = data.get("apply_from"), data.get("apply_until")
        if start is not None and end is not None and end < start:
            self.add_error("apply_until", _("Het einde kan niet voor het begin liggen."))
        if not any(data.get(name) for name in self.KINDS):
            self.add_error("for_students", _("Kies voor wie de ronde is."))
        return data


class AssignmentAddForm(forms.Form):
    opportunity = forms.ModelChoiceField(
        label=_("Praktijkopdracht"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs=_SELECT),
        error_messages={
            "required": _("Kies een praktijkopdracht."),
            "invalid_choice": _("Kies een praktijkopdracht uit de lijst."),
        },
    )
    capacity = forms.IntegerField(
        label=_("Aantal plaatsen"),
        required=False,
        min_value=1,
        max_value=CAPACITY_MAX,
        help_text=_("Laat leeg voor de grootte van het team bij de opdracht."),
        widget=forms.NumberInput(attrs=_NUMBER),
        error_messages={
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Vul minstens %(limit_value)s in."),
            "max_value": _("Vul hoogstens %(limit_value)s in."),
        },
    )

    def __init__(self, *args, opportunities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].queryset = opportunities
        self.fields["opportunity"].label_from_instance = lambda o: (
            _("%(title)s (%(host)s, team van %(size)s)")
            % {"title": o.title, "host": o.organisation.name, "size": o.team_size or 1}
        )

    def first_error(self) -> str:
        return next(iter(error for errors in self.errors.values() for error in errors), "")


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek een school, bedrijf of overheid op naam"),
        required=False,
        max_length=SEARCH_MAX,
        widget=forms.TextInput(attrs={**_TEXT, "type": "search"}),
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )

    def search(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class MemberAddForm(forms.Form):
    member = forms.ModelChoiceField(
        queryset=None,
        error_messages={
            "required": _("Kies een school, bedrijf of overheid."),
            "invalid_choice": _("Kies een school, bedrijf of overheid uit de lijst."),
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = candidates

    def first_error(self) -> str:
        return next(iter(error for errors in self.errors.values() for error in errors), "")

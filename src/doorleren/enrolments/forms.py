"""Forms of the enrolment pages. They only check the shape of what was sent; the rules are in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorleren.core.db import ID_MAX

from .models import IDEMPOTENCY_KEY_MAX, REASON_MAX, Step

HOURS_MAX = 100_000
CENTS_MAX = 10**12


class EnrolmentConfirmForm(forms.Form):
    """The confirm button on "Inschrijven": the key made when the page was shown (a second click or a
    reload sends the same key, so nothing is reserved twice), the start and what the resident saw they
    would pay themselves."""

    idempotency_key = forms.CharField(max_length=IDEMPOTENCY_KEY_MAX, widget=forms.HiddenInput)
    start = forms.IntegerField(min_value=1, max_value=ID_MAX, required=False, widget=forms.HiddenInput)
    left_to_pay_cents = forms.IntegerField(min_value=0, max_value=CENTS_MAX, widget=forms.HiddenInput)


class StartChoiceForm(forms.Form):
    """Which start the resident looks at (GET ``?start=``)."""

    start = forms.IntegerField(min_value=1, max_value=ID_MAX, required=False)


class StepForm(forms.Form):
    """One step on an enrolment (pages of the resident and the provider)."""

    step = forms.ChoiceField(choices=Step.choices)
    attended_hours = forms.IntegerField(
        label=_("Aantal uren aanwezig"), min_value=0, max_value=HOURS_MAX, required=False
    )
    reason = forms.CharField(label=_("Reden (niet verplicht)"), max_length=REASON_MAX, required=False)
    back = forms.ChoiceField(choices=[("list", "list"), ("detail", "detail")], required=False)

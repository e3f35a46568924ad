"""The resident's form "Ik ben aan het werk gegaan" (docs/monitoring.md, "Deelname en werk")."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorleren.core.forms import ServiceErrorMixin

from .models import WorkKind


class WorkStartForm(ServiceErrorMixin, forms.Form):
    started_on = forms.DateField(
        label=_("Op welke dag begon u?"),
        help_text=_("Bijvoorbeeld 2026-11-02 (jaar-maand-dag)."),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}),
        error_messages={"required": _("Vul de dag in."), "invalid": _("Vul de dag in als 2026-11-02.")},
    )
    kind = forms.ChoiceField(
        label=_("Wat voor werk is het?"),
        choices=WorkKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat voor werk het is."),
            "invalid_choice": _("Kies wat voor werk het is."),
        },
    )

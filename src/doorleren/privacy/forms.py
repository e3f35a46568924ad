"""The form of "Mijn account verwijderen": the password again and a tick that the resident understands."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorleren.core.forms import ServiceErrorMixin

PASSWORD_MAX = 4096  # longer is not a password; refused before hashing


class AccountDeleteForm(ServiceErrorMixin, forms.Form):
    password = forms.CharField(
        label=_("Uw wachtwoord"),
        help_text=_("Typ het wachtwoord waarmee u inlogt. Zo weten wij zeker dat u het zelf bent."),
        max_length=PASSWORD_MAX,
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "utrecht-textbox utrecht-textbox--html-input"}
        ),
        error_messages={
            "required": _("Vul uw wachtwoord in."),
            "max_length": _("Dit wachtwoord klopt niet. Typ het wachtwoord waarmee u inlogt."),
        },
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat mijn gegevens weg zijn en dat dit niet terug te draaien is."),
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}),
        error_messages={"required": _("Zet een vinkje als u zeker weet dat u uw account wilt verwijderen.")},
    )

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from doorleren.accounts.models import ConsentPurpose
from doorleren.core.forms import ServiceErrorMixin


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Deze gebruikersnaam of dit wachtwoord klopt niet. Let op hoofdletters en kleine letters."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met de beheerder."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["username"].error_messages["required"] = _("Vul uw gebruikersnaam in.")
        self.fields["password"].label = _("Wachtwoord")
        self.fields["password"].error_messages["required"] = _("Vul uw wachtwoord in.")


class PasswordResetRequestForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mailadres")
        self.fields["email"].error_messages.update(
            {
                "required": _("Vul uw e-mailadres in."),
                "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
            }
        )


class NewPasswordForm(SetPasswordForm):
    error_messages = {"password_mismatch": _("De twee wachtwoorden zijn niet gelijk. Typ ze opnieuw.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Nieuw wachtwoord")
        self.fields["new_password1"].error_messages["required"] = _("Vul een nieuw wachtwoord in.")
        self.fields["new_password2"].label = _("Herhaal het nieuwe wachtwoord")
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = _(
            "Vul het nieuwe wachtwoord nog een keer in."
        )


class ConsentGrantForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisatie"), coerce=int, empty_value=None)
    purpose = forms.ChoiceField(label=_("Waarvoor geeft u toestemming?"), choices=ConsentPurpose.choices)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            ("", _("Kies een organisatie")),
            *((o.pk, o.name) for o in organisations),
        ]
        self.fields["organisation"].error_messages.update(
            {
                "required": _("Kies een organisatie."),
                "invalid_choice": _("Kies een organisatie uit de lijst."),
            }
        )
        self.fields["purpose"].error_messages.update(
            {
                "required": _("Kies waarvoor u toestemming geeft."),
                "invalid_choice": _("Kies een van de mogelijkheden."),
            }
        )


class ConsentRevokeForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    purpose = forms.ChoiceField(choices=ConsentPurpose.choices, widget=forms.HiddenInput)


class OtpCodeForm(ServiceErrorMixin, forms.Form):
    """The 6-digit code from the app: to switch the second factor on or off, and at login.

    Only "filled in" is checked here; the service checks the digits and the code itself.
    """

    code = forms.CharField(
        label=_("Code uit de app"),
        help_text=_("6 cijfers. De code verandert elke 30 seconden."),
        max_length=20,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "size": "8",
                "spellcheck": "false",
            }
        ),
        error_messages={
            "required": _("Typ de code van 6 cijfers uit de app."),
            "max_length": _("Typ alleen de 6 cijfers uit de app."),
        },
    )


class OtpOrBackupCodeForm(OtpCodeForm):
    """The code from the app, or a backup code (*reservecode*): at login and to switch the second step off."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = _("Code uit de app of reservecode")
        field.help_text = _("6 cijfers uit de app. Of een reservecode van 8 tekens.")
        # Backup codes have letters: no number-only keyboard on phones.
        field.widget.attrs.pop("inputmode", None)
        field.error_messages["required"] = _("Typ de code van 6 cijfers uit de app, of een reservecode.")
        field.error_messages["max_length"] = _("Typ de code van 6 cijfers uit de app, of een reservecode.")

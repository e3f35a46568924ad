"""Forms of the taxonomy pages: plain GET forms, so every page works without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doorleren.taxonomy import selectors


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoekwoord"),
        max_length=selectors.MAX_QUERY_LENGTH,
        required=False,
        strip=True,
        help_text=_("Typ een paar woorden, bijvoorbeeld een beroep of iets wat u kunt."),
    )


class SectorFilterForm(forms.Form):
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, *args, sectors: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Alle sectoren")), *sectors]

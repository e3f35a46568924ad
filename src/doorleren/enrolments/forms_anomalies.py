"""The form of a decision about a signal ("Signalen voor coaches"). It only checks the shape of what was
sent; ``services_anomalies.anomaly_review_create`` decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FINGERPRINT_LENGTH, REASON_MAX, ReviewOutcome


class AnomalyReviewForm(forms.Form):
    """One per signal on the page. ``anchor``: the signal's anchor, so every form has its own ids."""

    fingerprint = forms.CharField(
        min_length=FINGERPRINT_LENGTH, max_length=FINGERPRINT_LENGTH, widget=forms.HiddenInput
    )
    outcome = forms.ChoiceField(
        label=_("Wat besluit u?"),
        choices=[("", _("Kies een besluit")), *ReviewOutcome.choices],
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
        error_messages={
            "required": _("Kies wat u besluit: in orde, onderzoeken of gemeld."),
            "invalid_choice": _("Kies wat u besluit: in orde, onderzoeken of gemeld."),
        },
    )
    reason = forms.CharField(
        label=_("Waarom?"),
        max_length=REASON_MAX,
        help_text=_("Verplicht. Schrijf kort wat u zag of deed. Schrijf geen namen van inwoners op."),
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea utrecht-textarea--html-textarea"}),
        error_messages={
            "required": _("Schrijf op waarom u dit besluit. Dan weten anderen het later ook."),
            "max_length": _("Schrijf de reden in hoogstens %(limit_value)d tekens."),
        },
    )

    def __init__(self, *args, anchor: str = "", **kwargs):
        kwargs.setdefault("auto_id", f"id_{anchor}_%s" if anchor else "id_%s")
        super().__init__(*args, **kwargs)

    def error_summary(self) -> list[dict]:
        items = [{"anchor": "", "message": message} for message in self.non_field_errors()]
        for bound in self:
            if not bound.is_hidden:
                items.extend({"anchor": bound.auto_id, "message": message} for message in bound.errors)
        return items

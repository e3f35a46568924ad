"""Page "Signalen" for coaches, the programme office and administrators (docs/enrolments.md, "Signalen
voor coaches"): open signals per kind, each with why, the facts and a form to record a decision; and the
signals already looked at ("Bekeken") with every decision (who, when, why).

No JavaScript needed: each form is a POST with CSRF to ``anomaly_review``, which goes back to the page.
A forged or unknown signal gives the page again with a Dutch message and a 400 or 404, never a 500.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doorleren.core.errors import ApplicationError

from . import selectors_anomalies, selectors_anomalies_overview, services
from .forms_anomalies import AnomalyReviewForm
from .models import AnomalyKind


def _require_role(request) -> None:
    if not selectors_anomalies.may_review_anomalies(user=request.user):
        raise PermissionDenied(_("Alleen coaches, het programmabureau en beheerders zien signalen."))


def _anchor(fingerprint: str) -> str:
    return f"signaal-{fingerprint[:12]}" if selectors_anomalies.FINGERPRINT_PATTERN.match(fingerprint) else ""


def _page(request, *, bound: AnomalyReviewForm | None = None, error: str = "", status: int = 200):
    overview = selectors_anomalies_overview.anomaly_overview(viewer=request.user)
    bound_fingerprint = bound.data.get("fingerprint") if bound is not None else None
    shown_bound = False
    for anomaly in [a for group in overview.open for a in group.items] + overview.reviewed:
        if anomaly.fingerprint == bound_fingerprint:
            anomaly.form, shown_bound = bound, True
        else:
            anomaly.form = AnomalyReviewForm(
                anchor=anomaly.anchor, initial={"fingerprint": anomaly.fingerprint}
            )
        if anomaly.kind == AnomalyKind.SHARED_IBAN:
            per_provider = anomaly.facts.get("enrolments_per_provider", {})
            anomaly.provider_counts = [(p.name, per_provider.get(str(p.id), 0)) for p in anomaly.providers]
    if bound is not None and not shown_bound:
        error = error or _("Dit signaal is er niet (meer). Open de lijst met signalen opnieuw.")
        bound = None
    return render(
        request,
        "enrolments/anomalies.html",
        {
            "overview": overview,
            "bound": bound,
            "error": error,
            "thresholds": {
                "burst_min": selectors_anomalies.BURST_MIN_PER_DAY,
                "no_attendance_days": selectors_anomalies.NO_ATTENDANCE_AFTER_DAYS,
            },
        },
        status=status,
    )


@login_required
@require_GET
def anomaly_list(request):
    """Signalen: what the fraud and error checks found, and what coaches decided."""
    _require_role(request)
    return _page(request)


@login_required
@require_POST
def anomaly_review(request):
    """Record one decision about one signal, then go back to it on the page."""
    _require_role(request)
    fingerprint = request.POST.get("fingerprint", "")
    anchor = _anchor(fingerprint)
    form = AnomalyReviewForm(request.POST, anchor=anchor)
    if not form.is_valid():
        if "fingerprint" in form.errors or not anchor:
            return _page(
                request,
                error=_("Dit signaal kennen wij niet. Open de lijst met signalen opnieuw."),
                status=400,
            )
        return _page(request, bound=form, status=400)
    try:
        services.anomaly_review_create(
            fingerprint=form.cleaned_data["fingerprint"],
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ApplicationError as error:
        field = error.extra.get("field")
        if field in form.fields:
            form.add_error(field, error.message)
            return _page(request, bound=form, status=400)
        return _page(request, error=error.message, status=max(error.status, 400))
    messages.success(request, _("Uw besluit is bewaard. U vindt het signaal nu bij Bekeken."))
    return redirect(reverse("enrolments:anomalies") + f"#{anchor}")

"""Read what privacy needs (docs/security-privacy.md): the log of who viewed a resident, everything the
platform keeps about one person ("Mijn gegevens"), and whether a text holds a citizen service number."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone
from stdnum.nl import bsn as stdnum_bsn

from doorleren.accounts import selectors as accounts_selectors
from doorleren.audit import selectors as audit_selectors
from doorleren.budgets import selectors as budgets_selectors
from doorleren.enrolments import selectors as enrolments_selectors
from doorleren.matching import selectors as matching_selectors
from doorleren.monitoring import selectors as monitoring_selectors
from doorleren.placement import selectors as placement_selectors
from doorleren.profiles import selectors as profiles_selectors
from doorleren.workforce import selectors as workforce_selectors

from .models import ProfileView

if TYPE_CHECKING:
    from doorleren.accounts.models import User

EXPORT_FORMAT = "doorleren-persoonsgegevens"
EXPORT_VERSION = 1

# Nine digits, maybe in groups with spaces, dots or dashes (``123.456.782``), not part of a longer number.
_NINE_DIGITS = re.compile(r"(?<![\d])(?:\d[ .\-]?){8}\d(?![\d])")


def profile_views_for_resident(*, resident: User) -> QuerySet[ProfileView]:
    """Who saw ``resident``'s data, newest first. Only for the resident themself."""
    return ProfileView.objects.filter(resident=resident).order_by("-viewed_at", "-id")


def may_delete_own_account(*, user: User) -> bool:
    """Residents delete their own account on the page; staff, the programme office and administrators
    ask the administrator (their accounts are tied to organisations and decisions)."""
    return accounts_selectors.is_resident(user=user) and user.is_active


def personal_data_for(*, user: User) -> dict:
    """What privacy keeps about ``user``: who viewed their data (names as stored, newest first)."""
    return {
        "profile_views": [
            {
                "viewed_at": row.viewed_at,
                "viewer": row.viewer_name,
                "organisation": row.organisation_name,
                "purpose": row.purpose,
                "purpose_label": str(row.get_purpose_display()),
                "what": row.what,
                "what_label": str(row.get_what_display()),
            }
            for row in profile_views_for_resident(resident=user)
        ]
    }


def personal_data_export(*, user: User) -> dict:
    """Everything the platform keeps about ``user``, one section per app, read through each app's
    selectors. Dates and times are Python objects here; ``export_plain`` makes them ISO text."""
    enrolments = enrolments_selectors.personal_data_for(user=user)
    budgets = budgets_selectors.personal_data_for(user=user)
    subjects = (
        *(("enrolments.enrolment", row["id"]) for row in enrolments["enrolments"]),
        *(("budgets.budget", row["id"]) for row in budgets["budgets"]),
    )
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timezone.now(),
        "accounts": accounts_selectors.personal_data_for(user=user),
        "profiles": profiles_selectors.personal_data_for(user=user),
        "enrolments": enrolments,
        "budgets": budgets,
        "matching": matching_selectors.personal_data_for(user=user),
        "workforce": workforce_selectors.personal_data_for(user=user),
        "placement": placement_selectors.personal_data_for(user=user),
        "monitoring": monitoring_selectors.personal_data_for(user=user),
        "audit": audit_selectors.personal_data_for(user=user, subjects=subjects),
        "privacy": personal_data_for(user=user),
    }


def export_plain(value: Any) -> Any:
    """``value`` with dates and times as ISO 8601 text (times in UTC), so it is plain JSON."""
    if isinstance(value, dict):
        return {str(key): export_plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [export_plain(item) for item in value]
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def bsn_in_text(*, text: str) -> bool:
    """Does ``text`` hold a valid citizen service number (BSN: nine digits that pass the 11-test)?"""
    for found in _NINE_DIGITS.finditer(text or ""):
        digits = re.sub(r"\D", "", found.group())
        if len(digits) == 9 and stdnum_bsn.is_valid(digits):
            return True
    return False

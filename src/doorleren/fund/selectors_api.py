"""Reads the fund's API needs besides ``selectors``: where a call stands, and the programme office's
list of every application after submitting (the pages show these per call)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from .models import FundApplication, FundCall
from .selectors import SUBMITTED_STATES, _applications

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
CALL_STATUSES = (OPEN, UPCOMING, CLOSED)


def call_status(*, call: FundCall, today: dt.date | None = None) -> str:
    """``upcoming`` before ``opens_on``, ``open`` from ``opens_on`` to ``closes_on``, then ``closed``."""
    today = today or timezone.localdate()
    if today < call.opens_on:
        return UPCOMING
    if today > call.closes_on:
        return CLOSED
    return OPEN


def applications_submitted() -> QuerySet[FundApplication]:
    """Every application after submitting, of every call, newest first: what the programme office
    sees on its call overviews (drafts are the consortium's own)."""
    return _applications().filter(state__in=SUBMITTED_STATES).order_by("-submitted_at", "-id")

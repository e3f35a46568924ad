"""Write what privacy owns (docs/security-privacy.md): the log of who viewed a resident, deleting an
account ("Mijn account verwijderen"), the retention task, and refusing a citizen service number in text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorleren.accounts import selectors as accounts_selectors
from doorleren.accounts import services as accounts_services
from doorleren.audit import services as audit_services
from doorleren.core.errors import ApplicationError
from doorleren.enrolments import services as enrolments_services
from doorleren.matching import services as matching_services
from doorleren.placement import services as placement_services
from doorleren.profiles import services as profiles_services
from doorleren.tasks import services as tasks_services
from doorleren.workforce import services as workforce_services

from . import selectors
from .models import NAME_MAX, PURPOSE_CHOICES, ProfileView, ViewedWhat

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.organisations.models import Organisation

# Repeated views of the same data by the same person within this time are one line in the log.
DEDUPLICATE_WITHIN = dt.timedelta(minutes=10)
_PURPOSES = {value for value, _label in PURPOSE_CHOICES}


# --- Wie bekeek mijn profiel ------------------------------------------------------------------------


def _is_staff_viewer(viewer) -> bool:
    return (
        viewer is not None
        and getattr(viewer, "is_authenticated", False)
        and viewer.is_active
        and getattr(viewer, "role", None) in accounts_selectors.CONSENT_ROLES
    )


def _viewer_name(viewer) -> str:
    return (viewer.get_full_name() or viewer.username)[:NAME_MAX]


def _organisation_for(*, viewer, resident, purpose: str) -> Organisation | None:
    if purpose in accounts_selectors.ConsentPurpose.values:
        found = accounts_selectors.consent_organisation_for(viewer=viewer, resident=resident, purpose=purpose)
        if found is not None:
            return found
    return accounts_selectors.user_organisations(user=viewer).order_by("name", "pk").first()


@transaction.atomic
def profile_view_record(
    *, viewer: User, resident: User, organisation: Organisation | None = None, purpose: str, what: str
) -> ProfileView | None:
    """Log that ``viewer`` saw ``resident``'s data (``what``, a ``ViewedWhat`` value) for ``purpose``
    (a consent purpose, or ``"provider"``). Only staff (employer, school, coach) viewing a resident
    is logged: the resident themself, the programme office (aggregates only) and administrators are
    not. A second view of the same thing within 10 minutes returns the first line. None: not logged.

    ``organisation``: on whose behalf; by default the viewer's organisation the resident gave consent to.
    """
    if purpose not in _PURPOSES or what not in ViewedWhat.values:
        raise ValueError(f"unknown purpose {purpose!r} or what {what!r}")
    if not _is_staff_viewer(viewer) or resident is None or viewer.pk == resident.pk:
        return None
    if not accounts_selectors.is_resident(user=resident):
        return None
    now = timezone.now()
    recent = (
        ProfileView.objects.filter(
            viewer=viewer,
            resident=resident,
            purpose=purpose,
            what=what,
            viewed_at__gte=now - DEDUPLICATE_WITHIN,
        )
        .order_by("-viewed_at")
        .first()
    )
    if recent is not None:
        return recent
    if organisation is None:
        organisation = _organisation_for(viewer=viewer, resident=resident, purpose=purpose)
    return ProfileView.objects.create(
        viewer=viewer,
        viewer_name=_viewer_name(viewer),
        organisation=organisation,
        organisation_name=organisation.name[:NAME_MAX] if organisation is not None else "",
        resident=resident,
        purpose=purpose,
        what=what,
        viewed_at=now,
    )


def profile_views_record(
    *,
    viewer: User,
    residents: Iterable[User | int],
    organisation: Organisation | None = None,
    purpose: str,
    what: str,
) -> int:
    """``profile_view_record`` for every resident on a list (e.g. the candidates for a vacancy); a
    resident may be given as a user or a user id. Returns how many lines were written or found."""
    if not _is_staff_viewer(viewer):
        return 0
    users = {}
    for resident in residents:
        if isinstance(resident, int):
            resident = accounts_selectors.resident_get(user_id=resident)
        if resident is not None:
            users[resident.pk] = resident
    logged = 0
    with transaction.atomic():
        for resident in users.values():
            found = profile_view_record(
                viewer=viewer, resident=resident, organisation=organisation, purpose=purpose, what=what
            )
            logged += found is not None
    return logged


# --- Mijn account verwijderen ---------------------------------------------------------------------


def _erase(*, user: User, actor: User | None, trigger: str) -> dict[str, int]:
    """The erasure itself, shared by the resident's own request and the retention task."""
    rows: dict[str, int] = {}
    for counts in (
        profiles_services.personal_data_erase(user=user),
        matching_services.personal_data_erase(user=user),
        workforce_services.personal_data_erase(user=user),
        placement_services.personal_data_erase(user=user),
    ):
        for label, count in counts.items():
            rows[label] = rows.get(label, 0) + count
    views, _per_model = ProfileView.objects.filter(resident=user).delete()
    rows["privacy.ProfileView"] = views
    accounts_services.user_pseudonymise(user=user)
    rows = {label: count for label, count in sorted(rows.items()) if count}
    # No personal data in the log: the (pseudonymised) account number, why, and how many rows went.
    audit_services.audit_record(
        action="privacy.account_erase",
        subject=("accounts.user", user.pk),
        actor=actor,
        data={"trigger": trigger, "deleted": rows},
    )
    return rows


@transaction.atomic
def account_delete(*, user: User, password: str) -> dict[str, int]:
    """The resident deletes their own account (they typed their password again).

    Deleted: the profile and all that hangs on it, saved routes, development plans and places in firms'
    roles, open placement choices, and the log of who viewed them. Erased: name, e-mail and username of
    the account, which is closed. Kept, without a name: enrolments, budgets and ledger bookings (the
    books must balance) and consents (revoked; proof of what was allowed when). Cannot be undone.
    Staff, the programme office and administrators cannot use this: the administrator does it.
    Returns the number of deleted rows per model (for the audit line and the tests).
    """
    if not selectors.may_delete_own_account(user=user):
        raise ApplicationError(
            _(
                "Alleen inwoners kunnen hier hun account verwijderen. Werkt u voor een organisatie of het "
                "programmabureau? Vraag het dan aan de beheerder."
            ),
            code="not_resident",
            status=403,
        )
    if not password or not user.check_password(password):
        raise ApplicationError(
            _("Dit wachtwoord klopt niet. Typ het wachtwoord waarmee u inlogt."),
            code="password_wrong",
            extra={"field": "password"},
        )
    return _erase(user=user, actor=user, trigger="resident")


MAX_REAPPLY = 100_000


@transaction.atomic
def account_erasures_reapply(*, user_ids: Iterable[int]) -> dict[str, list[int]]:
    """After a restore from a backup: erase again the residents whose erasure happened after the backup.

    Their ids are the ``privacy.account_erase`` lines of the old database's audit log newer than the
    backup (docs/operations-backup.md). Each is erased as when they deleted it themselves (the books
    stay, nameless). Safe to run twice: an account that is erased already is skipped. Returns the ids
    per outcome: ``erased``, ``already_erased``, ``unknown`` (no resident with that id here).
    """
    ids = sorted(set(user_ids))
    if len(ids) > MAX_REAPPLY:
        raise ApplicationError(
            _("Dat zijn te veel accounts in één keer (hoogstens %(max)s).") % {"max": MAX_REAPPLY},
            code="too_many_ids",
        )
    result: dict[str, list[int]] = {"erased": [], "already_erased": [], "unknown": []}
    for user_id in ids:
        user = accounts_selectors.resident_get(user_id=user_id)
        if user is None:
            result["unknown"].append(user_id)
        elif user.username.startswith(accounts_services.ERASED_USERNAME_PREFIX):
            result["already_erased"].append(user_id)
        else:
            _erase(user=user, actor=None, trigger="restore")
            result["erased"].append(user_id)
    return result


# --- Bewaartermijnen ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Retention:
    """How long one kind of data is kept, and why. ``years`` None: never deleted by this task."""

    kind: str
    years: int | None
    why: str


RETENTION: tuple[Retention, ...] = (
    Retention(
        "inactive_residents",
        3,
        "Accounts of residents who did not log in for 3 years are erased as if they deleted them.",
    ),
    Retention(
        "profile_views",
        2,
        "Long enough for a resident to look back and complain; as long as the consents they rest on.",
    ),
    Retention(
        "competency_suggestions",
        1,
        "A decision on a suggested competency only prevents asking again; after a year it may be asked again.",
    ),
    Retention(
        "revoked_consents",
        2,
        "Proof of what was allowed when, for as long as the view log that relies on it (2 years).",
    ),
    Retention("anomaly_reviews", 5, "Coaches' decisions on signals of fraud or error: 5 years, for audits."),
    Retention(
        "background_jobs",
        1,
        "Finished background jobs with their files (reports, results): a year to look back; what they "
        "imported stays under its own rules.",
    ),
    Retention("audit_events", 7, "The audit log: 7 years, the Dutch fiscal retention period (art. 52 AWR)."),
    Retention(
        "ledger",
        None,
        "Ledger bookings are never deleted: the reconciliation needs every entry. They hold no name once "
        "the account is erased.",
    ),
)
RETENTION_YEARS = {rule.kind: rule.years for rule in RETENTION}


def years_before(day: dt.date, years: int) -> dt.date:
    """``day`` minus whole years; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _cutoff(today: dt.date, kind: str) -> dt.datetime:
    """The start of the day ``RETENTION_YEARS[kind]`` years before ``today``: older rows go."""
    day = years_before(today, RETENTION_YEARS[kind])
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def retention_apply(*, today: dt.date, dry_run: bool = False) -> dict[str, int]:
    """Delete (or with ``dry_run`` only count) what is past its retention period on ``today``; see
    ``RETENTION``. Safe to run again: what is gone is not counted twice. Each erased account is its own
    transaction, each kind of row one delete."""
    counts: dict[str, int] = {}
    inactive = list(
        accounts_selectors.residents_inactive(last_login_before=_cutoff(today, "inactive_residents"))
    )
    if not dry_run:
        for user in inactive:
            with transaction.atomic():
                _erase(user=user, actor=None, trigger="retention")
    counts["inactive_residents"] = len(inactive)
    old_views = ProfileView.objects.filter(viewed_at__lt=_cutoff(today, "profile_views"))
    counts["profile_views"] = old_views.count() if dry_run else old_views.delete()[0]
    counts["competency_suggestions"] = profiles_services.competency_suggestions_purge(
        decided_before=_cutoff(today, "competency_suggestions"), dry_run=dry_run
    )
    counts["revoked_consents"] = accounts_services.consents_purge(
        revoked_before=_cutoff(today, "revoked_consents"), dry_run=dry_run
    )
    counts["anomaly_reviews"] = enrolments_services.anomaly_reviews_purge(
        before=_cutoff(today, "anomaly_reviews"), dry_run=dry_run
    )
    counts["background_jobs"] = tasks_services.jobs_purge(
        finished_before=_cutoff(today, "background_jobs"), dry_run=dry_run
    )
    counts["audit_events"] = audit_services.audit_events_purge(
        before=_cutoff(today, "audit_events"), dry_run=dry_run
    )
    counts["ledger"] = 0
    return counts


# --- Geen BSN -------------------------------------------------------------------------------------

BSN_MESSAGE = gettext_lazy(
    "Schrijf hier geen burgerservicenummer (BSN). Dat nummer hebben wij niet nodig. Haal het weg en "
    "probeer het opnieuw."
)


def text_refuse_bsn(*, text: str, field: str = "") -> None:
    """Raise an ``ApplicationError`` (400) when ``text`` holds a valid citizen service number. For every
    free text a resident writes that the platform stores (docs/security-privacy.md, "Geen BSN")."""
    if selectors.bsn_in_text(text=text):
        raise ApplicationError(
            str(BSN_MESSAGE), code="bsn_not_allowed", extra={"field": field} if field else {}
        )

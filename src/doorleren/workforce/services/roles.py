"""Write the company scan: roles, their competencies, and who holds them (docs/workforce.md).

``actor`` is the user who acts: an employer user of the firm for the firm's actions, or None for the
system (the demo, a command). A refused action changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.accounts import services as accounts_services
from doorleren.core.errors import ApplicationError

from .. import selectors
from ..models import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    CompanyRole,
    CompetencySource,
    HolderState,
    Horizon,
    RoleCompetency,
    RoleHolder,
)

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.organisations.models import Organisation
    from doorleren.taxonomy.models import Competency, RegionalOccupation

EMAIL_MAX = 254


def require_manager(*, actor: User | None, organisation: Organisation) -> None:
    if actor is None:
        return
    if not selectors.may_manage_firm(user=actor, organisation=organisation):
        raise ApplicationError(
            _("Alleen medewerkers van %(firm)s kunnen dit doen.") % {"firm": organisation.name},
            code="workforce_not_allowed",
            status=403,
        )


def _clean_text(value, *, maximum: int, field: str, required: bool, missing: str) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str) or "\x00" in value:
        raise ApplicationError(
            _("Deze tekst kunnen wij niet lezen."), code="text_invalid", extra={"field": field}
        )
    value = value.strip()
    if required and not value:
        raise ApplicationError(missing, code=f"{field}_missing", extra={"field": field})
    if len(value) > maximum:
        raise ApplicationError(
            _("Schrijf hoogstens %(max)d tekens.") % {"max": maximum},
            code=f"{field}_too_long",
            extra={"field": field},
        )
    return value


def _title(title) -> str:
    title = " ".join(_clean_text(title, maximum=TITLE_MAX, field="title", required=True, missing="").split())
    if not title:
        raise ApplicationError(
            _("Geef de rol een naam, bijvoorbeeld Sorteerder."),
            code="title_missing",
            extra={"field": "title"},
        )
    return title


def _level(level) -> int:
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 4:
        raise ApplicationError(
            _("Een niveau is 1, 2, 3 of 4."), code="level_invalid", extra={"field": "level"}
        )
    return level


def _horizon(horizon) -> str:
    if horizon not in Horizon.values:
        raise ApplicationError(
            _("Kies: nu, of over 3 tot 5 jaar."), code="horizon_invalid", extra={"field": "horizon"}
        )
    return horizon


def _title_taken() -> ApplicationError:
    return ApplicationError(
        _("Er is al een rol met deze naam. Kies een andere naam."),
        code="title_taken",
        status=409,
        extra={"field": "title"},
    )


@transaction.atomic
def company_role_create(
    *,
    organisation: Organisation,
    title: str,
    regional_occupation: RegionalOccupation | None = None,
    description: str = "",
    actor: User | None,
) -> CompanyRole:
    """A new role in the firm. With a regional occupation, its competencies come from the map."""
    require_manager(actor=actor, organisation=organisation)
    title = _title(title)
    description = _clean_text(
        description, maximum=DESCRIPTION_MAX, field="description", required=False, missing=""
    )
    if CompanyRole.objects.filter(organisation=organisation, title__iexact=title).exists():
        raise _title_taken()
    try:
        with transaction.atomic():
            role = CompanyRole.objects.create(
                organisation=organisation,
                title=title,
                regional_occupation=regional_occupation,
                description=description,
            )
    except IntegrityError as exc:
        raise _title_taken() from exc
    if regional_occupation is not None:
        role_competencies_from_map(role=role, actor=actor)
    return role


@transaction.atomic
def company_role_update(
    *,
    role: CompanyRole,
    title: str,
    regional_occupation: RegionalOccupation | None,
    description: str = "",
    actor: User | None,
) -> CompanyRole:
    """Change the role's name, occupation or description. The competencies stay as they are; ask the
    map again with ``role_competencies_from_map``."""
    require_manager(actor=actor, organisation=role.organisation)
    title = _title(title)
    description = _clean_text(
        description, maximum=DESCRIPTION_MAX, field="description", required=False, missing=""
    )
    if (
        CompanyRole.objects.filter(organisation=role.organisation, title__iexact=title)
        .exclude(pk=role.pk)
        .exists()
    ):
        raise _title_taken()
    role.title = title
    role.regional_occupation = regional_occupation
    role.description = description
    try:
        with transaction.atomic():
            role.save(update_fields=["title", "regional_occupation", "description", "updated_at"])
    except IntegrityError as exc:
        raise _title_taken() from exc
    return role


@transaction.atomic
def company_role_delete(*, role: CompanyRole, actor: User | None) -> None:
    """Remove the role, its competencies and holders. Plans made for it stay (with the role's name)."""
    require_manager(actor=actor, organisation=role.organisation)
    role.delete()


@transaction.atomic
def role_competencies_from_map(*, role: CompanyRole, actor: User | None) -> int:
    """Propose the role's competencies (now and in 3-5 years) from the regional competency map
    (``selectors.map_proposal``). Rows the employer set by hand stay; earlier map rows are replaced.
    Returns how many rows the map added."""
    require_manager(actor=actor, organisation=role.organisation)
    if role.regional_occupation is None:
        raise ApplicationError(
            _("Kies eerst een beroep uit de regio bij deze rol. Dan kunnen wij competenties voorstellen."),
            code="role_without_occupation",
            extra={"field": "regional_occupation"},
        )
    RoleCompetency.objects.filter(role=role, source=CompetencySource.MAP).delete()
    edited = set(RoleCompetency.objects.filter(role=role).values_list("competency_id", "horizon"))
    rows = [
        RoleCompetency(
            role=role,
            competency=need.competency,
            level=need.level,
            horizon=need.horizon,
            source=CompetencySource.MAP,
        )
        for need in selectors.map_proposal(occupation=role.regional_occupation)
        if (need.competency.pk, need.horizon) not in edited
    ]
    RoleCompetency.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def role_competency_set(
    *, role: CompanyRole, competency: Competency, level: int, horizon: str, actor: User | None
) -> RoleCompetency:
    """Set what the role needs of ``competency`` now or in 3-5 years (the employer's own choice)."""
    require_manager(actor=actor, organisation=role.organisation)
    level = _level(level)
    horizon = _horizon(horizon)
    row, _created = RoleCompetency.objects.update_or_create(
        role=role,
        competency=competency,
        horizon=horizon,
        defaults={"level": level, "source": CompetencySource.EDITED},
    )
    return row


@transaction.atomic
def role_competency_remove(
    *, role: CompanyRole, competency: Competency, horizon: str, actor: User | None
) -> None:
    require_manager(actor=actor, organisation=role.organisation)
    horizon = _horizon(horizon)
    deleted, _counts = RoleCompetency.objects.filter(
        role=role, competency=competency, horizon=horizon
    ).delete()
    if not deleted:
        raise ApplicationError(
            _("Deze rol heeft deze competentie niet."), code="role_competency_unknown", status=404
        )


# --- who holds the role ------------------------------------------------------------------------------


def _email(email) -> str:
    if not isinstance(email, str) or len(email) > EMAIL_MAX or "\x00" in email:
        raise ApplicationError(_invalid_email(), code="email_invalid", extra={"field": "email"})
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ApplicationError(_invalid_email(), code="email_invalid", extra={"field": "email"}) from exc
    return email


def _invalid_email() -> str:
    return _("Vul een goed e-mailadres in, bijvoorbeeld anne@voorbeeld.nl.")


@transaction.atomic
def role_holder_invite(*, role: CompanyRole, email: str, actor: User | None) -> RoleHolder:
    """Invite the person with ``email`` to confirm that they hold this role.

    Nothing is linked yet: the resident with that address sees the invitation in their own account and
    confirms or refuses it. We never say whether an account with that address exists.
    """
    require_manager(actor=actor, organisation=role.organisation)
    email = _email(email)
    if RoleHolder.objects.filter(role=role, email=email).exists():
        raise ApplicationError(
            _("U heeft dit e-mailadres al uitgenodigd voor deze rol."),
            code="holder_exists",
            status=409,
            extra={"field": "email"},
        )
    try:
        with transaction.atomic():
            return RoleHolder.objects.create(role=role, email=email)
    except IntegrityError as exc:
        raise ApplicationError(
            _("U heeft dit e-mailadres al uitgenodigd voor deze rol."), code="holder_exists", status=409
        ) from exc


@transaction.atomic
def role_holder_remove(*, holder: RoleHolder, actor: User | None) -> None:
    """The person no longer holds the role (or the invitation is taken back). Plans stay."""
    require_manager(actor=actor, organisation=holder.role.organisation)
    holder.delete()


def _locked_invitation(holder: RoleHolder, employee: User) -> RoleHolder:
    if not selectors.is_resident(user=employee):
        raise ApplicationError(_("Alleen inwoners kunnen dit doen."), code="not_a_resident", status=403)
    locked = RoleHolder.objects.select_for_update().select_related("role__organisation").get(pk=holder.pk)
    email = (employee.email or "").strip().lower()
    if locked.employee_id is not None or locked.email != email:
        raise ApplicationError(_("Deze uitnodiging is niet voor u."), code="invitation_not_yours", status=404)
    if locked.state != HolderState.PENDING:
        raise ApplicationError(
            _("U heeft al op deze uitnodiging geantwoord."), code="invitation_answered", status=409
        )
    return locked


@transaction.atomic
def role_holder_accept(
    *, holder: RoleHolder, employee: User, share_plan: bool = False, today: dt.date | None = None
) -> RoleHolder:
    """The resident confirms: "Ik werk bij ... in deze rol". With ``share_plan`` they also let the firm
    see their levels for the role and their development plan (consent ``share_development_plan``)."""
    locked = _locked_invitation(holder, employee)
    if RoleHolder.objects.filter(role=locked.role, employee=employee).exists():
        raise ApplicationError(_("U heeft deze rol al."), code="holder_exists", status=409)
    locked.employee = employee
    locked.state = HolderState.ACCEPTED
    locked.since = today or timezone.localdate()
    locked.responded_at = timezone.now()
    locked.save(update_fields=["employee", "state", "since", "responded_at", "updated_at"])
    organisation = locked.role.organisation
    if share_plan and not selectors.plan_shared_with(employee=employee, organisation=organisation):
        accounts_services.consent_grant(
            resident=employee, organisation=organisation, purpose=selectors.SHARE_PURPOSE
        )
    return locked


@transaction.atomic
def role_holder_refuse(*, holder: RoleHolder, employee: User) -> RoleHolder:
    """The resident says the invitation is not right. Nothing is linked to their account."""
    locked = _locked_invitation(holder, employee)
    locked.state = HolderState.REFUSED
    locked.responded_at = timezone.now()
    locked.save(update_fields=["state", "responded_at", "updated_at"])
    return locked

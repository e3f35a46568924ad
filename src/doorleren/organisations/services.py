"""Write organisations and memberships. Every rule on organisation data is checked here."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.organisations.models import (
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    SchoolLevel,
    SectorCode,
    SizeClass,
)
from doorleren.organisations.selectors import IBAN_ORGANISATION_KINDS, organisation_iban_editable_by
from doorleren.organisations.validators import (
    brin_code_normalise,
    iban_normalise,
    kvk_number_normalise,
    validate_brin_code,
    validate_iban,
    validate_kvk_number,
)
from doorleren.region.selectors import municipality_current_for

if TYPE_CHECKING:
    from doorleren.region.models import Municipality

User = get_user_model()


def _first_message(error: ValidationError) -> str:
    return error.messages[0] if error.messages else _("Deze gegevens kloppen niet.")


def _choice(value: str, choices: type, *, field_code: str, message: str) -> str:
    value = (value or "").strip()
    if value and value not in choices.values:
        raise ApplicationError(message, code=field_code)
    return value


@transaction.atomic
def organisation_create(
    *,
    kind: str,
    name: str,
    kvk_number: str = "",
    brin_code: str = "",
    school_level: str = "",
    municipality: Municipality | None = None,
    sector_code: str = "",
    size_class: str = "",
    website: str = "",
    description: str = "",
    is_innovation_workshop: bool = False,
    joined_cooperative_at: dt.date | None = None,
) -> Organisation:
    """Register an organisation.

    Employers need a KvK number, schools a BRIN code (both checked on format only, see
    ``organisations.validators``). A former municipality is stored as the current one it is part of.
    """
    kind = _choice(
        kind,
        OrganisationKind,
        field_code="organisation_kind_invalid",
        message=_("Kies een soort organisatie: werkgever, onderwijs, overheid, coöperatie of financier."),
    )
    if not kind:
        raise ApplicationError(_("Kies een soort organisatie."), code="organisation_kind_invalid")
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError(_("Vul de naam van de organisatie in."), code="organisation_name_missing")
    if len(name) > 200:
        raise ApplicationError(
            _("De naam mag hoogstens 200 tekens lang zijn."), code="organisation_name_too_long"
        )

    kvk_number = kvk_number_normalise(kvk_number)
    if kvk_number:
        try:
            validate_kvk_number(kvk_number)
        except ValidationError as exc:
            raise ApplicationError(_first_message(exc), code="kvk_number_invalid") from exc
    elif kind == OrganisationKind.EMPLOYER:
        raise ApplicationError(
            _("Vul het KvK-nummer van de werkgever in (8 cijfers)."), code="kvk_number_missing"
        )

    brin_code = brin_code_normalise(brin_code)
    school_level = _choice(
        school_level,
        SchoolLevel,
        field_code="school_level_invalid",
        message=_("Kies een onderwijsniveau: MBO, HBO, WO of anders."),
    )
    if kind == OrganisationKind.SCHOOL:
        if not brin_code:
            raise ApplicationError(
                _("Vul de BRIN-code van de school in, bijvoorbeeld 25LX."), code="brin_code_missing"
            )
        try:
            validate_brin_code(brin_code)
        except ValidationError as exc:
            raise ApplicationError(_first_message(exc), code="brin_code_invalid") from exc
        school_level = school_level or SchoolLevel.OTHER
    elif brin_code or school_level:
        raise ApplicationError(
            _("Alleen een onderwijsinstelling heeft een BRIN-code en een onderwijsniveau."),
            code="brin_code_not_school",
        )

    size_class = _choice(
        size_class,
        SizeClass,
        field_code="size_class_invalid",
        message=_("Kies een grootte: 1 tot 10, 10 tot 50, 50 tot 250 of 250 of meer medewerkers."),
    )
    if size_class and kind != OrganisationKind.EMPLOYER:
        raise ApplicationError(
            _("Alleen bij een werkgever kunt u de grootte kiezen."), code="size_class_not_employer"
        )
    sector_code = _choice(
        sector_code,
        SectorCode,
        field_code="sector_code_unknown",
        message=_("Deze sector kennen wij niet. Kies een sector uit de lijst."),
    )
    if is_innovation_workshop and kind != OrganisationKind.COOPERATIVE:
        raise ApplicationError(
            _("Een innovatiewerkplaats is een coöperatie. Kies als soort: coöperatie."),
            code="workshop_not_cooperative",
        )
    if municipality is not None:
        municipality = municipality_current_for(municipality=municipality)
    if joined_cooperative_at is not None and joined_cooperative_at > timezone.localdate():
        raise ApplicationError(
            _("De datum van lid worden kan niet in de toekomst liggen."), code="joined_in_future"
        )

    if kvk_number and Organisation.objects.filter(kvk_number=kvk_number).exists():
        raise ApplicationError(
            _("Er is al een organisatie met dit KvK-nummer."), code="kvk_number_taken", status=409
        )
    if brin_code and Organisation.objects.filter(brin_code=brin_code).exists():
        raise ApplicationError(
            _("Er is al een school met deze BRIN-code."), code="brin_code_taken", status=409
        )

    organisation = Organisation(
        kind=kind,
        name=name,
        kvk_number=kvk_number,
        brin_code=brin_code,
        school_level=school_level,
        municipality=municipality,
        sector_code=sector_code,
        size_class=size_class,
        website=(website or "").strip(),
        description=(description or "").strip(),
        is_innovation_workshop=is_innovation_workshop,
        joined_cooperative_at=joined_cooperative_at,
    )
    try:
        organisation.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise ApplicationError(_first_message(exc), code="organisation_invalid") from exc
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:  # a parallel request registered the same KvK/BRIN first
        raise ApplicationError(
            _("Deze organisatie is net al aangemeld (zelfde KvK-nummer of BRIN-code)."),
            code="organisation_duplicate",
            status=409,
        ) from exc
    return organisation


@transaction.atomic
def organisation_join_cooperative(
    *, organisation: Organisation, joined_on: dt.date | None = None
) -> Organisation:
    """The organisation joins the regional cooperative (free for employers). Joining twice keeps the first date."""
    if organisation.joined_cooperative_at is not None:
        return organisation
    joined_on = joined_on or timezone.localdate()
    if joined_on > timezone.localdate():
        raise ApplicationError(
            _("De datum van lid worden kan niet in de toekomst liggen."), code="joined_in_future"
        )
    organisation.joined_cooperative_at = joined_on
    organisation.save(update_fields=["joined_cooperative_at", "updated_at"])
    return organisation


@transaction.atomic
def organisation_leave_cooperative(*, organisation: Organisation) -> Organisation:
    organisation.joined_cooperative_at = None
    organisation.save(update_fields=["joined_cooperative_at", "updated_at"])
    return organisation


@transaction.atomic
def membership_create(
    *, user: User, organisation: Organisation, role: str = MembershipRole.MEMBER
) -> Membership:
    """Link a user to the organisation they work for. Consent is given to organisations, so this
    link is what lets an employer, school or coach user see residents who gave consent."""
    if role not in MembershipRole.values:
        raise ApplicationError(_("Kies als rol: beheerder of medewerker."), code="membership_role_invalid")
    if not user.is_active:
        raise ApplicationError(_("Dit account is niet actief."), code="user_inactive")
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ApplicationError(
            _("%(user)s hoort al bij %(organisation)s.") % {"user": user, "organisation": organisation},
            code="membership_exists",
            status=409,
        )
    try:
        with transaction.atomic():
            return Membership.objects.create(user=user, organisation=organisation, role=role)
    except IntegrityError as exc:
        raise ApplicationError(
            _("%(user)s hoort al bij %(organisation)s.") % {"user": user, "organisation": organisation},
            code="membership_exists",
            status=409,
        ) from exc


@transaction.atomic
def membership_delete(*, user: User, organisation: Organisation) -> None:
    deleted, _counts = Membership.objects.filter(user=user, organisation=organisation).delete()
    if not deleted:
        raise ApplicationError(
            _("%(user)s hoort niet bij %(organisation)s.") % {"user": user, "organisation": organisation},
            code="membership_unknown",
            status=404,
        )


# --- the payout account (IBAN) ------------------------------------------------------------------

IBAN_INPUT_MAX = 100  # what people may type, spaces included; the stored IBAN is at most 34
IBAN_REASON_MAX = 500


def organisation_iban_set(
    *, organisation: Organisation, iban: str, actor: User | None, reason: str = ""
) -> Organisation:
    """Set the account a school or employer that offers modules is paid on; an empty ``iban`` removes it.

    The IBAN is normalised (no spaces, capitals) and must be a Dutch IBAN with correct check digits
    (python-stdnum). ``actor``: a staff member of the organisation itself (school or employer role), or
    None for the system (the demo, a command). Every change is one line in the audit log with the old
    and the new account; setting the same account again changes and logs nothing. Refused input
    changes nothing.
    """
    if organisation.kind not in IBAN_ORGANISATION_KINDS:
        raise ApplicationError(
            _("Alleen een school of een bedrijf dat modules geeft, kan een rekeningnummer opgeven."),
            code="iban_not_a_provider",
        )
    if actor is not None and not organisation_iban_editable_by(user=actor, organisation=organisation):
        raise ApplicationError(
            _("Alleen medewerkers van %(organisation)s kunnen het rekeningnummer veranderen.")
            % {"organisation": organisation.name},
            code="iban_not_allowed",
            status=403,
        )
    if not isinstance(iban, str) or len(iban) > IBAN_INPUT_MAX or "\x00" in iban:
        raise ApplicationError(
            _("Dit is geen IBAN. Een IBAN ziet er zo uit: NL91 ABNA 0417 1643 00."),
            code="iban_invalid",
            extra={"field": "iban"},
        )
    value = iban_normalise(iban)
    if value:
        try:
            validate_iban(value)
        except ValidationError as exc:
            raise ApplicationError(_first_message(exc), code="iban_invalid", extra={"field": "iban"}) from exc
    if reason is None:
        reason = ""
    if not isinstance(reason, str) or len(reason) > IBAN_REASON_MAX or "\x00" in reason:
        raise ApplicationError(
            _("Schrijf de reden in hoogstens %(max)d tekens, zonder vreemde tekens.")
            % {"max": IBAN_REASON_MAX},
            code="iban_reason_invalid",
            extra={"field": "reason"},
        )
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = locked.iban
        if before != value:
            locked.iban = value
            locked.save(update_fields=["iban", "updated_at"])
            audit_record(
                action="organisations.iban_set",
                subject=locked,
                actor=actor,
                reason=reason,
                data={"before": before, "after": value},
            )
    organisation.iban = locked.iban
    return locked

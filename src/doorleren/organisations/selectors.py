"""Read organisations. Only organisation data: the public directory never shows persons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.organisations.models import Membership, Organisation, OrganisationKind
from doorleren.organisations.validators import iban_masked

if TYPE_CHECKING:
    from doorleren.region.models import Municipality

User = get_user_model()


def organisations_all() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("municipality", "municipality__subregion").order_by("name")


def organisations_version() -> tuple:
    """A fingerprint that changes when any organisation is added, removed or saved (for caches)."""
    found = Organisation.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (found["n"], found["last"])


def organisations_public() -> QuerySet[Organisation]:
    """What the public directory shows: schools, governments, cooperatives, funders and every
    organisation that joined the regional cooperative. Employers that did not join are not listed."""
    return organisations_all().filter(
        Q(
            kind__in=[
                OrganisationKind.SCHOOL,
                OrganisationKind.GOVERNMENT,
                OrganisationKind.COOPERATIVE,
                OrganisationKind.FUNDER,
            ]
        )
        | Q(joined_cooperative_at__isnull=False)
    )


def organisations_filter(
    *,
    queryset: QuerySet[Organisation] | None = None,
    kind: str = "",
    municipality: Municipality | None = None,
    sector_code: str = "",
    search: str = "",
    kvk_number: str = "",
    brin_code: str = "",
) -> QuerySet[Organisation]:
    """Narrow ``queryset`` (default: the public directory). Empty arguments do not filter."""
    queryset = organisations_public() if queryset is None else queryset
    if kind:
        queryset = queryset.filter(kind=kind)
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    if sector_code:
        queryset = queryset.filter(sector_code=sector_code)
    if search:
        queryset = queryset.filter(name__icontains=search.strip())
    if kvk_number:
        queryset = queryset.filter(kvk_number=kvk_number)
    if brin_code:
        queryset = queryset.filter(brin_code=brin_code.upper())
    return queryset


def organisation_get(*, pk: int, public_only: bool = True) -> Organisation:
    """One organisation; with ``public_only`` only when the public directory shows it."""
    queryset = organisations_public() if public_only else organisations_all()
    organisation = queryset.filter(pk=pk).first()
    if organisation is None:
        raise ApplicationError(
            _("Deze organisatie bestaat niet of staat niet in de openbare lijst."),
            code="organisation_unknown",
            status=404,
        )
    return organisation


def organisations_for_user(*, user: User) -> QuerySet[Organisation]:
    """The organisations ``user`` is a member of (empty for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return organisations_all().filter(memberships__user=user).distinct()


def memberships_for_organisation(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__username")
    )


def membership_exists(*, user: User, organisation: Organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation).exists()


# --- the payout account (IBAN) of schools and companies that offer modules -----------------------

# Kinds of organisation that offer modules and are paid for them, so may have a payout account.
IBAN_ORGANISATION_KINDS = (OrganisationKind.SCHOOL, OrganisationKind.EMPLOYER)
# Roles whose members set their own organisation's account (a school, or a company that trains).
IBAN_EDITOR_ROLES = ("school", "employer")
# Roles that may know that an organisation has an account, shown masked (for the fraud checks).
IBAN_MASKED_ROLES = ("coach", "programme_office", "administrator")


def _active_with_role(user, roles) -> bool:
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "role", None) in roles
    )


def organisation_iban_editable_by(*, user: User, organisation: Organisation) -> bool:
    """May ``user`` see and set the full payout account? Only staff (school or employer role) who are
    members of this organisation, and only for a school or employer."""
    return (
        organisation.kind in IBAN_ORGANISATION_KINDS
        and _active_with_role(user, IBAN_EDITOR_ROLES)
        and membership_exists(user=user, organisation=organisation)
    )


def organisation_iban_masked_visible_to(*, user: User) -> bool:
    """May ``user`` see an organisation's payout account masked (``validators.iban_masked``)? Coaches,
    the programme office and administrators. Residents never see it."""
    return _active_with_role(user, IBAN_MASKED_ROLES)


def organisation_for_iban(*, pk: int) -> Organisation | None:
    """The school or employer ``pk`` (public or not), or None: only they have a payout account."""
    return organisations_all().filter(pk=pk, kind__in=IBAN_ORGANISATION_KINDS).first()


def organisations_sharing_iban(*, minimum: int = 2) -> list[tuple[str, list[Organisation]]]:
    """Every payout account that ``minimum`` or more organisations have, with those organisations:
    ``[(iban, [organisation, ...]), ...]`` ordered by account, organisations by id."""
    shared = list(
        Organisation.objects.exclude(iban="")
        .values("iban")
        .annotate(n=Count("pk"))
        .filter(n__gte=minimum)
        .order_by("iban")
        .values_list("iban", flat=True)
    )
    groups: dict[str, list[Organisation]] = {iban: [] for iban in shared}
    for organisation in Organisation.objects.filter(iban__in=shared).order_by("iban", "pk"):
        groups[organisation.iban].append(organisation)
    return list(groups.items())


def iban_masked_text(*, iban: str) -> str:
    """The account with only the country and the last four characters (``NL** **** **** **43 00``)."""
    return iban_masked(iban)


# --- workforce: the choices of the employer's sign-up page "Aanmelden bij de coöperatie" ----------


def employer_sector_choices() -> list[tuple[str, str]]:
    """``[(code, label)]`` of the sectors an employer can choose (``SectorCode``)."""
    from doorleren.organisations.models import SectorCode

    return list(SectorCode.choices)


def employer_size_choices() -> list[tuple[str, str]]:
    """``[(code, label)]`` of the sizes an employer can choose (``SizeClass``)."""
    from doorleren.organisations.models import SizeClass

    return list(SizeClass.choices)

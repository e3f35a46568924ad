"""Funders and the money they put in: ``funder_create`` and ``funder_pool_fund``."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

from ..models import (
    DESCRIPTION_MAX,
    NAME_MAX,
    AccountKind,
    Funder,
    FunderKind,
    LedgerAccount,
    LedgerTransaction,
    TransactionKind,
)
from .ledger import ledger_transfer

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.organisations.models import Organisation
    from doorleren.region.models import Municipality


def _name_check(name: object, *, code: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ApplicationError(_("Vul een naam in."), code=f"{code}_name_empty")
    if len(name) > NAME_MAX or "\x00" in name:
        raise ApplicationError(
            _("De naam is te lang of bevat tekens die niet mogen. Gebruik hoogstens %(max)d tekens.")
            % {"max": NAME_MAX},
            code=f"{code}_name_invalid",
        )
    return name.strip()


def _description_check(description: object, *, code: str) -> str:
    if not isinstance(description, str) or len(description) > DESCRIPTION_MAX or "\x00" in description:
        raise ApplicationError(
            _("De uitleg is te lang of bevat tekens die niet mogen. Gebruik hoogstens %(max)d tekens.")
            % {"max": DESCRIPTION_MAX},
            code=f"{code}_description_invalid",
        )
    return description.strip()


def funder_create(
    *,
    name: str,
    kind: str,
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
    description: str = "",
) -> Funder:
    """A funder with its two accounts: its external source (its bank; may go negative) and its pool.

    A municipality funder needs its (current) municipality; an employer funder needs its employer
    organisation (``kind`` employer).
    """
    name = _name_check(name, code="funder")
    description = _description_check(description, code="funder")
    if kind not in FunderKind.values:
        raise ApplicationError(_("Dit soort financier kennen wij niet."), code="funder_kind_invalid")
    if kind == FunderKind.MUNICIPALITY and municipality is None:
        raise ApplicationError(_("Kies de gemeente die dit betaalt."), code="funder_municipality_missing")
    if municipality is not None and not municipality.is_current:
        raise ApplicationError(
            _("De gemeente %(name)s bestaat niet meer. Kies de gemeente waarin zij is opgegaan.")
            % {"name": municipality.name},
            code="funder_municipality_former",
        )
    if kind == FunderKind.EMPLOYER and (organisation is None or organisation.kind != "employer"):
        raise ApplicationError(_("Kies de werkgever die dit betaalt."), code="funder_employer_missing")
    try:
        with transaction.atomic():
            funder = Funder.objects.create(
                name=name,
                kind=kind,
                organisation=organisation,
                municipality=municipality,
                description=description,
            )
            LedgerAccount.objects.bulk_create(
                [
                    LedgerAccount(
                        funder=funder,
                        kind=AccountKind.EXTERNAL,
                        name=_("Geld van buiten: %(funder)s") % {"funder": name},
                        may_go_negative=True,
                    ),
                    LedgerAccount(
                        funder=funder,
                        kind=AccountKind.FUNDER_POOL,
                        name=_("Pot van %(funder)s") % {"funder": name},
                    ),
                ]
            )
    except IntegrityError:
        if Funder.objects.filter(name=name).exists():
            raise ApplicationError(
                _("Er is al een financier met de naam %(name)s.") % {"name": name},
                code="funder_name_taken",
                status=409,
            ) from None
        raise
    return funder


def funder_account(*, funder: Funder, kind: str) -> LedgerAccount:
    """The funder's external source or pool (``AccountKind.EXTERNAL`` / ``FUNDER_POOL``)."""
    return LedgerAccount.objects.get(funder=funder, kind=kind)


def funder_pool_fund(
    *,
    funder: Funder,
    amount_cents: int,
    reason: str,
    actor: User | None = None,
    idempotency_key: str | None = None,
    correlation_key: uuid.UUID | None = None,
) -> LedgerTransaction:
    """Money comes in: from the funder's external source into its pool."""
    return ledger_transfer(
        from_account=funder_account(funder=funder, kind=AccountKind.EXTERNAL),
        to_account=funder_account(funder=funder, kind=AccountKind.FUNDER_POOL),
        amount_cents=amount_cents,
        kind=TransactionKind.POOL_FUNDING,
        reason=reason,
        actor=actor,
        idempotency_key=idempotency_key,
        correlation_key=correlation_key,
    )

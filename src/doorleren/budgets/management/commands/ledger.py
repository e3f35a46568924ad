"""``doorleren ledger check``: check the whole ledger against itself (``ledger_reconciliation``) and
print one JSON line: ``ok``, the number of accounts, transactions and entries, the sum of all entries
(0 in sound books) and the sum of the entries per account kind, and how many accounts and
transactions are wrong. Nothing is written.

Exit code 0 when the books reconcile; 1 (after the JSON line, with one Dutch line on stderr) when
they do not. Run it after a restore (docs/operations-backup.md) and whenever the books are in doubt.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db.models import Sum
from django.utils.translation import gettext as _

from doorleren.budgets.models import AccountKind, LedgerEntry
from doorleren.budgets.selectors import ledger_reconciliation
from doorleren.core.cli import write_json_line

# At most this many ids of wrong accounts and transactions go into the JSON line.
IDS_SHOWN = 20


def _totals_per_kind() -> dict[str, int]:
    totals = dict.fromkeys(AccountKind.values, 0)
    for kind, total in (
        LedgerEntry.objects.order_by()
        .values("account__kind")
        .annotate(total=Sum("amount_cents"))
        .values_list("account__kind", "total")
    ):
        totals[kind] = total or 0
    return totals


class Command(BaseCommand):
    help = _("Grootboek: controleer of de boeken kloppen (check).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "check",
            help=_("Tel alle boekingsregels op en vergelijk ze met de saldi. Er verandert niets."),
        )

    def handle(self, *args, action: str, **options):
        result = ledger_reconciliation()
        write_json_line(
            self,
            {
                "ok": result.ok,
                "accounts": result.accounts,
                "transactions": result.transactions,
                "entries": LedgerEntry.objects.count(),
                "total_cents": result.total_cents,
                "per_kind_cents": _totals_per_kind(),
                "mismatched_accounts": [m.account.pk for m in result.mismatches[:IDS_SHOWN]],
                "unbalanced_transactions": [t.pk for t in result.unbalanced[:IDS_SHOWN]],
                "negative_accounts": [a.pk for a in result.negative[:IDS_SHOWN]],
                "problems": len(result.mismatches) + len(result.unbalanced) + len(result.negative),
            },
        )
        if not result.ok:
            self.stderr.write(
                _(
                    "De boeken kloppen niet. Rekeningen met een verkeerd saldo: %(mismatches)s. "
                    "Boekingen die niet op nul uitkomen: %(unbalanced)s. Rekeningen onder nul: %(negative)s. "
                    "Alle regels samen: %(total)s cent (dat moet 0 zijn)."
                )
                % {
                    "mismatches": len(result.mismatches),
                    "unbalanced": len(result.unbalanced),
                    "negative": len(result.negative),
                    "total": result.total_cents,
                }
            )
            raise SystemExit(1)

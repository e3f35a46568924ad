"""Pages: "Mijn budgetten" and "Wie betaalt wat?" for residents; the ledger overview for coaches,
the programme office and administrators. Every page only reads; nothing here writes money.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doorleren.accounts.selectors import has_role, is_resident
from doorleren.learning import selectors as learning_selectors

from . import selectors

# Who sees the ledger overview: figures per funder, never persons.
LEDGER_ROLES = ("coach", "programme_office", "administrator")
PARAM_MODULE = "module"
MODULES_MAX = selectors.MODULES_MAX
ID_MAX = selectors.ID_MAX


def _require_resident(request) -> None:
    if not is_resident(user=request.user):
        raise PermissionDenied(_("Alleen inwoners hebben budgetten."))


@login_required
@require_GET
def mine(request):
    """Mijn budgetten: every budget the resident has, and the rules they may still ask for."""
    _require_resident(request)
    data = selectors.budgets_for_resident(resident=request.user)
    return render(request, "budgets/mine.html", {"data": data})


def _module_ids(values: list[str]) -> tuple[list[int], bool]:
    """Module ids from the query string, in order, without doubles; ``bad``: something was left out."""
    ids: list[int] = []
    bad = len(values) > MODULES_MAX
    for value in values[:MODULES_MAX]:
        value = value.strip()
        if not value.isdigit() or len(value) > 19 or not 1 <= int(value) <= ID_MAX:
            bad = True
            continue
        if int(value) not in ids:
            ids.append(int(value))
    return ids, bad


@login_required
@require_GET
def split(request):
    """Wie betaalt wat? For the modules in ``?module=...``: which budget pays what, and what is left to pay.

    Only shows the split; nothing is reserved or confirmed here.
    """
    _require_resident(request)
    ids, bad = _module_ids(request.GET.getlist(PARAM_MODULE))
    found = {
        module.pk: module
        for module in learning_selectors.modules_published().filter(pk__in=ids).select_related("provider")
    }
    modules = [found[pk] for pk in ids if pk in found]
    context = {
        "modules": modules,
        "unknown": bad or len(modules) < len(ids),
        "split": selectors.funding_split_for_modules(resident=request.user, modules=modules)
        if modules
        else None,
    }
    return render(request, "budgets/split.html", context)


@login_required
@require_GET
def ledger_overview(request):
    """Budgetten en financiers: per funder the money in, in the pool and on residents' budgets, and
    whether the ledger adds up. Figures only, never persons."""
    if not any(has_role(user=request.user, role=role) for role in LEDGER_ROLES):
        raise PermissionDenied(_("Alleen coaches, het programmabureau en beheerders zien dit overzicht."))
    today = timezone.localdate()
    rows = selectors.funder_overview(today=today)
    return render(
        request,
        "budgets/ledger_overview.html",
        {
            "rows": rows,
            "reconciliation": selectors.ledger_reconciliation(),
            "small_cell": selectors.SMALL_CELL,
        },
    )

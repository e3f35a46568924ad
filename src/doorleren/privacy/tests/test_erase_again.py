"""``doorleren privacy erase-again``: after a restore, residents erased after the backup are erased again."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from doorleren.accounts.models import Role, User
from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.models import AuditEvent
from doorleren.budgets.selectors import ledger_reconciliation
from doorleren.budgets.tests.factories import grant, rule
from doorleren.privacy.services import account_erasures_reapply
from doorleren.profiles.models import ResidentProfile
from doorleren.profiles.tests.factories import ResidentProfileFactory

pytestmark = pytest.mark.django_db


def _command(*args: str) -> tuple[int, dict | None, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("privacy", "erase-again", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as stop:
        code = stop.code
    except CommandError as error:  # the command line turns it into this message and exit code
        code = error.returncode
        err.write(str(error))
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    return code, (lines[0] if lines else None), err.getvalue()


def test_erases_the_named_residents_keeps_the_books_and_is_safe_to_run_twice():
    anne = ResidentProfileFactory(user__first_name="Anne").user
    grant(rule_=rule(amount_cents=50_000), resident_=anne)
    bert = ResidentProfileFactory().user

    first = account_erasures_reapply(user_ids=[anne.pk, anne.pk, 999_999])
    assert first == {"erased": [anne.pk], "already_erased": [], "unknown": [999_999]}
    anne.refresh_from_db()
    assert anne.first_name == "" and not anne.is_active and anne.username.startswith("verwijderd-")
    assert not ResidentProfile.objects.filter(user=anne).exists()
    assert ResidentProfile.objects.filter(user=bert).exists()
    assert ledger_reconciliation().ok
    assert AuditEvent.objects.filter(
        action="privacy.account_erase", subject_id=str(anne.pk), data__trigger="restore"
    ).exists()

    assert account_erasures_reapply(user_ids=[anne.pk]) == {
        "erased": [],
        "already_erased": [anne.pk],
        "unknown": [],
    }


def test_staff_accounts_are_not_erased_this_way():
    coach = UserFactory(role=Role.COACH)
    assert account_erasures_reapply(user_ids=[coach.pk])["unknown"] == [coach.pk]
    coach.refresh_from_db()
    assert coach.is_active


def test_the_command_takes_ids_or_a_file(tmp_path):
    anne = ResidentProfileFactory().user
    bert = ResidentProfileFactory().user
    code, line, _err = _command("--ids", f"{anne.pk}")
    assert code == 0 and line["erased"] == [anne.pk]

    ids = tmp_path / "ids.txt"
    ids.write_text(f"{anne.pk}\n\n{bert.pk}\n", encoding="utf-8")
    code, line, _err = _command("--file", str(ids))
    assert code == 0
    assert line == {"erased": [bert.pk], "already_erased": [anne.pk], "unknown": []}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--ids", "12,abc"), "geen accountnummer"),
        (("--ids", " , "), "geen accountnummer in"),
        (("--ids", "1" * 30), "geen accountnummer"),
        (("--file", "/niet/hier.txt"), ""),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_changes(args, says):
    anne = ResidentProfileFactory().user
    code, line, err = _command(*args)
    assert code == 2 and line is None
    assert says in err and err.strip()
    assert User.objects.get(pk=anne.pk).is_active

"""Helpers for benchmarks (``doorleren bench NAME``): a scratch PostgreSQL database per run."""

from __future__ import annotations

import contextlib

from django.db import connection, connections
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

SCRATCH_DATABASE = "doorleren_bench"


def _say(progress, message: str) -> None:
    if progress is not None:
        progress(message)


@contextlib.contextmanager
def scratch_database(progress=None):
    """Create (and afterwards drop) the scratch database ``doorleren_bench`` on the PostgreSQL server of
    ``DATABASE_URL``, migrated from scratch, and point Django at it: the developer's data is never touched."""
    if connection.vendor != "postgresql":
        raise ApplicationError(
            _(
                "Deze meting heeft PostgreSQL nodig. Zet DATABASE_URL op een PostgreSQL-server, bijvoorbeeld postgres://postgres@127.0.0.1:5432/test."
            ),
            code="bench_needs_postgresql",
        )
    settings_dict = connection.settings_dict
    old_name = settings_dict["NAME"]
    old_test_name = settings_dict.setdefault("TEST", {}).get("NAME")
    settings_dict["TEST"]["NAME"] = SCRATCH_DATABASE
    _say(progress, f"lege database {SCRATCH_DATABASE} maken en migreren")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
    try:
        yield
    finally:
        connections.close_all()
        _say(progress, f"database {SCRATCH_DATABASE} weggooien")
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
        settings_dict["TEST"]["NAME"] = old_test_name

"""Plain ``INSERT`` statements for rows written on hot paths (the ledger, the audit log).

``Model.objects.create`` runs ``save()``, which for one row costs several times the processor time
of the statement itself. The ledger writes a transaction, its entries and an audit line for every
reservation (``doorleren bench ledger``), so those rows go in with one statement each. Defaults and
``auto_now_add`` values are filled in exactly as ``save()`` would (``Field.pre_save``), values are
converted by their fields and passed as parameters. No ``save()`` and no signals run: use this only
for append-only models whose rules live in their service, not in ``save()`` or signals.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, models, router

#: The largest id a ``BigAutoField`` can hold: ids in URLs, forms and APIs above it are refused as
#: "unknown" before they reach the database (where they would overflow and give a 500).
ID_MAX = 2**63 - 1


def _insert_sql(model: type[models.Model], fields: list, rows: int, connection, returning: bool) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * rows)
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {placeholders}"  # noqa: S608 - names from the model, values as parameters
    if returning:
        sql += f" RETURNING {quote(model._meta.pk.column)}"
    return sql


def _values(instance: models.Model, fields: list, connection) -> list:
    return [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]


def insert_one(instance: models.Model) -> models.Model:
    """Insert the unsaved ``instance`` with one ``INSERT ... RETURNING`` and give it its primary key."""
    model = type(instance)
    alias = router.db_for_write(model, instance=instance)
    connection = connections[alias]
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    with connection.cursor() as cursor:
        cursor.execute(
            _insert_sql(model, fields, 1, connection, returning=True), _values(instance, fields, connection)
        )
        instance.pk = cursor.fetchone()[0]
    instance._state.adding = False
    instance._state.db = alias
    return instance


def insert_many(instances: Sequence[models.Model]) -> None:
    """Insert the unsaved ``instances`` (all of one model) with one ``INSERT``; their keys are not read back."""
    if not instances:
        return
    model = type(instances[0])
    alias = router.db_for_write(model, instance=instances[0])
    connection = connections[alias]
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    params = [value for instance in instances for value in _values(instance, fields, connection)]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(model, fields, len(instances), connection, returning=False), params)

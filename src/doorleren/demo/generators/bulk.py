"""Fast batch inserts for the tables that grow with the requested numbers (millions of rows).

``QuerySet.bulk_create`` spends most of its time building model instances and preparing every
value field by field (measured: about 7,000 rows a second on the shared 2-core machine, which
makes the 600,000-resident benchmark take most of an hour). For the per-resident and
per-opportunity tables the demo therefore writes plain tuples: ``executemany`` of one prepared
``INSERT`` on SQLite, ``COPY ... FROM STDIN`` on PostgreSQL. Columns come from the model's own
field list; fields the generator does not fill get their model default (``auto_now`` fields get
the build time), so a field another app adds with a default keeps working.

Parents whose ids the children need (users, profiles, opportunities) get explicit ids, counted
on from the table's current maximum inside the build's transaction; ``sequences_reset`` moves
PostgreSQL's id sequences past them afterwards (SQLite's AUTOINCREMENT follows by itself). So
nobody else may write to these tables during a demo build; a demo database is not shared.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

try:  # only needed on PostgreSQL
    from psycopg.types.json import Jsonb
except ImportError:  # pragma: no cover - psycopg is a dependency of the project
    Jsonb = None


class FastTable:
    """Insert rows (tuples in the order of ``fields``) into ``model``'s table."""

    def __init__(self, model: type[models.Model], fields: Sequence[str], *, with_pk: bool = False):
        self.model = model
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        pk = meta.pk
        if with_pk and pk not in given:
            given = [pk, *given]
        rest = [f for f in meta.concrete_fields if f not in given and not (f.primary_key and not with_pk)]
        self.fields = given + rest
        now = timezone.now()
        defaults = []
        for field in rest:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                defaults.append(now)
            elif field.has_default() or field.null or field.empty_strings_allowed:
                defaults.append(field.get_default())
            else:
                raise TypeError(
                    f"FastTable({meta.label}): the demo must fill {field.name}, it has no default."
                )
        self.columns = [f.column for f in self.fields]
        self.with_pk = with_pk
        self.vendor = connection.vendor
        # PostgreSQL's COPY takes Python dates and times as they are (JSON defaults wrapped). Elsewhere
        # (SQLite) dates and times go through Django's own preparation, once per distinct value (dates
        # repeat a lot); defaults are prepared once.
        if self.vendor == "postgresql":
            self.prepare = []
            self.defaults = tuple(
                Jsonb(v) if f.get_internal_type() == "JSONField" and v is not None else v
                for f, v in zip(rest, defaults, strict=True)
            )
        else:
            self.prepare = [
                i for i, f in enumerate(given) if f.get_internal_type() in ("DateField", "DateTimeField")
            ]
            self.defaults = tuple(
                f.get_db_prep_save(v, connection) for f, v in zip(rest, defaults, strict=True)
            )
        self.caches: dict[int, dict] = {i: {} for i in self.prepare}
        quote = connection.ops.quote_name
        self.table = quote(meta.db_table)
        self.column_sql = ", ".join(quote(c) for c in self.columns)

    def next_id(self) -> int:
        """The first free id (only meaningful inside the build's transaction)."""
        return (self.model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def insert(self, rows: Sequence[tuple]) -> int:
        """Insert ``rows`` (values of the fields given to the constructor, in that order)."""
        if not rows:
            return 0
        defaults = self.defaults
        if self.prepare:
            rows = [self._prepared(row) for row in rows]
        full = [row + defaults for row in rows] if defaults else list(rows)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {self.table} ({self.column_sql}) FROM STDIN") as copy:
                    for row in full:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                sql = f"INSERT INTO {self.table} ({self.column_sql}) VALUES ({marks})"  # noqa: S608 - names from model meta
                cursor.executemany(sql, full)
        return len(full)

    def _prepared(self, row: tuple) -> tuple:
        """``row`` with its dates and times as the database backend stores them."""
        values = list(row)
        for index in self.prepare:
            value, cache = values[index], self.caches[index]
            try:
                values[index] = cache[value]
            except KeyError:
                values[index] = cache[value] = self.fields[index].get_db_prep_save(value, connection)
        return tuple(values)


def sequences_reset(model_list: Sequence[type[models.Model]]) -> None:
    """Move the id sequences past explicitly inserted ids (PostgreSQL; nothing to do on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

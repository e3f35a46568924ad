"""CSV downloads for Excel in Dutch, the same for every page that offers one.

Excel in Dutch reads ``;`` as the field separator (the comma is the decimal sign) and needs a byte
order mark to read UTF-8 (ë, ö) right; lines end in CRLF. Text that starts like a formula (``=``,
``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'`` so a spreadsheet shows it as
text and never runs it. Amounts are euros with a decimal comma and no thousands separator.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

CSV_DELIMITER = ";"
CSV_BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: object) -> str:
    """``value`` as text that a spreadsheet never reads as a formula."""
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_START) else value


def csv_euro(cents: int | None) -> str:
    """``123456`` → ``1234,56``; ``-5`` → ``-0,05``; None (not shown) → empty."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros},{rest:02d}"


def excel_csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """The rows (the header first) as a UTF-8 file with a byte order mark, ``;`` and CRLF."""
    buffer = io.StringIO()
    buffer.write(CSV_BOM)
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def excel_csv_response(rows: Iterable[Sequence[object]], *, filename: str) -> HttpResponse:
    """A download of ``rows`` (see ``excel_csv_bytes``) named ``filename``."""
    response = HttpResponse(excel_csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""A small client for CBS StatLine open data, OData v4 (https://datasets.cbs.nl/odata/v1/CBS/<table>/).

A table has entity sets for its dimensions and its data:

- ``MeasureCodes``: the topics (``Identifier`` such as ``M000352``, ``Title``, ``Unit``, ...);
- ``<Dimension>Codes`` such as ``RegioSCodes``, ``WijkenEnBuurtenCodes`` and ``PeriodenCodes``:
  the codes of a dimension (``Identifier`` such as ``GM0014`` or ``2023JJ00``, ``Title``);
- ``Observations``: the data in long format, one row per cell: ``Id``, ``Measure``, one column per
  dimension (``RegioS`` or ``WijkenEnBuurten``, ``Perioden``, ...), ``Value`` (a number or null),
  ``StringValue`` and ``ValueAttribute`` (``"None"`` for an ordinary value; otherwise why the
  value is missing or special, e.g. ``"Impossible"``).

Large answers come in pages: a page with ``@odata.nextLink`` has a next page at that address.

The client asks only for what it needs (``$filter`` on measure, region and period), sends a
clear User-Agent, has a timeout, retries a few times on a timeout, a network error or a 5xx, and
turns every failure into ``CbsError`` (an ``ApplicationError``) with a Dutch sentence. Tests give
it an ``httpx.MockTransport`` with recorded answers; it never needs the network in tests.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

import httpx
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

BASE_URL = "https://datasets.cbs.nl/odata/v1/CBS/"
USER_AGENT = "doorleren/1.0 (regionale monitor Leven Lang Ontwikkelen; python-httpx)"
TIMEOUT_SECONDS = 30.0
RETRIES = 2  # after the first try: at most 3 tries in all
BACKOFF_SECONDS = 1.0  # 1 s, then 2 s
MAX_PAGES = 100
# An ordinary value; anything else tells why the value is missing or special.
VALUE_ATTRIBUTE_NONE = "None"

_TABLE = re.compile(r"^[0-9A-Za-z]{4,12}$")
_CODE = re.compile(r"^[0-9A-Za-z_]{1,40}$")
_DIMENSION = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,40}$")
_YEAR_PERIOD = re.compile(r"^(\d{4})JJ00$")


class CbsError(ApplicationError):
    """Asking CBS StatLine failed; ``message`` says what went wrong in Dutch."""

    def __init__(self, message: str, *, code: str = "cbs_error", status: int = 502):
        super().__init__(message, code=code, status=status)


@dataclass(frozen=True)
class Observation:
    """One cell of a table: a measure for one region and period."""

    measure: str
    region: str
    period: str
    value: Decimal | None
    value_attribute: str

    @property
    def year(self) -> int | None:
        """The year of a year period (``2023JJ00`` → 2023); None for quarters, months, ..."""
        match = _YEAR_PERIOD.match(self.period)
        return int(match.group(1)) if match else None


def year_period(year: int) -> str:
    """The CBS code of a whole year: 2023 → ``2023JJ00``."""
    return f"{year:04d}JJ00"


def _quoted(values: Iterable[str], *, field: str) -> str:
    """``(field eq 'a' or field eq 'b')``; values are checked first, so no quote can slip in."""
    parts = []
    for value in values:
        if not _CODE.match(value):
            raise CbsError(
                _("De code “%(code)s” kan niet in een vraag aan het CBS.") % {"code": value[:50]},
                code="cbs_code_invalid",
                status=400,
            )
        parts.append(f"{field} eq '{value}'")
    return "(" + " or ".join(parts) + ")"


class CbsClient:
    """Ask CBS StatLine (OData v4). ``client`` or ``transport`` lets tests answer without the network."""

    def __init__(
        self,
        *,
        client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        base_url: str = BASE_URL,
        timeout: float = TIMEOUT_SECONDS,
        retries: int = RETRIES,
        backoff: float = BACKOFF_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
        max_pages: int = MAX_PAGES,
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self._own_client = client is None
        self.client = client or httpx.Client(
            transport=transport,
            timeout=timeout,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=False,
        )
        self.retries = max(0, retries)
        self.backoff = backoff
        self.sleep = sleep
        self.max_pages = max_pages
        self.requests = 0  # how many HTTP requests were made (for the result and the tests)

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def __enter__(self) -> CbsClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the entity sets -----------------------------------------------------------------------

    def table_url(self, table: str) -> str:
        if not _TABLE.match(table or ""):
            raise CbsError(
                _("“%(table)s” is geen CBS-tabel. Een tabelnummer is bijvoorbeeld 85276NED.")
                % {"table": (table or "")[:30]},
                code="cbs_table_invalid",
                status=400,
            )
        return f"{self.base_url}{table}/"

    def measure_codes(self, *, table: str) -> list[dict]:
        """The topics of ``table`` (``Identifier``, ``Title``, ``Unit``, ...)."""
        return self._get_all(self.table_url(table) + "MeasureCodes", params=None)

    def dimension_codes(self, *, table: str, dimension: str) -> list[dict]:
        """The codes of one dimension, e.g. ``RegioS`` (→ ``RegioSCodes``) or ``Perioden``."""
        if not _DIMENSION.match(dimension or ""):
            raise CbsError(
                _("“%(name)s” is geen dimensie van een CBS-tabel.") % {"name": (dimension or "")[:30]},
                code="cbs_dimension_invalid",
                status=400,
            )
        return self._get_all(self.table_url(table) + f"{dimension}Codes", params=None)

    def observations(
        self,
        *,
        table: str,
        measures: Iterable[str],
        regions: Iterable[str] | None = None,
        periods: Iterable[str] | None = None,
        region_dimension: str = "RegioS",
    ) -> list[Observation]:
        """The cells of ``table`` for these measures, regions (``GM0014``) and periods (``2023JJ00``)."""
        if not _DIMENSION.match(region_dimension or ""):
            raise CbsError(
                _("“%(name)s” is geen dimensie van een CBS-tabel.") % {"name": (region_dimension or "")[:30]},
                code="cbs_dimension_invalid",
                status=400,
            )
        measures = list(measures)
        if not measures:
            raise CbsError(_("Noem minstens één CBS-onderwerp."), code="cbs_measure_missing", status=400)
        clauses = [_quoted(measures, field="Measure")]
        if regions is not None:
            clauses.append(_quoted(sorted(set(regions)), field=region_dimension))
        if periods is not None:
            clauses.append(_quoted(sorted(set(periods)), field="Perioden"))
        url = self.table_url(table) + "Observations"
        rows = self._get_all(url, params={"$filter": " and ".join(clauses)})
        return [self._observation(row, region_dimension=region_dimension) for row in rows]

    # --- plumbing ------------------------------------------------------------------------------

    def _observation(self, row: dict, *, region_dimension: str) -> Observation:
        try:
            measure = row["Measure"]
            region = row[region_dimension]
            period = row["Perioden"]
            raw = row["Value"]
        except (KeyError, TypeError):
            raise CbsError(
                _(
                    "Het antwoord van het CBS mist een veld (Measure, %(dimension)s, Perioden of Value). "
                    "Kijk of de tabel deze dimensies heeft."
                )
                % {"dimension": region_dimension},
                code="cbs_field_missing",
            ) from None
        attribute = row.get("ValueAttribute") or VALUE_ATTRIBUTE_NONE
        if not all(isinstance(item, str) for item in (measure, region, period, attribute)):
            raise CbsError(_("Het antwoord van het CBS is anders dan verwacht."), code="cbs_bad_row")
        value: Decimal | None
        if raw is None:
            value = None
        elif isinstance(raw, bool) or not isinstance(raw, int | float | str):
            raise CbsError(
                _("Het antwoord van het CBS bevat een waarde die geen getal is."), code="cbs_bad_value"
            )
        else:
            try:
                value = Decimal(str(raw))
            except InvalidOperation:
                raise CbsError(
                    _("Het antwoord van het CBS bevat een waarde die geen getal is."), code="cbs_bad_value"
                ) from None
            if not value.is_finite():
                raise CbsError(
                    _("Het antwoord van het CBS bevat een waarde die geen getal is."), code="cbs_bad_value"
                )
        # Codes in older tables are padded with spaces ("GM0014    ").
        return Observation(
            measure=measure.strip(),
            region=region.strip(),
            period=period.strip(),
            value=value,
            value_attribute=attribute.strip(),
        )

    def _get_all(self, url: str, *, params: dict | None) -> list[dict]:
        """Every row of an entity set, following ``@odata.nextLink`` page by page."""
        rows: list[dict] = []
        pages = 0
        next_url: str | None = url
        while next_url:
            pages += 1
            if pages > self.max_pages:
                raise CbsError(
                    _("Het CBS stuurt meer dan %(pages)d pagina's. Vraag minder tegelijk op.")
                    % {"pages": self.max_pages},
                    code="cbs_too_many_pages",
                )
            body = self._get_json(next_url, params=params)
            value = body.get("value")
            if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
                raise CbsError(
                    _("Het antwoord van het CBS heeft geen lijst met gegevens (value)."),
                    code="cbs_value_missing",
                )
            rows.extend(value)
            next_url = body.get("@odata.nextLink")
            params = None  # the next link has the query in it
            if next_url is not None:
                self._check_next_link(next_url)
        return rows

    def _check_next_link(self, link: object) -> None:
        base = urlsplit(self.base_url)
        target = urlsplit(link) if isinstance(link, str) else None
        if target is None or (target.scheme, target.netloc) != (base.scheme, base.netloc):
            raise CbsError(
                _("Het CBS verwijst voor de volgende pagina naar een ander adres. Wij volgen dat niet."),
                code="cbs_next_link_foreign",
            )

    def _get_json(self, url: str, *, params: dict | None) -> dict:
        attempt = 0
        while True:
            attempt += 1
            self.requests += 1
            try:
                response = self.client.get(url, params=params)
            except httpx.TimeoutException:
                if attempt <= self.retries:
                    self.sleep(self.backoff * attempt)
                    continue
                raise CbsError(
                    _("Het CBS gaf na %(tries)d pogingen geen antwoord op tijd. Probeer het later opnieuw.")
                    % {"tries": attempt},
                    code="cbs_timeout",
                    status=504,
                ) from None
            except httpx.HTTPError:
                if attempt <= self.retries:
                    self.sleep(self.backoff * attempt)
                    continue
                raise CbsError(
                    _("Wij konden het CBS niet bereiken. Probeer het later opnieuw."),
                    code="cbs_unreachable",
                ) from None
            if response.status_code >= 500:
                if attempt <= self.retries:
                    self.sleep(self.backoff * attempt)
                    continue
                raise CbsError(
                    _("Het CBS heeft een storing (HTTP %(status)d). Probeer het later opnieuw.")
                    % {"status": response.status_code},
                    code="cbs_server_error",
                )
            if response.status_code == 404:
                raise CbsError(
                    _(
                        "Het CBS kent deze tabel of dit onderdeel niet (HTTP 404). Kijk of het tabelnummer klopt."
                    ),
                    code="cbs_not_found",
                    status=400,
                )
            if response.status_code >= 400:
                raise CbsError(
                    _(
                        "Het CBS wees de vraag af (HTTP %(status)d). Kijk of de tabel, het onderwerp en de "
                        "dimensie kloppen."
                    )
                    % {"status": response.status_code},
                    code="cbs_refused",
                    status=400,
                )
            if response.status_code != 200:
                raise CbsError(
                    _("Het CBS gaf een onverwacht antwoord (HTTP %(status)d).")
                    % {"status": response.status_code},
                    code="cbs_unexpected_status",
                )
            try:
                body = response.json()
            except ValueError:
                raise CbsError(
                    _("Het antwoord van het CBS is geen geldige JSON. Probeer het later opnieuw."),
                    code="cbs_bad_json",
                ) from None
            if not isinstance(body, dict):
                raise CbsError(_("Het antwoord van het CBS is anders dan verwacht."), code="cbs_bad_json")
            return body

"""Write the region: load the reference data file."""

from pathlib import Path

import yaml
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from doorleren.core.cli import file_not_utf8, file_unreadable, one_line
from doorleren.core.errors import ApplicationError
from doorleren.region.loading import DATA_PATH, RegionDataError, region_data_apply, region_data_read


def region_load(*, path: Path = DATA_PATH) -> dict[str, int]:
    """Create or update subregions, municipalities and mergers from the data file. Safe to repeat.

    A file that cannot be read or does not fit raises ``ApplicationError`` (one Dutch line) and
    changes nothing.
    """
    try:
        data = region_data_read(path=path)
    except UnicodeDecodeError:
        raise file_not_utf8(path) from None
    except OSError:
        raise file_unreadable(path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ApplicationError(
            _("Het bestand %(file)s is geen geldige YAML (regel %(line)s).")
            % {"file": path, "line": mark.line + 1 if mark is not None else "?"},
            code="region_file_invalid",
        ) from None
    except RegionDataError as exc:
        raise _does_not_fit(path, detail=one_line(str(exc))[:200]) from None
    except (KeyError, TypeError, AttributeError, ValueError):
        raise _does_not_fit(path) from None
    try:
        with transaction.atomic():
            return region_data_apply(data=data, get_model=lambda name: apps.get_model("region", name))
    except (KeyError, TypeError, AttributeError, ValueError, ValidationError, DatabaseError):
        # a value of the wrong kind or size for a column (a name that is no text, a latitude that is no number)
        raise _does_not_fit(path) from None


def _does_not_fit(path: Path, *, detail: str = "") -> ApplicationError:
    if detail:
        message = _("Het bestand %(file)s klopt niet: %(detail)s.") % {"file": path, "detail": detail}
    else:
        message = _(
            "Het bestand %(file)s klopt niet: een veld ontbreekt of heeft een verkeerde waarde. "
            "Vergelijk het met region/data/municipalities.yaml."
        ) % {"file": path}
    return ApplicationError(message, code="region_file_invalid")

"""Services of the learning offer: the only code that writes learning data."""

from doorleren.learning.services.certificates import certificate_create, diploma_create
from doorleren.learning.services.modules import (
    UNCHANGED,
    StartInput,
    module_create,
    module_prerequisites_set,
    module_update,
)
from doorleren.learning.services.modules_import import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportResult,
    ModuleImportError,
    RowError,
    modules_import_csv,
)
from doorleren.learning.services.practical import practical_offer_create

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "UNCHANGED",
    "ImportResult",
    "ModuleImportError",
    "RowError",
    "StartInput",
    "certificate_create",
    "diploma_create",
    "module_create",
    "module_prerequisites_set",
    "module_update",
    "modules_import_csv",
    "practical_offer_create",
]

"""Reads of the monitoring app, one module per subject (see ``services``): ``programme``,
``statistics``, ``outcomes``, ``evaluation`` and ``dashboard``."""

# privacy: what monitoring keeps about one resident (docs/security-privacy.md).
from .personal_data import personal_data_for as personal_data_for  # noqa: E402

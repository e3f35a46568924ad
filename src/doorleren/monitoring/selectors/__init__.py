"""Reads of the monitoring app, one module per subject (see ``services``): ``programme``,
``statistics``, ``outcomes``, ``evaluation`` and ``dashboard``."""

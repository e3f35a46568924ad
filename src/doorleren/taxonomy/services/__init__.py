"""Services of the taxonomy app: everything that writes.

- ``esco_import``: the official ESCO CSV export → ESCO tables.
- ``competency_map_load``: the regional competency map (YAML) → sectors, competencies, regional
  occupations.
- ``taxonomy_version_bump``: the change counter behind the linking index fingerprint.
"""

from doorleren.taxonomy.services.competency_map import competency_map_load
from doorleren.taxonomy.services.esco_import import esco_import
from doorleren.taxonomy.services.versions import taxonomy_version_bump

__all__ = ["competency_map_load", "esco_import", "taxonomy_version_bump"]

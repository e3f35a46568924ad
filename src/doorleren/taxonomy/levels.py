"""The competency level scale: the one scale of levels 1-4 used everywhere in doorleren.

The regional competency map owns the scale (docs/competency-map.md, "Level scale"). Occupations on
the map, resident profiles, modules, practical learning offers and opportunities all store a level
as an integer 1-4 with these choices:

=====  ====================================  ===============================================
level  Dutch (B1)                            meaning
=====  ====================================  ===============================================
1      Basis: met hulp                       you can do it with help; you know the basics
2      Zelfstandig bij gewone taken          you do the usual tasks on your own
3      Zelfstandig, ook bij lastige taken    you also handle unusual or difficult situations
4      Expert: kan het anderen leren         you master it and can teach others
=====  ====================================  ===============================================

This module is shared vocabulary: any app may import it (see core/tests/test_app_boundaries.py).
It imports nothing from doorleren.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetencyLevel(models.IntegerChoices):
    BASIC = 1, _("Basis: met hulp")
    INDEPENDENT = 2, _("Zelfstandig bij gewone taken")
    ADVANCED = 3, _("Zelfstandig, ook bij lastige taken")
    EXPERT = 4, _("Expert: kan het anderen leren")

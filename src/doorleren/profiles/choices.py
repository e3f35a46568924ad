"""Fixed lists used by resident profiles: status, education levels, sources and evidence.

Education levels (``EducationLevel``) follow the Dutch school system. ``NLQF_LEVEL`` gives the
NLQF level (Dutch qualifications framework, linked to EQF) that a completed level reaches, so
matching can compare levels:

====================  ============================================  ====
code                  meaning                                       NLQF
====================  ============================================  ====
``none``              no school finished                            –
``primary``           basisonderwijs (primary school)               entry (0)
``vmbo``              vmbo (pre-vocational secondary)               2 (basis: 1)
``mbo1``-``mbo4``     mbo level 1-4 (vocational)                    1-4
``havo``              havo (senior general secondary)               4
``vwo``               vwo (pre-university)                          4
``hbo``               hbo (applied sciences, bachelor)              6
``wo``                wo (university, bachelor or master)           6-7
====================  ============================================  ====

Levels of a competency (1-4) are not here: the one scale of the platform is
``doorleren.taxonomy.levels.CompetencyLevel``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResidentStatus(models.TextChoices):
    WORKER = "worker", _("Werkende")
    JOB_SEEKER = "job_seeker", _("Werkzoekende")
    STUDENT = "student", _("Student")


class EducationLevel(models.TextChoices):
    NONE = "none", _("Geen school afgemaakt")
    PRIMARY = "primary", _("Basisonderwijs")
    VMBO = "vmbo", _("Vmbo")
    MBO1 = "mbo1", _("Mbo niveau 1 (entree)")
    MBO2 = "mbo2", _("Mbo niveau 2")
    MBO3 = "mbo3", _("Mbo niveau 3")
    MBO4 = "mbo4", _("Mbo niveau 4")
    HAVO = "havo", _("Havo")
    VWO = "vwo", _("Vwo")
    HBO = "hbo", _("Hbo")
    WO = "wo", _("Universiteit (wo)")


NLQF_LEVEL: dict[str, int | None] = {
    EducationLevel.NONE: None,
    EducationLevel.PRIMARY: 0,
    EducationLevel.VMBO: 2,
    EducationLevel.MBO1: 1,
    EducationLevel.MBO2: 2,
    EducationLevel.MBO3: 3,
    EducationLevel.MBO4: 4,
    EducationLevel.HAVO: 4,
    EducationLevel.VWO: 4,
    EducationLevel.HBO: 6,
    EducationLevel.WO: 6,
}


class CompetencySource(models.TextChoices):
    SCHOOL = "school", _("School")
    WORK = "work", _("Werk")
    FREE_TIME = "free_time", _("Vrije tijd")


class Evidence(models.TextChoices):
    DIPLOMA = "diploma", _("Diploma")
    CERTIFICATE = "certificate", _("Certificaat")
    EMPLOYER_STATEMENT = "employer_statement", _("Verklaring van een werkgever")
    SELF_ASSESSED = "self_assessed", _("Zelf ingeschat")
    # placement: a host confirmed it after a practical assignment (docs/placement.md, "In het platform").
    HOST_CONFIRMED = "host_confirmed", _("Bevestigd door de opdrachtgever van een praktijkopdracht")


HOURS_MIN, HOURS_MAX = 1, 40
TRAVEL_KM_MIN, TRAVEL_KM_MAX = 1, 200


class SuggestionDecision(models.TextChoices):
    CONFIRMED = "confirmed", _("Klopt")
    REJECTED = "rejected", _("Klopt niet")

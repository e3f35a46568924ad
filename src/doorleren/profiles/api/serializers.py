"""Input and output of the own-profile API. Every error message is a plain Dutch sentence."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from doorleren.core.errors import ApplicationError
from doorleren.taxonomy.levels import CompetencyLevel

from .. import selectors
from ..choices import (
    HOURS_MAX,
    HOURS_MIN,
    TRAVEL_KM_MAX,
    TRAVEL_KM_MIN,
    CompetencySource,
    EducationLevel,
    Evidence,
    ResidentStatus,
)
from ..models import DESCRIPTION_MAX, TITLE_MAX
from ..texts import interpolate_lazy

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _messages(**extra) -> dict:
    base = {
        "required": _("Dit moet u invullen."),
        "null": _("Dit mag niet leeg zijn."),
        "blank": _("Dit mag niet leeg zijn."),
        "invalid": _("Dit klopt niet."),
        "not_a_list": _("Stuur een lijst."),
    }
    base.update(extra)
    return base


def _choice_messages(message) -> dict:
    return _messages(invalid_choice=message, required=message)


def _number_messages(minimum: int, maximum: int) -> dict:
    message = interpolate_lazy(
        _("Vul een getal in van %(min)s tot en met %(max)s."), {"min": minimum, "max": maximum}
    )
    return _messages(invalid=message, min_value=message, max_value=message, max_string_length=message)


def _text_messages(maximum: int) -> dict:
    return _messages(
        max_length=interpolate_lazy(_("Gebruik hoogstens %(max)s tekens."), {"max": maximum}),
        invalid=_("Stuur hier tekst."),
    )


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2019-09"})
class MonthField(serializers.Field):
    """A month as ``"YYYY-MM"``; stored as the first day of that month."""

    default_error_messages = {
        "invalid": _("Vul een maand in als jaar-maand, bijvoorbeeld 2019-09."),
        "required": _("Dit moet u invullen."),
        "null": _("Dit mag niet leeg zijn."),
    }

    def to_internal_value(self, data) -> datetime.date:
        match = MONTH.match(data) if isinstance(data, str) else None
        if not match:
            self.fail("invalid")
        year, month = int(match.group(1)), int(match.group(2))
        if not (1900 <= year <= 9999 and 1 <= month <= 12):
            self.fail("invalid")
        return datetime.date(year, month, 1)

    def to_representation(self, value: datetime.date) -> str:
        return value.strftime("%Y-%m")


class ProfileMunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ProfileOutputSerializer(serializers.Serializer):
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    municipality = ProfileMunicipalitySerializer(allow_null=True)
    education_level = serializers.CharField()
    birth_year = serializers.IntegerField(allow_null=True)
    hours_per_week = serializers.IntegerField(allow_null=True)
    max_travel_km = serializers.IntegerField(allow_null=True)
    preferred_sectors = serializers.SerializerMethodField(help_text=_("Codes van de sectoren."))
    looking_for_work = serializers.BooleanField()
    looking_for_learning = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_preferred_sectors(self, profile) -> list[str]:
        return [sector.code for sector in profile.preferred_sectors.all()]


class ProfileInputSerializer(serializers.Serializer):
    """Create (``status`` required) or change (PATCH: send only what changes) the own profile."""

    status = serializers.ChoiceField(
        choices=ResidentStatus.choices,
        error_messages=_choice_messages(_("Kies worker (werkende), job_seeker (werkzoekende) of student.")),
    )
    municipality = serializers.CharField(
        allow_null=True,
        max_length=100,
        required=False,
        help_text=_("CBS-code (GM0014) of naam van de gemeente; een oude code geeft de gemeente van nu."),
        error_messages=_text_messages(100),
    )
    education_level = serializers.ChoiceField(
        choices=EducationLevel.choices,
        allow_blank=True,
        required=False,
        error_messages=_choice_messages(_("Kies een opleiding uit de lijst.")),
    )
    birth_year = serializers.IntegerField(
        allow_null=True,
        required=False,
        min_value=1900,
        max_value=9999,
        error_messages=_messages(
            invalid=_("Vul een jaar in met 4 cijfers, bijvoorbeeld 1985."),
            min_value=_("Vul een geboortejaar in van 1900 of later."),
            max_value=_("Vul een jaar in met 4 cijfers, bijvoorbeeld 1985."),
            max_string_length=_("Vul een jaar in met 4 cijfers, bijvoorbeeld 1985."),
        ),
    )
    hours_per_week = serializers.IntegerField(
        allow_null=True,
        required=False,
        min_value=HOURS_MIN,
        max_value=HOURS_MAX,
        error_messages=_number_messages(HOURS_MIN, HOURS_MAX),
    )
    max_travel_km = serializers.IntegerField(
        allow_null=True,
        required=False,
        min_value=TRAVEL_KM_MIN,
        max_value=TRAVEL_KM_MAX,
        error_messages=_number_messages(TRAVEL_KM_MIN, TRAVEL_KM_MAX),
    )
    preferred_sectors = serializers.ListField(
        child=serializers.CharField(max_length=50, error_messages=_text_messages(50)),
        required=False,
        max_length=20,
        help_text=_("Codes van sectoren uit de competentiekaart, bijvoorbeeld zorg-welzijn."),
        error_messages=_messages(max_length=_("Kies hoogstens 20 sectoren.")),
    )
    looking_for_work = serializers.BooleanField(
        required=False, error_messages=_messages(invalid=_("Stuur true of false."))
    )
    looking_for_learning = serializers.BooleanField(
        required=False, error_messages=_messages(invalid=_("Stuur true of false."))
    )

    def validate_municipality(self, value):
        if value in (None, ""):
            return None
        try:
            return selectors.municipality_resolve(code_or_name=value)
        except ApplicationError as error:
            raise serializers.ValidationError(error.message) from error

    def validate_birth_year(self, value):
        this_year = timezone.localdate().year
        if value is not None and value > this_year:
            raise serializers.ValidationError(
                _("Vul een geboortejaar in tussen 1900 en %(year)s.") % {"year": this_year}
            )
        return value

    def validate_preferred_sectors(self, value):
        codes = list(dict.fromkeys(value))
        sectors = {sector.code: sector for sector in selectors.sector_choices().filter(code__in=codes)}
        unknown = [code for code in codes if code not in sectors]
        if unknown:
            raise serializers.ValidationError(
                _("Deze sector kennen wij niet: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return [sectors[code] for code in codes]


class ResidentCompetencyOutputSerializer(serializers.Serializer):
    code = serializers.CharField(source="competency.code")
    label = serializers.CharField(source="competency.label")
    level = serializers.IntegerField()
    level_label = serializers.CharField(source="get_level_display")
    source = serializers.CharField()
    source_label = serializers.CharField(source="get_source_display")
    evidence = serializers.CharField()
    evidence_label = serializers.CharField(source="get_evidence_display")
    obtained_on = serializers.DateField(allow_null=True)


class ResidentCompetencyInputSerializer(serializers.Serializer):
    code = serializers.CharField(
        max_length=80,
        help_text=_("Code van de competentie in de competentiekaart."),
        error_messages=_text_messages(80),
    )
    level = serializers.ChoiceField(
        choices=CompetencyLevel.choices,
        help_text=_("1 basis (met hulp), 2 zelfstandig bij gewone taken, 3 ook bij lastige taken, 4 expert."),
        error_messages=_choice_messages(_("Kies een niveau van 1 tot en met 4.")),
    )
    source = serializers.ChoiceField(
        choices=CompetencySource.choices,
        error_messages=_choice_messages(_("Kies waar u dit heeft geleerd: school, work of free_time.")),
    )
    evidence = serializers.ChoiceField(
        choices=Evidence.choices,
        error_messages=_choice_messages(
            _("Kies welk bewijs u heeft: diploma, certificate, employer_statement of self_assessed.")
        ),
    )
    obtained_on = serializers.DateField(
        allow_null=True,
        required=False,
        error_messages=_messages(invalid=_("Vul een datum in als jaar-maand-dag, bijvoorbeeld 2021-06-15.")),
    )

    def validate_code(self, value):
        competency = selectors.competency_by_code(value.strip())
        if competency is None:
            raise serializers.ValidationError(
                _("Deze competentie kennen wij niet: %(code)s.") % {"code": value[:80]}
            )
        return competency

    def validate_level(self, value):
        return int(value)


class WorkOccupationSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()


class WorkExperienceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    occupation = WorkOccupationSerializer(allow_null=True)
    job_title = serializers.CharField()
    employer_name = serializers.CharField()
    started_on = MonthField()
    ended_on = MonthField(allow_null=True)
    description = serializers.CharField()


class WorkExperienceInputSerializer(serializers.Serializer):
    occupation = serializers.CharField(
        allow_null=True,
        allow_blank=True,
        required=False,
        max_length=255,
        help_text=_("ESCO-URI van het beroep."),
        error_messages=_text_messages(255),
    )
    job_title = serializers.CharField(
        allow_blank=True, required=False, max_length=TITLE_MAX, error_messages=_text_messages(TITLE_MAX)
    )
    employer_name = serializers.CharField(
        allow_blank=True, required=False, max_length=TITLE_MAX, error_messages=_text_messages(TITLE_MAX)
    )
    started_on = MonthField(help_text=_("Maand waarin u begon: jaar-maand, bijvoorbeeld 2019-09."))
    ended_on = MonthField(allow_null=True, required=False, help_text=_("Leeg of null als u hier nog werkt."))
    description = serializers.CharField(
        allow_blank=True,
        required=False,
        max_length=DESCRIPTION_MAX,
        error_messages=_text_messages(DESCRIPTION_MAX),
    )

    def validate_occupation(self, value):
        if not value:
            return None
        occupation = selectors.occupation_by_uri(value.strip())
        if occupation is None:
            raise serializers.ValidationError(_("Dit beroep kennen wij niet."))
        return occupation


class EducationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    level = serializers.CharField()
    level_label = serializers.CharField(source="get_level_display")
    institution = serializers.CharField()
    completed = serializers.BooleanField()
    year = serializers.IntegerField(allow_null=True)


class EducationInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX, error_messages=_text_messages(TITLE_MAX))
    level = serializers.ChoiceField(
        choices=EducationLevel.choices,
        allow_blank=True,
        required=False,
        error_messages=_choice_messages(_("Kies een soort opleiding uit de lijst.")),
    )
    institution = serializers.CharField(
        allow_blank=True, required=False, max_length=TITLE_MAX, error_messages=_text_messages(TITLE_MAX)
    )
    completed = serializers.BooleanField(
        required=False, default=False, error_messages=_messages(invalid=_("Stuur true of false."))
    )
    year = serializers.IntegerField(
        allow_null=True,
        required=False,
        min_value=1900,
        max_value=9999,
        error_messages=_messages(
            invalid=_("Vul een jaar in met 4 cijfers, bijvoorbeeld 2019."),
            min_value=_("Vul een jaar in van 1900 of later."),
            max_value=_("Vul een jaar in met 4 cijfers, bijvoorbeeld 2019."),
            max_string_length=_("Vul een jaar in met 4 cijfers, bijvoorbeeld 2019."),
        ),
    )

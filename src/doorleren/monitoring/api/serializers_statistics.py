"""Inputs and outputs of the regional indicators API (docs/monitoring-statistics.md)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..services.statistics import FIRST_YEAR, LAST_YEAR


class StatLatestOutputSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=22, decimal_places=4, allow_null=True)
    source = serializers.CharField(help_text=_("cbs, csv, demo of plan; leeg als de bronnen verschillen."))
    is_demo = serializers.BooleanField(help_text=_("Een voorbeeldcijfer voor de demo, geen echte meting."))
    computed = serializers.BooleanField(help_text=_("Opgeteld of gewogen uit de gemeenten."))


class StatIndicatorOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    unit = serializers.CharField()
    is_main_goal = serializers.BooleanField()
    higher_is_better = serializers.BooleanField()
    decimals = serializers.IntegerField()
    aggregation = serializers.CharField()
    weight_indicator = serializers.CharField(allow_null=True)
    latest = StatLatestOutputSerializer(allow_null=True)


class StatValuesInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "invalid": _("Het jaar is een heel getal, zoals 2023."),
            "min_value": _("Kies een jaar vanaf 1990."),
            "max_value": _("Kies een jaar tot en met 2100."),
            "max_string_length": _("Het jaar is een heel getal, zoals 2023."),
        },
    )
    municipality = serializers.CharField(
        required=False,
        max_length=100,
        help_text=_(
            "CBS-code (GM0014) of naam van een gemeente; een oude gemeente geeft de gemeente van nu."
        ),
        error_messages={"max_length": _("Een gemeente is hoogstens 100 tekens.")},
    )


class StatValueOutputSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    municipality = serializers.CharField(allow_null=True, help_text=_("CBS-code; leeg voor de hele regio."))
    municipality_name = serializers.CharField(allow_null=True)
    value = serializers.DecimalField(
        max_digits=22,
        decimal_places=4,
        allow_null=True,
        help_text=_("Leeg als het aantal kleiner is dan 10."),
    )
    suppressed = serializers.BooleanField(help_text=_("Niet getoond: minder dan 10, of terug te rekenen."))
    source = serializers.CharField()
    source_detail = serializers.CharField()
    reported_codes = serializers.CharField(help_text=_("Omgerekend van deze oude gemeentecodes."))
    merged = serializers.BooleanField()


class StatImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=_("CSV-bestand (indicator;gemeente;jaar;waarde), UTF-8, hoogstens 2 MB."),
        error_messages={
            "required": _("Stuur een CSV-bestand mee in het veld 'file'."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Stuur een bestand mee in het veld 'file'."),
            "no_name": _("Stuur een bestand mee in het veld 'file'."),
        },
    )
    source_detail = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        error_messages={"max_length": _("De bron is hoogstens 200 tekens.")},
    )


class StatImportMappedOutputSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    gemeente = serializers.CharField()
    code = serializers.CharField()
    jaar = serializers.IntegerField()
    reported_codes = serializers.CharField()
    waarde = serializers.CharField()


class StatImportSkippedOutputSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    gemeente = serializers.CharField()
    jaar = serializers.IntegerField(allow_null=True)
    regel = serializers.CharField()
    reden = serializers.CharField()


class StatImportOutputSerializer(serializers.Serializer):
    source = serializers.CharField()
    source_detail = serializers.CharField()
    figures = serializers.IntegerField()
    stored = serializers.IntegerField()
    updated = serializers.IntegerField()
    mapped_from_old_codes = StatImportMappedOutputSerializer(many=True)
    skipped = StatImportSkippedOutputSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())

"""Serializers of the outcomes API (docs/monitoring-dashboard.md, "API")."""

from __future__ import annotations

from rest_framework import serializers


class OutcomesInputSerializer(serializers.Serializer):
    period = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="2026, 2026-K3 of alle; leeg: het laatste hele jaar.",
    )
    measure = serializers.IntegerField(
        required=False, min_value=1, help_text="Id van een maatregel; leeg: alle maatregelen samen."
    )
    municipality = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="CBS-code van een gemeente (GM0014); leeg: de regio.",
    )
    target_group = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="worker, job_seeker of student; leeg: iedereen.",
    )


class OutcomesByMunicipalityInputSerializer(serializers.Serializer):
    metric = serializers.CharField(
        required=False, allow_blank=True, max_length=40, help_text="Het cijfer; leeg: reached."
    )
    period = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="2026, 2026-K3 of alle; leeg: het laatste hele jaar.",
    )
    measure = serializers.IntegerField(required=False, min_value=1, help_text="Id van een maatregel.")
    target_group = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="worker, job_seeker of student; leeg: iedereen.",
    )


class FigureOutputSerializer(serializers.Serializer):
    metric = serializers.CharField()
    label = serializers.CharField()
    state = serializers.ChoiceField(
        choices=["shown", "small", "hidden", "none"],
        help_text="shown: de waarde is er; small: minder dan 10 personen; hidden: niet getoond (anders is een "
        "klein cijfer uit te rekenen); none: geen cijfer.",
    )
    value = serializers.FloatField(
        allow_null=True,
        help_text="Alleen bij shown. Geld in centen; een aandeel (work_rate_*) als fractie (0,25).",
    )


class OutcomesOutputSerializer(serializers.Serializer):
    period = serializers.CharField()
    period_label = serializers.CharField()
    measure = serializers.IntegerField(allow_null=True)
    municipality = serializers.CharField(allow_null=True)
    target_group = serializers.CharField()
    figures = FigureOutputSerializer(many=True)


class MunicipalityFigureOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    state = serializers.CharField()
    value = serializers.IntegerField(allow_null=True)


class TotalFigureOutputSerializer(serializers.Serializer):
    state = serializers.CharField()
    value = serializers.IntegerField(allow_null=True)


class OutcomesByMunicipalityOutputSerializer(serializers.Serializer):
    metric = serializers.CharField()
    label = serializers.CharField()
    period = serializers.CharField()
    period_label = serializers.CharField()
    measure = serializers.IntegerField(allow_null=True)
    target_group = serializers.CharField()
    municipalities = MunicipalityFigureOutputSerializer(many=True)
    total = TotalFigureOutputSerializer()

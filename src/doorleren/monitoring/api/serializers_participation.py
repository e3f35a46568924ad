"""Serializers of ``/api/v1/monitoring/work-starts/`` and ``participations/``."""

from __future__ import annotations

from rest_framework import serializers

from ..models import WorkKind


class WorkStartInputSerializer(serializers.Serializer):
    resident_id = serializers.IntegerField(
        min_value=1, required=False, help_text="De inwoner (user id). Leeg: uzelf (als inwoner)."
    )
    started_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=WorkKind.choices)


class WorkStartOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    started_on = serializers.DateField()
    kind = serializers.CharField()


class ParticipationInputSerializer(serializers.Serializer):
    resident_id = serializers.IntegerField(min_value=1)
    measure_id = serializers.IntegerField(min_value=1)
    started_on = serializers.DateField()
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ParticipationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    measure_id = serializers.IntegerField()
    started_on = serializers.DateField()
    status_at_start = serializers.CharField()

"""Read-only admin: administrators may look at the monitoring data. Changes go through
``monitoring.services`` (each with an audit line and, for measures, a version in the history), so
nothing here can add, change or delete. Other parts of the app add their admin classes below."""

from django.contrib import admin

from doorleren.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Activity,
    ActivityResult,
    Measure,
    MeasureJudgement,
    MeasureTarget,
    MeasureVersion,
)

# --- programme ------------------------------------------------------------------------------------


class MeasureTargetInline(ReadOnlyInline):
    model = MeasureTarget
    fields = ("indicator", "target_value", "target_year", "contribution")


class ActivityInline(ReadOnlyInline):
    model = Activity
    fields = ("name", "starts_on", "ends_on", "cost_cents")


class MeasureJudgementInline(ReadOnlyInline):
    model = MeasureJudgement
    fields = ("judged_on", "verdict", "reason", "judged_by")


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin):
    list_display = (
        "code",
        "name",
        "programme_line",
        "status",
        "budget_cents",
        "starts_on",
        "ends_on",
        "version",
    )
    list_filter = ("programme_line", "status")
    search_fields = ("code", "name")
    inlines = [MeasureTargetInline, ActivityInline, MeasureJudgementInline]


@admin.register(MeasureVersion)
class MeasureVersionAdmin(ReadOnlyAdmin):
    list_display = ("measure", "version", "changed_at", "changed_by", "reason")
    list_filter = ("measure",)


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ("name", "measure", "starts_on", "ends_on", "cost_cents")
    list_filter = ("measure",)


@admin.register(ActivityResult)
class ActivityResultAdmin(ReadOnlyAdmin):
    list_display = ("activity", "year", "value", "unit", "description")


@admin.register(MeasureJudgement)
class MeasureJudgementAdmin(ReadOnlyAdmin):
    list_display = ("measure", "judged_on", "verdict", "judged_by")
    list_filter = ("verdict",)


# --- regional indicators (docs/monitoring-statistics.md) -------------------------------------------

from .models import StatIndicator, StatValue  # noqa: E402


@admin.register(StatIndicator)
class StatIndicatorAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "unit", "is_main_goal", "aggregation", "weight_indicator", "cbs_table")
    list_filter = ("is_main_goal", "aggregation")
    search_fields = ("code", "name")


@admin.register(StatValue)
class StatValueAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "municipality", "year", "value", "source", "reported_codes", "imported_at")
    list_filter = ("source", "indicator", "year")
    search_fields = ("indicator__code", "municipality__name", "reported_codes")
    list_select_related = ("indicator", "municipality")

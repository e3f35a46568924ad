"""Read-only admin: administrators may look at the fund. Changes go through ``fund.services`` (each
with an audit line), so nothing here can add, change or delete."""

from django.contrib import admin

from doorleren.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    ApplicationTarget,
    CallCriterion,
    ConsortiumMember,
    FundApplication,
    FundCall,
    Indicator,
    ProgrammeLine,
    Review,
    SpendingReport,
)


@admin.register(ProgrammeLine)
class ProgrammeLineAdmin(ReadOnlyAdmin):
    list_display = ["number", "name", "code"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["name", "unit", "programme_line", "plan_indicator"]
    list_filter = ["programme_line"]


class CriterionInline(ReadOnlyInline):
    model = CallCriterion


@admin.register(FundCall)
class FundCallAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme_line", "ceiling_cents", "opens_on", "closes_on"]
    list_filter = ["programme_line"]
    search_fields = ["title"]
    inlines = [CriterionInline]


class MemberInline(ReadOnlyInline):
    model = ConsortiumMember


class TargetInline(ReadOnlyInline):
    model = ApplicationTarget


@admin.register(FundApplication)
class FundApplicationAdmin(ReadOnlyAdmin):
    list_display = ["title", "call", "lead_organisation", "state", "requested_cents", "granted_cents"]
    list_filter = ["state", "call"]
    search_fields = ["title"]
    inlines = [MemberInline, TargetInline]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["application", "reviewer", "created_at"]


@admin.register(SpendingReport)
class SpendingReportAdmin(ReadOnlyAdmin):
    list_display = ["application", "period_start", "period_end", "spent_cents"]

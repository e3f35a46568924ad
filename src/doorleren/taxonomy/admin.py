"""Admin for the taxonomy: look things up. ESCO comes from ``esco import``, the map from ``taxonomy load-map``."""

from django.contrib import admin

from doorleren.taxonomy import models


class ReadOnlyAdmin(admin.ModelAdmin):
    """Imported data: changes belong in the source files, not in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OccupationLabelInline(admin.TabularInline):
    model = models.OccupationLabel
    extra = 0


class SkillLabelInline(admin.TabularInline):
    model = models.SkillLabel
    extra = 0


@admin.register(models.Occupation)
class OccupationAdmin(ReadOnlyAdmin):
    list_display = ["label", "code", "isco_group", "status"]
    search_fields = ["label", "uri", "code"]
    list_filter = ["status"]
    inlines = [OccupationLabelInline]


@admin.register(models.Skill)
class SkillAdmin(ReadOnlyAdmin):
    list_display = ["label", "skill_type", "reuse_level", "status"]
    search_fields = ["label", "uri"]
    list_filter = ["skill_type", "reuse_level", "status"]
    inlines = [SkillLabelInline]


@admin.register(models.IscoGroup)
class IscoGroupAdmin(ReadOnlyAdmin):
    list_display = ["code", "label"]
    search_fields = ["code", "label"]


@admin.register(models.SkillGroup)
class SkillGroupAdmin(ReadOnlyAdmin):
    list_display = ["label", "code"]
    search_fields = ["label", "code", "uri"]


@admin.register(models.Sector)
class SectorAdmin(ReadOnlyAdmin):
    list_display = ["label", "code"]


class CompetencyDemandInline(admin.TabularInline):
    model = models.CompetencyDemand
    extra = 0


@admin.register(models.Competency)
class CompetencyAdmin(ReadOnlyAdmin):
    list_display = ["label", "code", "kind"]
    list_filter = ["kind", "sectors"]
    search_fields = ["label", "code"]
    inlines = [CompetencyDemandInline]


class RequirementInline(admin.TabularInline):
    model = models.RegionalOccupationCompetency
    extra = 0


@admin.register(models.RegionalOccupation)
class RegionalOccupationAdmin(ReadOnlyAdmin):
    list_display = ["label", "code", "sector"]
    list_filter = ["sector"]
    search_fields = ["label", "code"]
    inlines = [RequirementInline]

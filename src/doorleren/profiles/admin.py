"""Read-only admin: administrators may look, but every change goes through the services (the resident's own pages)."""

from django.contrib import admin

from .models import Education, ResidentCompetency, ResidentProfile, WorkExperience


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ResidentCompetencyInline(admin.TabularInline):
    model = ResidentCompetency
    extra = 0
    can_delete = False
    fields = ["competency", "level", "source", "evidence", "obtained_on"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ResidentProfile)
class ResidentProfileAdmin(ReadOnlyAdmin):
    list_display = [
        "user",
        "status",
        "municipality",
        "education_level",
        "looking_for_work",
        "looking_for_learning",
    ]
    list_filter = ["status", "education_level", "looking_for_work", "looking_for_learning"]
    search_fields = ["user__username", "user__last_name"]
    inlines = [ResidentCompetencyInline]


@admin.register(WorkExperience)
class WorkExperienceAdmin(ReadOnlyAdmin):
    list_display = ["job_title", "profile", "employer_name", "started_on", "ended_on"]


@admin.register(Education)
class EducationAdmin(ReadOnlyAdmin):
    list_display = ["title", "profile", "level", "completed", "year"]

"""Admin for support staff. Prerequisites are read-only here: only the services check for cycles."""

from django.contrib import admin

from doorleren.learning.models import (
    Certificate,
    Diploma,
    Module,
    ModuleCompetency,
    ModulePrerequisite,
    ModuleStart,
    PracticalLearningOffer,
    PracticalOfferCompetency,
)


class ModuleCompetencyInline(admin.TabularInline):
    model = ModuleCompetency
    extra = 0
    raw_id_fields = ["competency"]


class ModuleStartInline(admin.TabularInline):
    model = ModuleStart
    extra = 0


class ModulePrerequisiteInline(admin.TabularInline):
    model = ModulePrerequisite
    fk_name = "module"
    extra = 0
    can_delete = False
    readonly_fields = ["required"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "provider", "mode", "municipality", "price_cents", "status"]
    list_filter = ["status", "mode", "nlqf_level", "language"]
    search_fields = ["title", "code", "provider__name"]
    list_select_related = ["provider", "municipality"]
    raw_id_fields = ["provider", "municipality"]
    inlines = [ModuleCompetencyInline, ModuleStartInline, ModulePrerequisiteInline]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["title", "provider"]
    search_fields = ["title", "provider__name"]
    list_select_related = ["provider"]
    raw_id_fields = ["provider"]
    filter_horizontal = ["modules"]


@admin.register(Diploma)
class DiplomaAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "provider", "min_certificates"]
    list_filter = ["level"]
    search_fields = ["title", "provider__name"]
    list_select_related = ["provider"]
    raw_id_fields = ["provider"]
    filter_horizontal = ["certificates", "required_certificates"]


class PracticalOfferCompetencyInline(admin.TabularInline):
    model = PracticalOfferCompetency
    extra = 0
    raw_id_fields = ["competency"]


@admin.register(PracticalLearningOffer)
class PracticalLearningOfferAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "provider", "municipality", "capacity", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "provider__name"]
    list_select_related = ["provider", "municipality"]
    raw_id_fields = ["provider", "municipality"]
    inlines = [PracticalOfferCompetencyInline]

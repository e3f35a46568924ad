from django.contrib import admin

from doorleren.region.models import Municipality, MunicipalityMerger, MunicipalityMergerSource, Subregion


@admin.register(Subregion)
class SubregionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]
    ordering = ["position"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "subregion", "province", "is_current", "successor", "dissolved_on"]
    list_filter = ["is_current", "subregion", "province"]
    search_fields = ["name", "code", "main_town"]
    autocomplete_fields = ["successor"]


class MunicipalityMergerSourceInline(admin.TabularInline):
    model = MunicipalityMergerSource
    extra = 0
    autocomplete_fields = ["municipality"]


@admin.register(MunicipalityMerger)
class MunicipalityMergerAdmin(admin.ModelAdmin):
    list_display = ["result", "effective_on"]
    inlines = [MunicipalityMergerSourceInline]
    autocomplete_fields = ["result"]

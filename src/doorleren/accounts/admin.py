from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from doorleren.accounts import services_oidc
from doorleren.accounts.models import Consent, OidcIdentity, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "role", "is_active", "is_staff"]
    list_filter = ["role", "is_active", "is_staff", "is_superuser"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Rol in doorleren"), {"fields": ["role"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (_("Rol in doorleren"), {"fields": ["role", "email"]}),
    ]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """Read-only: consent is the resident's own decision and is changed only by them (or through
    a service on their request). The admin site shows the record for questions and audits; deleting
    follows Django's permissions so an account can be removed on request (consents go with it)."""

    list_display = ["resident", "organisation", "purpose", "granted_at", "revoked_at", "version"]
    list_filter = ["purpose", "revoked_at", "version"]
    search_fields = ["resident__username", "organisation__name"]
    readonly_fields = ["resident", "organisation", "purpose", "granted_at", "revoked_at", "version"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OidcIdentity)
class OidcIdentityAdmin(admin.ModelAdmin):
    """Which staff user is linked to which account at an OpenID Connect provider (docs/security-oidc.md).

    Read-only: links are made at the first login through the provider (by verified e-mail address).
    Deleting unlinks (audit ``accounts.oidc_unlink``); the next login links again by e-mail address.
    To link someone whose e-mail address differs, correct the user's e-mail address.
    """

    list_display = ["user", "issuer", "created_at", "last_login_at"]
    list_filter = ["issuer"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "issuer", "subject", "created_at", "last_login_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        services_oidc.oidc_identity_unlink(identity=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for identity in queryset.select_related("user"):
            services_oidc.oidc_identity_unlink(identity=identity, actor=request.user)

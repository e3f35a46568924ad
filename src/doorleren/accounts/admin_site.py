"""The admin site (/beheer/) with the optional second factor (docs/security-totp.md).

Why not ``django_otp.admin.OTPAdminSite``: it lets in only verified sessions, so every administrator
would need a device, and the second factor is optional. It would also be a second site next to
``admin.site``, where every app registers its models. Instead ``accounts/admin_apps.py`` (named in
INSTALLED_APPS) makes this subclass the default ``admin.site``, so all existing ``@admin.register``
calls keep working, and:

- ``has_permission``: an administrator who switched the second factor on needs a session that was
  verified with a code (``request.user.is_verified()``, set by django-otp's OTPMiddleware);
- ``login``: the admin's own login form (password only) is not used; it sends people to the site's
  login, which asks the code when the second factor is on;
- ``TOTPDeviceAdmin`` replaces django-otp's TOTP device admin (in ``admin_apps.AdminConfig.ready``):
  it never shows a secret or QR code. Administrators see who has the second factor on, and can
  delete a device when someone lost their phone (the admin log records it).
- ``StaticDeviceAdmin`` replaces django-otp's admin of backup codes the same way: it shows how many
  codes someone has left, never the codes.
"""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _


class DoorlerenAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        if not super().has_permission(request):
            return False
        is_verified = getattr(request.user, "is_verified", None)
        if callable(is_verified) and is_verified():
            return True
        from doorleren.accounts import selectors

        return not selectors.otp_enabled(user=request.user)

    def login(self, request, extra_context=None):
        index = reverse("admin:index", current_app=self.name)
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = index
        if request.method == "GET" and self.has_permission(request):
            return redirect(next_url)
        return redirect_to_login(next_url, login_url=reverse("login"))


class TOTPDeviceAdmin(admin.ModelAdmin):
    """Who has the second factor on. No secrets, no QR codes; delete only (a lost phone)."""

    list_display = ["user", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StaticDeviceAdmin(admin.ModelAdmin):
    """Backup codes (*reservecodes*): who has them and how many are left. Never the codes; delete only."""

    list_display = ["user", "codes_left", "created_at", "last_used_at"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "codes_left", "created_at", "last_used_at"]
    readonly_fields = fields

    @admin.display(description=_("reservecodes over"))
    def codes_left(self, obj) -> int:
        return obj.token_set.count()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

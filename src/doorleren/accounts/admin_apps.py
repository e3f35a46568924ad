"""``django.contrib.admin`` with doorleren's admin site (``accounts/admin_site.py``, docs/security-totp.md).

Named in INSTALLED_APPS instead of ``django.contrib.admin``. This module is imported before the apps are
ready, so it imports nothing that needs models.
"""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """``django.contrib.admin`` with ``DoorlerenAdminSite`` as ``admin.site``."""

    default_site = "doorleren.accounts.admin_site.DoorlerenAdminSite"

    def ready(self):
        super().ready()  # autodiscover: every app's admin.py, django-otp's included
        from django.contrib import admin
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from doorleren.accounts.admin_site import StaticDeviceAdmin, TOTPDeviceAdmin

        for model, model_admin in ((TOTPDevice, TOTPDeviceAdmin), (StaticDevice, StaticDeviceAdmin)):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
            admin.site.register(model, model_admin)

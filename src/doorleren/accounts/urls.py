"""Account pages. The names are not namespaced: ``login``, ``logout`` and ``password_reset*`` are what
Django's auth views and settings.LOGIN_URL expect; our own pages are prefixed ``account_``."""

from django.contrib.auth import views as auth_views
from django.urls import path

from doorleren.accounts import views, views_oidc
from doorleren.accounts.forms import NewPasswordForm, PasswordResetRequestForm

urlpatterns = [
    # Step 1: username and password; with the second factor on, step 2 asks the code (docs/security-totp.md).
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/code/", views.login_otp, name="login_otp"),
    # Staff: login through the organisation's OpenID Connect provider (docs/security-oidc.md); 404 while
    # it is not configured. The callback address is what the provider must know as redirect URI.
    path("inloggen/organisatie/", views_oidc.login_oidc, name="login_oidc"),
    path("inloggen/organisatie/terug/", views_oidc.login_oidc_callback, name="login_oidc_callback"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            form_class=PasswordResetRequestForm,
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html", form_class=NewPasswordForm
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("toestemming/", views.consent, name="account_consent"),
    path("toestemming/intrekken/", views.consent_revoke, name="account_consent_revoke"),
    path("tweede-stap/", views.otp, name="account_otp"),
    path("tweede-stap/uitzetten/", views.otp_remove, name="account_otp_remove"),
    path("tweede-stap/reservecodes/", views.otp_backup_codes, name="account_otp_backup_codes"),
]

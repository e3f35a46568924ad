from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET


@require_GET
def home(request):
    return render(request, "web/home.html")


@login_required
@require_GET
def start(request):
    """The start page of the logged-in user, one per role."""
    return render(request, f"web/start/{request.user.role}.html")


@require_GET
def about(request):
    return render(request, "web/about.html")


@require_GET
def privacy(request):
    return render(request, "web/privacy.html")


@require_GET
def accessibility(request):
    return render(request, "web/accessibility.html")


def _error(request, status: int, title: str, text: str):
    return render(request, "web/error.html", {"title": title, "text": text, "status": status}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("Dit verzoek klopt niet"), _("Wij konden uw verzoek niet lezen. Ga terug en probeer het opnieuw."))


def permission_denied(request, exception=None):
    return _error(request, 403, _("Geen toegang"), _("U mag deze pagina niet zien. Log in met een ander account of ga terug."))


def page_not_found(request, exception=None):
    return _error(request, 404, _("Pagina niet gevonden"), _("Deze pagina bestaat niet (meer). Kijk of het adres goed is."))


def server_error(request):
    return _error(request, 500, _("Er ging iets mis"), _("Er ging bij ons iets mis. Probeer het later opnieuw."))

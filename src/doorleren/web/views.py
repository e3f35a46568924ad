"""Pages of the web layer: home, start page per role, about, privacy, accessibility, error pages."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doorleren.taxonomy.levels import CompetencyLevel
from doorleren.web import start_pages


def _contact_email() -> str:
    """Where people send questions and accessibility problems (setting ``DOORLEREN_CONTACT_EMAIL``)."""
    return getattr(settings, "DOORLEREN_CONTACT_EMAIL", "")


@require_GET
def home(request):
    return render(request, "web/home.html")


@login_required
@require_GET
def start(request):
    """The start page of the logged-in user: one page per role, each with its own data."""
    page = start_pages.for_role(request.user.role)
    if page is None:
        return permission_denied(request)
    return render(request, page.template, page.context(request.user))


@require_GET
def about(request):
    return render(request, "web/about.html", {"levels": CompetencyLevel.choices})


@require_GET
def privacy(request):
    return render(request, "web/privacy.html", {"contact_email": _contact_email()})


@require_GET
def accessibility(request):
    return render(request, "web/accessibility.html", {"contact_email": _contact_email()})


API_PREFIX = "/api/"


def _error(request, status: int, title: str, text: str, *, code: str, detail: str):
    """An error page; under /api/ the API's JSON ``{"code", "detail"}`` instead."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"code": code, "detail": detail}, status=status)
    return render(request, "web/error.html", {"title": title, "text": text, "status": status}, status=status)


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        _("Dit verzoek klopt niet"),
        _("Wij konden uw verzoek niet lezen. Ga terug en probeer het opnieuw."),
        code="bad_request",
        detail=_("Wij konden dit verzoek niet verwerken. Kijk of het adres en de gegevens kloppen."),
    )


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("Geen toegang"),
        _("U mag deze pagina niet zien. Log in met een ander account of ga terug."),
        code="permission_denied",
        detail=_("U mag dit niet zien of doen."),
    )


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Pagina niet gevonden"),
        _("Deze pagina bestaat niet (meer). Kijk of het adres goed is."),
        code="not_found",
        detail=_("Dit bestaat niet (meer)."),
    )


def server_error(request):
    """Rendered without the request's context processors: the database may be what broke."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"code": "server_error", "detail": _("Er ging bij ons iets mis. Probeer het later opnieuw.")},
            status=500,
        )
    context = {
        "title": _("Er ging iets mis"),
        "text": _("Er ging bij ons iets mis. Probeer het later opnieuw."),
        "status": 500,
    }
    return HttpResponseServerError(loader.render_to_string("web/error.html", context))

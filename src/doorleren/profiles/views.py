"""Pages of the resident's own profile ("Wat kan ik?") and the read-only view for others with consent.

Every page needs a login. Only a resident has a profile and changes it; everyone else sees a
resident's profile only through ``selectors.profile_for_viewer`` (consent), else 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from doorleren.accounts.selectors import is_resident
from doorleren.core.errors import ApplicationError
from doorleren.privacy import services as privacy_services
from doorleren.taxonomy.levels import CompetencyLevel

from . import cv, selectors, services
from .choices import CompetencySource
from .forms import (
    CompetencyAddForm,
    CompetencyDetailsForm,
    CVUploadForm,
    EducationForm,
    PreferencesForm,
    SearchForm,
    WorkExperienceForm,
)
from .models import ResidentProfile

SUGGESTIONS_TOP = 10


def _require_resident(request) -> None:
    if not is_resident(user=request.user):
        raise PermissionDenied(_("Alleen inwoners hebben een profiel."))


def _own_profile(request) -> ResidentProfile | None:
    _require_resident(request)
    return selectors.profile_for_user(user=request.user)


def _no_profile_yet(request):
    messages.info(request, _("Vertel eerst iets over uzelf. Daarna kunt u dit invullen."))
    return redirect("profiles:preferences")


def _profile_context(profile: ResidentProfile) -> dict:
    return {
        "profile": profile,
        "groups": selectors.competencies_by_sector(profile=profile),
        "work_experiences": selectors.work_experiences(profile=profile),
        "educations": selectors.educations(profile=profile),
        "levels": CompetencyLevel.choices,
    }


@login_required
@require_GET
def overview(request):
    """Wat kan ik? The resident's own competencies, work, education and preferences."""
    profile = _own_profile(request)
    if profile is None:
        return render(request, "profiles/start.html")
    context = _profile_context(profile)
    context["editable"] = True
    return render(request, "profiles/overview.html", context)


@login_required
@require_GET
def resident_detail(request, user_id: int):
    """A resident's profile, read only, for someone the resident gave consent to."""
    resident = selectors.resident_user_get(user_id=user_id)
    if resident is None:  # the same answer as "not allowed": ids do not reveal who has an account
        raise PermissionDenied
    if resident == request.user:
        return redirect("profiles:overview")
    profile = selectors.profile_for_viewer(viewer=request.user, resident=resident)
    if profile is None:
        raise Http404
    privacy_services.profile_view_record(
        viewer=request.user, resident=resident, purpose="view_profile", what="profile"
    )
    context = _profile_context(profile)
    context["editable"] = False
    return render(request, "profiles/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """Situation and wishes. The first time, saving this creates the profile."""
    profile = _own_profile(request)
    form_kwargs = {"municipalities": selectors.municipality_choices(), "sectors": selectors.sector_choices()}
    if request.method == "POST":
        form = PreferencesForm(request.POST, **form_kwargs)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if profile is None:
                    services.profile_create(user=request.user, **data)
                else:
                    services.profile_update_preferences(profile=profile, **data)
            except ApplicationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Uw gegevens zijn opgeslagen."))
                return redirect("profiles:overview")
    elif profile is not None:
        form = PreferencesForm(
            initial={
                "status": profile.status,
                "municipality": profile.municipality,
                "education_level": profile.education_level,
                "birth_year": profile.birth_year,
                "hours_per_week": profile.hours_per_week,
                "max_travel_km": profile.max_travel_km,
                "preferred_sectors": list(profile.preferred_sectors.all()),
                "looking_for_work": profile.looking_for_work,
                "looking_for_learning": profile.looking_for_learning,
            },
            **form_kwargs,
        )
    else:
        form = PreferencesForm(**form_kwargs)
    return render(request, "profiles/preferences.html", {"form": form, "profile": profile})


def _search_query(source) -> str:
    return SearchForm(source).query()


@login_required
@require_http_methods(["GET", "POST"])
def competency_add(request):
    """Type a word, pick a competency from the suggestions, say how well and how you know. Works without JS."""
    profile = _own_profile(request)
    if profile is None:
        return _no_profile_yet(request)
    if request.method == "POST":
        query = _search_query(request.POST)
        form = CompetencyAddForm(request.POST, competency_get=selectors.competency_by_code)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.resident_competency_add(
                    profile=profile,
                    competency=data["competency"],
                    level=data["level"],
                    source=data["source"],
                    evidence=data["evidence"],
                    obtained_on=data["obtained_on"],
                )
            except ApplicationError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request, _("%(label)s staat nu in uw profiel.") % {"label": data["competency"].label}
                )
                return redirect(reverse("profiles:overview") + "#competenties")
        chosen = request.POST.get("competency", "")
    else:
        query = _search_query(request.GET)
        chosen = request.GET.get("competency", "")
        form = CompetencyAddForm(initial={"competency": chosen}, competency_get=selectors.competency_by_code)
    return render(
        request,
        "profiles/competency_add.html",
        {
            "form": form,
            "search_form": SearchForm(initial={"q": query}),
            "query": query,
            "results": _competency_results(query, chosen),
            "chosen": chosen,
            "owned": set(selectors.competency_levels_for_resident(resident=profile)),
        },
    )


def _competency_results(query: str, chosen: str) -> list:
    """Suggestions for the query; a competency chosen earlier stays in the list."""
    results = selectors.competency_suggestions(query=query, top=SUGGESTIONS_TOP) if query else []
    if chosen and all(c.code != chosen for c in results):
        picked = selectors.competency_by_code(chosen)
        if picked is not None:
            results = [picked, *results]
    return results


@login_required
@require_GET
def competency_suggestions(request):
    """htmx fragment: the radio list of competencies for what the resident typed."""
    _require_resident(request)
    query = _search_query(request.GET)
    chosen = request.GET.get("competency", "")
    return render(
        request,
        "profiles/includes/competency_results.html",
        {
            "results": _competency_results(query, chosen),
            "query": query,
            "chosen": chosen,
            "owned": set(selectors.competency_levels_for_resident(resident=request.user)),
        },
    )


def _decide_on_suggestion(request, profile: ResidentProfile, action: str) -> None:
    """Confirm or reject one suggestion from the POST data; feedback goes into ``messages``."""
    competency = selectors.competency_by_code(request.POST.get("code", ""))
    if competency is None:
        raise ApplicationError(_("Deze competentie bestaat niet (meer). Zoek opnieuw."), code="not_found")
    words = request.POST.getlist("words")[:50]
    if action == "reject":
        services.competency_suggestion_reject(profile=profile, competency=competency, words=words)
        messages.info(request, _("Wij stellen %(label)s niet meer voor.") % {"label": competency.label})
        return
    try:
        level = int(request.POST.get("level", ""))
    except ValueError:
        level = 0
    services.competency_suggestion_confirm(
        profile=profile,
        competency=competency,
        level=level,
        source=request.POST.get("source", ""),
        words=words,
    )
    messages.success(request, _("%(label)s staat nu in uw profiel.") % {"label": competency.label})


@csrf_exempt  # checked by csrf_protect on _competency_from_text, after the upload handler is set
@login_required
@require_http_methods(["GET", "POST"])
def competency_from_text(request):
    """ "Vertel wat u kunt": the resident writes in their own words, or chooses their CV; the platform
    suggests competencies and the resident says per suggestion whether it is right. Neither the text
    nor the CV is stored: the text travels in the form, so every step works without JavaScript.

    A CV is read only in memory and at most 2 MB (``profiles.cv``). Upload handlers can only change
    before the body is read, so before the CSRF check reads ``request.POST`` (Django's documented
    pattern: ``csrf_exempt`` outside, ``csrf_protect`` inside)."""
    cv_handler = cv.CVUploadHandler(request)
    request.upload_handlers = [cv_handler]
    return _competency_from_text(request, cv_handler)


def _text_with_cv(text: str, form: CVUploadForm, handler: cv.CVUploadHandler) -> tuple[str, bool]:
    """The typed text, followed by the text of the chosen CV if there is one (cut to the maximum).
    True as the second value when a CV was read. ``ApplicationError`` for a CV we do not accept."""
    if handler.too_big:
        raise cv.cv_too_big_error()
    if not form.is_valid():
        message = next(iter(form.errors.get("cv", [])), _("Kies een pdf of een tekstbestand."))
        raise ApplicationError(message, code="cv_invalid", extra={"field": "cv"})
    upload = form.cleaned_data.get("cv")
    if upload is None:
        return text, False
    if upload.size > cv.CV_MAX_BYTES:
        raise cv.cv_too_big_error()
    found = cv.cv_text(content=upload.read(), max_chars=selectors.TEXT_MAX_CHARS)
    combined = f"{text.strip()}\n\n{found}" if text.strip() else found
    return combined[: selectors.TEXT_MAX_CHARS], True


@csrf_protect
def _competency_from_text(request, cv_handler: cv.CVUploadHandler):
    profile = _own_profile(request)
    if profile is None:
        return _no_profile_yet(request)
    text, suggestions, error, error_field, status = "", None, "", "text", 200
    cv_form = CVUploadForm()
    if request.method == "POST":
        text = request.POST.get("text", "")
        action = request.POST.get("action", "extract")
        cv_form = CVUploadForm(request.POST, request.FILES)
        try:
            if action in ("confirm", "reject"):
                _decide_on_suggestion(request, profile, action)
            else:
                text, from_cv = _text_with_cv(text, cv_form, cv_handler)
                if from_cv:
                    messages.info(
                        request, _("De tekst uit uw cv staat nu in het tekstvak. Kijk of het klopt.")
                    )
            suggestions = selectors.text_competency_suggestions(profile=profile, text=text)
        except ApplicationError as problem:
            error, status = problem.message, problem.status
            if problem.extra.get("field") == "cv":
                error_field = "cv"
                if problem.message not in cv_form.errors.get("cv", []):
                    cv_form.add_error("cv", problem.message)
    return render(
        request,
        "profiles/competency_from_text.html",
        {
            "text": text,
            "max_chars": selectors.TEXT_MAX_CHARS,
            "suggestions": suggestions,
            "error": error,
            "error_field": error_field,
            "cv_form": cv_form,
            "levels": CompetencyLevel.choices,
            "sources": CompetencySource.choices,
        },
        status=status,
    )


def _own_competency(request, code: str):
    profile = _own_profile(request)
    if profile is None:
        raise Http404
    resident_competency = selectors.resident_competency_for_code(profile=profile, code=code)
    if resident_competency is None:
        raise Http404
    return profile, resident_competency


@login_required
@require_http_methods(["GET", "POST"])
def competency_edit(request, code: str):
    profile, resident_competency = _own_competency(request, code)
    if request.method == "POST":
        form = CompetencyDetailsForm(request.POST)
        if form.is_valid():
            try:
                services.resident_competency_add(
                    profile=profile, competency=resident_competency.competency, **form.cleaned_data
                )
            except ApplicationError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request, _("%(label)s is aangepast.") % {"label": resident_competency.competency.label}
                )
                return redirect(reverse("profiles:overview") + "#competenties")
    else:
        form = CompetencyDetailsForm(
            initial={
                "level": resident_competency.level,
                "source": resident_competency.source,
                "evidence": resident_competency.evidence,
                "obtained_on": resident_competency.obtained_on,
            }
        )
    return render(
        request, "profiles/competency_edit.html", {"form": form, "resident_competency": resident_competency}
    )


@login_required
@require_http_methods(["GET", "POST"])
def competency_remove(request, code: str):
    profile, resident_competency = _own_competency(request, code)
    label = resident_competency.competency.label
    if request.method == "POST":
        services.resident_competency_remove(profile=profile, competency=resident_competency.competency)
        messages.success(request, _("%(label)s staat niet meer in uw profiel.") % {"label": label})
        return redirect(reverse("profiles:overview") + "#competenties")
    return render(
        request,
        "profiles/confirm_remove.html",
        {
            "title": _("Competentie weghalen"),
            "question": _("Wilt u %(label)s uit uw profiel halen?") % {"label": label},
            "back_url": reverse("profiles:overview") + "#competenties",
        },
    )


def _occupation_results(query: str, chosen: str) -> list:
    results = selectors.occupation_suggestions(query=query, top=SUGGESTIONS_TOP) if query else []
    if chosen and all(o.uri != chosen for o in results):
        picked = selectors.occupation_by_uri(chosen)
        if picked is not None:
            results = [picked, *results]
    return results


@login_required
@require_http_methods(["GET", "POST"])
def work_add(request):
    """Add a job: type a word to find the occupation (optional), then title, employer and dates."""
    profile = _own_profile(request)
    if profile is None:
        return _no_profile_yet(request)
    if request.method == "POST":
        query = _search_query(request.POST)
        chosen = request.POST.get("occupation", "")
        form = WorkExperienceForm(request.POST, occupation_get=selectors.occupation_by_uri)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.work_experience_add(
                    profile=profile,
                    occupation=data["occupation"],
                    job_title=data["job_title"],
                    employer_name=data["employer_name"],
                    started_on=data["started_on"],
                    ended_on=data["ended_on"],
                    description=data["description"],
                )
            except ApplicationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Uw werkervaring is opgeslagen."))
                return redirect(reverse("profiles:overview") + "#werk")
    else:
        query = _search_query(request.GET)
        chosen = request.GET.get("occupation", "")
        form = WorkExperienceForm(initial={"occupation": chosen}, occupation_get=selectors.occupation_by_uri)
    return render(
        request,
        "profiles/work_add.html",
        {
            "form": form,
            "search_form": SearchForm(initial={"q": query}),
            "query": query,
            "results": _occupation_results(query, chosen),
            "chosen": chosen,
        },
    )


@login_required
@require_GET
def occupation_suggestions(request):
    """htmx fragment: the radio list of occupations for what the resident typed."""
    _require_resident(request)
    query = _search_query(request.GET)
    chosen = request.GET.get("occupation", "")
    return render(
        request,
        "profiles/includes/occupation_results.html",
        {"results": _occupation_results(query, chosen), "query": query, "chosen": chosen},
    )


@login_required
@require_http_methods(["GET", "POST"])
def work_remove(request, pk: int):
    profile = _own_profile(request)
    experience = selectors.work_experiences(profile=profile).filter(pk=pk).first() if profile else None
    if experience is None:
        raise Http404
    if request.method == "POST":
        services.work_experience_remove(profile=profile, work_experience_id=experience.pk)
        messages.success(
            request, _("%(title)s staat niet meer in uw profiel.") % {"title": experience.job_title}
        )
        return redirect(reverse("profiles:overview") + "#werk")
    return render(
        request,
        "profiles/confirm_remove.html",
        {
            "title": _("Werkervaring weghalen"),
            "question": _("Wilt u %(title)s uit uw profiel halen?") % {"title": experience.job_title},
            "back_url": reverse("profiles:overview") + "#werk",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def education_add(request):
    profile = _own_profile(request)
    if profile is None:
        return _no_profile_yet(request)
    if request.method == "POST":
        form = EducationForm(request.POST)
        if form.is_valid():
            try:
                services.education_add(profile=profile, **form.cleaned_data)
            except ApplicationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Uw opleiding is opgeslagen."))
                return redirect(reverse("profiles:overview") + "#opleidingen")
    else:
        form = EducationForm()
    return render(request, "profiles/education_add.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def education_remove(request, pk: int):
    profile = _own_profile(request)
    education = selectors.educations(profile=profile).filter(pk=pk).first() if profile else None
    if education is None:
        raise Http404
    if request.method == "POST":
        services.education_remove(profile=profile, education_id=education.pk)
        messages.success(request, _("%(title)s staat niet meer in uw profiel.") % {"title": education.title})
        return redirect(reverse("profiles:overview") + "#opleidingen")
    return render(
        request,
        "profiles/confirm_remove.html",
        {
            "title": _("Opleiding weghalen"),
            "question": _("Wilt u %(title)s uit uw profiel halen?") % {"title": education.title},
            "back_url": reverse("profiles:overview") + "#opleidingen",
        },
    )

"""Write a resident's own profile. Every change to profiles goes through these functions.

The caller (page or API) has already checked that the profile belongs to the logged-in resident;
the ``*_remove`` functions still look the object up *within* the given profile, so an id of
someone else's object is "not found" and never touches their data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.accounts.selectors import is_resident
from doorleren.core.errors import ApplicationError
from doorleren.taxonomy.levels import CompetencyLevel

from .choices import (
    HOURS_MAX,
    HOURS_MIN,
    TRAVEL_KM_MAX,
    TRAVEL_KM_MIN,
    CompetencySource,
    EducationLevel,
    Evidence,
    ResidentStatus,
    SuggestionDecision,
)
from .models import (
    DESCRIPTION_MAX,
    SUGGESTION_WORDS_MAX,
    TITLE_MAX,
    CompetencySuggestion,
    Education,
    ResidentCompetency,
    ResidentProfile,
    StatusChange,
    WorkExperience,
)

# Fields of ResidentProfile that profile_create and profile_update_preferences may set.
PROFILE_FIELDS = (
    "status",
    "municipality",
    "education_level",
    "birth_year",
    "hours_per_week",
    "max_travel_km",
    "looking_for_work",
    "looking_for_learning",
)


def _invalid(message: str, *, code: str = "invalid", field: str | None = None) -> ApplicationError:
    return ApplicationError(message, code=code, extra={"field": field} if field else None)


def _not_found(message: str) -> ApplicationError:
    return ApplicationError(message, code="not_found", status=404)


def _full_clean(instance, *, exclude: Iterable[str] = ()) -> None:
    """Run the model's own checks and turn the first error into one Dutch sentence."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise _invalid(str(messages[0]), field=None if field == "__all__" else field) from exc


def _check_birth_year(value: int | None) -> None:
    this_year = timezone.localdate().year
    if value is not None and not 1900 <= value <= this_year:
        raise _invalid(
            _("Vul een geboortejaar in tussen 1900 en %(year)s.") % {"year": this_year}, field="birth_year"
        )


def _check_municipality(municipality) -> None:
    if municipality is not None and not municipality.is_current:
        raise _invalid(
            _("De gemeente %(name)s bestaat niet meer. Kies de gemeente waar uw woonplaats nu bij hoort.")
            % {"name": municipality.name},
            field="municipality",
        )


def _check_profile_values(values: dict[str, Any]) -> None:
    """Plain-language checks for the fields people fill in; the model checks the rest."""
    if "status" in values and values["status"] not in ResidentStatus.values:
        raise _invalid(_("Kies of u werkt, werk zoekt of student bent."), field="status")
    if values.get("education_level") and values["education_level"] not in EducationLevel.values:
        raise _invalid(_("Kies een opleiding uit de lijst."), field="education_level")
    hours = values.get("hours_per_week")
    if hours is not None and not HOURS_MIN <= hours <= HOURS_MAX:
        raise _invalid(
            _("Vul een aantal uren in van %(min)s tot en met %(max)s.")
            % {"min": HOURS_MIN, "max": HOURS_MAX},
            field="hours_per_week",
        )
    km = values.get("max_travel_km")
    if km is not None and not TRAVEL_KM_MIN <= km <= TRAVEL_KM_MAX:
        raise _invalid(
            _("Vul een afstand in van %(min)s tot en met %(max)s kilometer.")
            % {"min": TRAVEL_KM_MIN, "max": TRAVEL_KM_MAX},
            field="max_travel_km",
        )
    if "birth_year" in values:
        _check_birth_year(values["birth_year"])
    if "municipality" in values:
        _check_municipality(values["municipality"])


def _set_sectors(profile: ResidentProfile, sectors) -> None:
    profile.preferred_sectors.set(list(sectors))


@transaction.atomic
def profile_create(
    *,
    user,
    status: str,
    municipality=None,
    education_level: str = "",
    birth_year: int | None = None,
    hours_per_week: int | None = None,
    max_travel_km: int | None = None,
    preferred_sectors: Iterable = (),
    looking_for_work: bool = False,
    looking_for_learning: bool = False,
) -> ResidentProfile:
    """Create the profile of a resident. A user has at most one profile; only residents have one."""
    if not is_resident(user=user):
        raise ApplicationError(_("Alleen inwoners hebben een profiel."), code="not_a_resident", status=403)
    if ResidentProfile.objects.filter(user=user).exists():
        raise ApplicationError(_("U heeft al een profiel."), code="profile_exists", status=409)
    _check_profile_values(
        {
            "status": status,
            "municipality": municipality,
            "education_level": education_level,
            "birth_year": birth_year,
            "hours_per_week": hours_per_week,
            "max_travel_km": max_travel_km,
        }
    )
    profile = ResidentProfile(
        user=user,
        status=status,
        municipality=municipality,
        education_level=education_level,
        birth_year=birth_year,
        hours_per_week=hours_per_week,
        max_travel_km=max_travel_km,
        looking_for_work=looking_for_work,
        looking_for_learning=looking_for_learning,
    )
    _full_clean(profile, exclude=["user"])
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as exc:  # two requests at once
        raise ApplicationError(_("U heeft al een profiel."), code="profile_exists", status=409) from exc
    StatusChange.objects.create(profile=profile, status=status, changed_on=timezone.localdate())
    _set_sectors(profile, preferred_sectors)
    return profile


@transaction.atomic
def profile_update_preferences(*, profile: ResidentProfile, **changes: Any) -> ResidentProfile:
    """Change the situation and preferences of a profile. Only the given fields change.

    Allowed keys: ``status``, ``municipality``, ``education_level``, ``birth_year``,
    ``hours_per_week`` (1-40), ``max_travel_km`` (1-200), ``preferred_sectors`` (``taxonomy.Sector``
    objects), ``looking_for_work``, ``looking_for_learning``.
    """
    unknown = set(changes) - {*PROFILE_FIELDS, "preferred_sectors"}
    if unknown:
        raise TypeError(f"profile_update_preferences() got unknown fields: {sorted(unknown)}")
    sectors = changes.pop("preferred_sectors", None)
    _check_profile_values(changes)
    status_before = profile.status
    for field, value in changes.items():
        setattr(profile, field, value)
    _full_clean(profile, exclude=["user"])
    profile.save()
    if profile.status != status_before:
        StatusChange.objects.create(profile=profile, status=profile.status, changed_on=timezone.localdate())
    if sectors is not None:
        _set_sectors(profile, sectors)
    return profile


def _check_level(level: int) -> None:
    if level not in CompetencyLevel.values:
        raise _invalid(_("Kies een niveau van 1 tot en met 4."), code="invalid_level", field="level")


def _check_choice(value: str, choices: type, message: str, field: str) -> None:
    if value not in choices.values:
        raise _invalid(message, field=field)


def _check_not_future(value: datetime.date | None, field: str) -> None:
    if value is not None and value > timezone.localdate():
        raise _invalid(
            _("Deze datum ligt in de toekomst. Kies een datum van vandaag of eerder."), field=field
        )


@transaction.atomic
def resident_competency_add(
    *,
    profile: ResidentProfile,
    competency,
    level: int,
    source: str,
    evidence: str,
    obtained_on: datetime.date | None = None,
) -> ResidentCompetency:
    """Add a competency to the profile, or change level, source and evidence if it is already there."""
    _check_level(level)
    _check_choice(source, CompetencySource, _("Kies waar u dit heeft geleerd."), "source")
    _check_choice(evidence, Evidence, _("Kies welk bewijs u heeft."), "evidence")
    _check_not_future(obtained_on, "obtained_on")
    resident_competency, _created = ResidentCompetency.objects.update_or_create(
        profile=profile,
        competency=competency,
        defaults={"level": level, "source": source, "evidence": evidence, "obtained_on": obtained_on},
    )
    return resident_competency


@transaction.atomic
def resident_competency_remove(*, profile: ResidentProfile, competency) -> None:
    """Remove a competency from the profile. Not on the profile: ``not_found`` (404)."""
    deleted, _rows = ResidentCompetency.objects.filter(profile=profile, competency=competency).delete()
    if not deleted:
        raise _not_found(_("Deze competentie staat niet in uw profiel."))


def _check_length(value: str | None, maximum: int, what: str, field: str) -> None:
    if value and len(value.strip()) > maximum:
        raise _invalid(
            _("%(what)s mag niet langer zijn dan %(max)s tekens.") % {"what": what, "max": maximum},
            field=field,
        )


def _month_start(value: datetime.date) -> datetime.date:
    return value.replace(day=1)


@transaction.atomic
def _refuse_bsn(**texts: str | None) -> None:
    """No citizen service number (BSN) in free text the platform keeps (docs/security-privacy.md)."""
    from doorleren.privacy import services as privacy_services  # privacy reads profiles: import here

    for field, text in texts.items():
        privacy_services.text_refuse_bsn(text=text or "", field=field)


def work_experience_add(
    *,
    profile: ResidentProfile,
    started_on: datetime.date,
    job_title: str = "",
    occupation=None,
    employer_name: str = "",
    ended_on: datetime.date | None = None,
    description: str = "",
) -> WorkExperience:
    """Add a job. Without a job title the Dutch name of the ESCO occupation is used."""
    job_title = (job_title or "").strip() or (occupation.label if occupation is not None else "")
    if not job_title:
        raise _invalid(_("Vul uw functie in of kies een beroep."), field="job_title")
    _check_length(job_title, TITLE_MAX, _("De functie"), "job_title")
    _check_length(employer_name, TITLE_MAX, _("De naam van de werkgever"), "employer_name")
    _check_length(description, DESCRIPTION_MAX, _("De beschrijving"), "description")
    _refuse_bsn(job_title=job_title, employer_name=employer_name, description=description)
    started_on = _month_start(started_on)
    ended_on = _month_start(ended_on) if ended_on is not None else None
    _check_not_future(started_on, "started_on")
    if ended_on is not None and ended_on < started_on:
        raise _invalid(_("Het einde kan niet voor het begin liggen."), field="ended_on")
    experience = WorkExperience(
        profile=profile,
        occupation=occupation,
        job_title=job_title,
        employer_name=(employer_name or "").strip(),
        started_on=started_on,
        ended_on=ended_on,
        description=(description or "").strip(),
    )
    _full_clean(experience, exclude=["profile", "occupation"])
    experience.save()
    return experience


@transaction.atomic
def work_experience_remove(*, profile: ResidentProfile, work_experience_id: int) -> None:
    deleted, _rows = WorkExperience.objects.filter(profile=profile, pk=work_experience_id).delete()
    if not deleted:
        raise _not_found(_("Deze werkervaring staat niet in uw profiel."))


@transaction.atomic
def education_add(
    *,
    profile: ResidentProfile,
    title: str,
    level: str = "",
    institution: str = "",
    completed: bool = False,
    year: int | None = None,
) -> Education:
    title = (title or "").strip()
    if not title:
        raise _invalid(_("Vul de naam van de opleiding in."), field="title")
    _check_length(title, TITLE_MAX, _("De naam van de opleiding"), "title")
    _check_length(institution, TITLE_MAX, _("De naam van de school"), "institution")
    _refuse_bsn(title=title, institution=institution)
    if level and level not in EducationLevel.values:
        raise _invalid(_("Kies een soort opleiding uit de lijst."), field="level")
    if year is not None:
        this_year = timezone.localdate().year
        if not 1900 <= year <= this_year + 10:
            raise _invalid(
                _("Vul een jaar in tussen 1900 en %(year)s.") % {"year": this_year + 10}, field="year"
            )
    education = Education(
        profile=profile,
        title=title,
        level=level,
        institution=(institution or "").strip(),
        completed=completed,
        year=year,
    )
    _full_clean(education, exclude=["profile"])
    education.save()
    return education


@transaction.atomic
def education_remove(*, profile: ResidentProfile, education_id: int) -> None:
    deleted, _rows = Education.objects.filter(profile=profile, pk=education_id).delete()
    if not deleted:
        raise _not_found(_("Deze opleiding staat niet in uw profiel."))


def _suggestion_words(words: Iterable[str]) -> str:
    """The supporting words, once each, cut to fit (whole words only)."""
    kept: list[str] = []
    for word in dict.fromkeys(w.strip() for w in words if isinstance(w, str) and w.strip()):
        if len(", ".join([*kept, word])) > SUGGESTION_WORDS_MAX:
            break
        kept.append(word)
    return ", ".join(kept)


@transaction.atomic
def competency_suggestion_confirm(
    *,
    profile: ResidentProfile,
    competency,
    level: int,
    source: str,
    words: Iterable[str] = (),
) -> ResidentCompetency:
    """The resident says a suggested competency is right: it goes on the profile (self-assessed, at
    ``level``) and the decision is kept, with the words from their text that supported it."""
    resident_competency = resident_competency_add(
        profile=profile, competency=competency, level=level, source=source, evidence=Evidence.SELF_ASSESSED
    )
    CompetencySuggestion.objects.update_or_create(
        profile=profile,
        competency=competency,
        defaults={"decision": SuggestionDecision.CONFIRMED, "words": _suggestion_words(words)},
    )
    return resident_competency


@transaction.atomic
def competency_suggestion_reject(
    *, profile: ResidentProfile, competency, words: Iterable[str] = ()
) -> CompetencySuggestion:
    """The resident says a suggested competency is wrong: it is not suggested to them again. A
    competency already on the profile stays there (removing it is a separate step)."""
    suggestion, _created = CompetencySuggestion.objects.update_or_create(
        profile=profile,
        competency=competency,
        defaults={"decision": SuggestionDecision.REJECTED, "words": _suggestion_words(words)},
    )
    return suggestion


# placement: a host confirms competencies after a practical assignment (docs/placement.md, "In het
# platform"). Stronger evidence on the profile (a diploma or certificate at the same or a higher level)
# stays as it is; otherwise the competency gets the confirmed level and "confirmed by the host".
STRONGER_EVIDENCE = (Evidence.DIPLOMA, Evidence.CERTIFICATE)


@transaction.atomic
def resident_competency_confirm_by_host(
    *, resident, competency, level: int, confirmed_on: datetime.date | None = None
) -> ResidentCompetency | None:
    """Write a competency the host of a practical assignment confirmed to the resident's profile, as
    evidence ``host_confirmed`` learned at work. None when the resident has no profile."""
    _check_level(level)
    profile = ResidentProfile.objects.select_for_update().filter(user=resident).first()
    if profile is None:
        return None
    existing = ResidentCompetency.objects.filter(profile=profile, competency=competency).first()
    if existing is not None and existing.evidence in STRONGER_EVIDENCE and existing.level >= level:
        return existing
    resident_competency, _created = ResidentCompetency.objects.update_or_create(
        profile=profile,
        competency=competency,
        defaults={
            "level": level,
            "source": CompetencySource.WORK,
            "evidence": Evidence.HOST_CONFIRMED,
            "obtained_on": confirmed_on or timezone.localdate(),
        },
    )
    return resident_competency


# --- privacy (docs/security-privacy.md) ------------------------------------------------------------


@transaction.atomic
def personal_data_erase(*, user) -> dict[str, int]:
    """Delete ``user``'s profile and everything that hangs on it: competencies, work, education,
    suggestions, the situation over time (and, by the database's cascade, the monitoring app's
    participations and starts in work of this profile). Returns the number of rows per model."""
    profile = ResidentProfile.objects.filter(user=user).first()
    if profile is None:
        return {}
    _total, per_model = profile.delete()
    return dict(sorted(per_model.items()))


@transaction.atomic
def competency_suggestions_purge(*, decided_before, dry_run: bool = False) -> int:
    """Delete decisions on suggested competencies last changed before ``decided_before`` (a datetime);
    the retention task. A competency the resident confirmed stays in the profile; a rejected one may be
    suggested again. Returns how many (would) go."""
    old = CompetencySuggestion.objects.filter(updated_at__lt=decided_before)
    if dry_run:
        return old.count()
    return old.delete()[0]

"""The regional plan's programme lines and the indicators fund applications aim at.

Source: "Werken aan ontwikkeling" (2020), chapter 4.1: six programme lines. Chapter 5.1 asks every
measure to name the indicator of the National Programme Groningen it contributes to (main goals:
net labour participation, disposable income per household, outflow per education; sub goals:
(long-term) unemployment, socio-economic status, highly educated population, jobs per sector, early
school leavers, digital skills, experienced health). Those are regional statistics (CBS), not
something one project reports; so each line gets a few countable *output* indicators that a
project can promise and report, each naming the plan indicator it contributes to
(``plan_indicator``). The output indicators are our own wording of the plan's measures.

Programme lines stay in ``fund`` (calls and grant rules point at them); the monitoring app hangs its
measures under them (docs/monitoring.md). Stored content is Dutch (plain strings, not translated), like the
competency map. ``plan_apply`` is used by the data migration and by ``services.programme_plan_load``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# (number, code, name, description)
PROGRAMME_LINES: list[tuple[int, str, str, str]] = [
    (
        1,
        "funderend-onderwijs",
        "Funderend onderwijs",
        "Een goede basis voor kinderen en jongeren: taal, digitale en technische vaardigheden, "
        "een verlengde schooldag en minder schooluitval.",
    ),
    (
        2,
        "kwalificerend-onderwijs",
        "Kwalificerend onderwijs",
        "Scholing op elk moment: modules die stapelen tot certificaten en diploma's, "
        "gebiedscoöperaties en innovatiewerkplaatsen, een ontwikkelbudget en deskundige opleiders.",
    ),
    (
        3,
        "werving-selectie-matching",
        "Werving, selectie en matching",
        "Mensen en werk koppelen op competenties, en studenten aan werk in de regio binden.",
    ),
    (
        4,
        "ondernemen",
        "Ondernemen",
        "Strategische personeelsplanning en een leercultuur in het mkb, ondernemen met impact en "
        "gezamenlijke leervoorzieningen.",
    ),
    (
        5,
        "inclusieve-arbeidsmarkt",
        "Inclusieve arbeidsmarkt",
        "Sociaal ondernemerschap en waardevol werk voor mensen die de stap naar werk nog niet "
        "kunnen maken, zoals basisbanen.",
    ),
    (
        6,
        "lerende-regio",
        "Lerende regio",
        "Onderzoek naar de arbeidsmarkt van de toekomst en naar wat de maatregelen opleveren.",
    ),
]

# Chapter 4.2: the overarching theme above all lines, "naar een nieuwe infrastructuur". Stored as a
# ``ProgrammeLine`` with ``is_theme`` so measures and calls can belong to it.
THEMES: list[tuple[int, str, str, str]] = [
    (
        7,
        "infrastructuur",
        "Overkoepelend thema: naar een nieuwe infrastructuur",
        "Scholing en ontwikkeling dichtbij inwoners: verbindingen tussen scholen, bedrijven, "
        "leerwerkbedrijven en gemeenten, en plekken zoals regionale campussen en innovatiewerkplaatsen.",
    ),
]

# (programme line code, code, name, unit, plan indicator it contributes to)
INDICATORS: list[tuple[str, str, str, str, str]] = [
    (
        "funderend-onderwijs",
        "leerlingen-verlengde-schooldag",
        "Kinderen en jongeren in een programma met een verlengde schooldag",
        "kinderen",
        "Voortijdig schoolverlaters",
    ),
    (
        "funderend-onderwijs",
        "leerlingen-digitaal-technisch",
        "Kinderen en jongeren die digitale of technische vaardigheden leren",
        "kinderen",
        "Digitale vaardigheden",
    ),
    (
        "kwalificerend-onderwijs",
        "deelnemers-modules",
        "Werkenden en werkzoekenden die een module volgen",
        "personen",
        "Hoogopgeleide bevolking",
    ),
    (
        "kwalificerend-onderwijs",
        "certificaten-behaald",
        "Behaalde certificaten en diploma's",
        "certificaten",
        "Uitstroom per opleiding",
    ),
    (
        "kwalificerend-onderwijs",
        "opleiders-geschoold",
        "Opleiders, coaches en begeleiders die zich verder ontwikkelden",
        "personen",
        "Uitstroom per opleiding",
    ),
    (
        "werving-selectie-matching",
        "inwoners-naar-werk",
        "Inwoners die (ander) werk vonden",
        "personen",
        "Netto participatiegraad",
    ),
    (
        "werving-selectie-matching",
        "studenten-in-de-regio",
        "Studenten met een stage of baan in de regio",
        "studenten",
        "Banen per sector",
    ),
    (
        "ondernemen",
        "bedrijven-personeelsplanning",
        "Mkb-bedrijven met strategische personeelsplanning",
        "bedrijven",
        "Banen per sector",
    ),
    (
        "ondernemen",
        "medewerkers-geschoold",
        "Medewerkers die leerden voor ander of nieuw werk",
        "personen",
        "Netto participatiegraad",
    ),
    (
        "inclusieve-arbeidsmarkt",
        "basisbanen",
        "Mensen met een basisbaan of ander waardevol werk",
        "personen",
        "Percentage (langdurige) werkloosheid",
    ),
    (
        "inclusieve-arbeidsmarkt",
        "werk-naar-werk",
        "Mensen die van werk naar werk gingen zonder werkloos te worden",
        "personen",
        "Netto participatiegraad",
    ),
    (
        "lerende-regio",
        "onderzoeken",
        "Onderzoeken en evaluaties van maatregelen",
        "onderzoeken",
        "Alle indicatoren: wat werkt en wat niet",
    ),
]


def plan_apply(*, get_model: Callable[[str], Any]) -> dict[str, int]:
    """Create or update the programme lines and indicators. Safe to repeat; never deletes."""
    ProgrammeLine = get_model("ProgrammeLine")
    Indicator = get_model("Indicator")
    lines = {}
    for number, code, name, description in PROGRAMME_LINES:
        lines[code], _created = ProgrammeLine.objects.update_or_create(
            code=code, defaults={"number": number, "name": name, "description": description}
        )
    if _has_field(
        ProgrammeLine, "is_theme"
    ):  # the migration that seeds the lines runs before the field exists
        for number, code, name, description in THEMES:
            lines[code], _created = ProgrammeLine.objects.update_or_create(
                code=code,
                defaults={"number": number, "name": name, "description": description, "is_theme": True},
            )
    for line_code, code, name, unit, plan_indicator in INDICATORS:
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "programme_line": lines[line_code],
                "name": name,
                "unit": unit,
                "plan_indicator": plan_indicator,
            },
        )
    return {"programme_lines": len(lines), "indicators": len(INDICATORS)}


def _has_field(model: Any, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())

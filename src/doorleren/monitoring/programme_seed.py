"""Demo measures of the programme (``services.programme.programme_demo_load``).

The measures come from chapter 4 of the regional plan *Werken aan ontwikkeling* (2020): its six
programme lines and the overarching theme "naar een nieuwe infrastructuur". Names of measures and
partners follow the plan; budgets, targets, activities, results and judgements are invented demo
values, and each description says so. Plain Dutch strings: this is demo content, not interface text.

Each measure: ``line`` (``fund.ProgrammeLine.code``), ``code``, ``name``, ``description``,
``responsible`` and ``partners`` (organisation names; linked when the demo has the organisation),
``budget_euros``, ``starts_on``/``ends_on``, ``target_groups`` (``TargetGroup`` values),
``municipalities`` (CBS codes of current municipalities), ``status``, ``targets`` (indicator code,
value, year, contribution; a code that does not exist is skipped), ``activities`` (with yearly
``results``: year, description, value, unit) and ``judgements`` (date, verdict, reason).
"""

from __future__ import annotations

import datetime as dt

D = dt.date
DEMO = "Bedragen, doelen en resultaten zijn voorbeeldcijfers (demo)."
ALL_GRONINGEN = [
    "GM0014",
    "GM1952",
    "GM1979",
    "GM1966",
    "GM1895",
    "GM0765",
    "GM0037",
    "GM0047",
    "GM1950",
    "GM1969",
]
DRENTHE = ["GM1699", "GM0106", "GM1680", "GM1730"]
REGION = ALL_GRONINGEN + DRENTHE
EARTHQUAKE_AREA = ["GM0014", "GM1952", "GM1979", "GM1966", "GM1895", "GM1969"]
WORKERS, JOB_SEEKERS, STUDENTS = "worker", "job_seeker", "student"


def _activity(name, description, starts_on, ends_on, cost_euros, results):
    return {
        "name": name,
        "description": description,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "cost_euros": cost_euros,
        "results": results,
    }


def _yearly(first: int, last: int, description: str, values: list[int], unit: str) -> list[tuple]:
    return [
        (year, description, value, unit) for year, value in zip(range(first, last + 1), values, strict=False)
    ]


MEASURES: list[dict] = [
    # --- 1 Funderend onderwijs ------------------------------------------------------------------
    {
        "line": "funderend-onderwijs",
        "code": "verlengde-schooldag",
        "name": "Verlengde schooldag met beroepskeuze",
        "description": (
            "Naschools aanbod rond scholen: kinderen maken kennis met techniek, zorg en ondernemen, en "
            "werken aan een gezonde leefstijl. Naar het voorbeeld van Rotterdam Zuid en Kansrijke "
            f"Groningers. {DEMO}"
        ),
        "responsible": "Kansrijke Groningers",
        "partners": ["Gemeente Groningen", "Gemeente Eemsdelta", "Noorderpoort"],
        "budget_euros": 1_800_000,
        "starts_on": D(2021, 9, 1),
        "ends_on": D(2025, 7, 31),
        "target_groups": [STUDENTS],
        "municipalities": ["GM0014", "GM1952", "GM1979", "GM1966"],
        "status": "running",
        "targets": [
            ("voortijdig-schoolverlaters", 1.6, 2025, "Minder uitval door een beter beeld van werk."),
            ("ervaren-gezondheid", 78, 2025, "Bewegen en gezond eten horen bij het aanbod."),
        ],
        "activities": [
            _activity(
                "Naschoolse lessen techniek en zorg",
                "Twee middagen per week, op 24 basisscholen.",
                D(2021, 9, 1),
                D(2025, 7, 31),
                1_200_000,
                _yearly(2021, 2025, "Kinderen die meededen", [310, 720, 960, 1040, 1100], "kinderen"),
            ),
            _activity(
                "Bedrijfsbezoeken voor groep 7 en 8",
                "Kinderen bezoeken bedrijven in hun eigen dorp of wijk.",
                D(2022, 1, 1),
                D(2025, 7, 31),
                240_000,
                _yearly(2022, 2025, "Bedrijfsbezoeken", [45, 80, 95, 100], "bezoeken"),
            ),
        ],
        "judgements": [
            (D(2023, 12, 12), "continue", "Veel kinderen doen mee en scholen willen door. Demo-oordeel."),
            (
                D(2024, 12, 10),
                "continue",
                "Bereik groeit verder. Effect op schooluitval is nog niet te meten.",
            ),
        ],
    },
    {
        "line": "funderend-onderwijs",
        "code": "digitale-vaardigheden-jongeren",
        "name": "Technische en digitale vaardigheden op school",
        "description": (
            "Schoolbesturen in het aardbevingsgebied werken samen aan lessen in digitale en technische "
            f"vaardigheden, met extra aandacht voor kinderen die buiten de boot dreigen te vallen. {DEMO}"
        ),
        "responsible": "Economic Board Groningen",
        "partners": ["Provincie Groningen", "Hanzehogeschool Groningen"],
        "budget_euros": 950_000,
        "starts_on": D(2022, 1, 1),
        "ends_on": D(2026, 12, 31),
        "target_groups": [STUDENTS],
        "municipalities": EARTHQUAKE_AREA,
        "status": "running",
        "targets": [
            ("digitale-vaardigheden", 85, 2026, "Jongeren met digitale basisvaardigheden."),
        ],
        "activities": [
            _activity(
                "Lespakket digitale vaardigheden",
                "Lessen en scholing van leraren.",
                D(2022, 1, 1),
                D(2026, 12, 31),
                600_000,
                _yearly(2022, 2025, "Scholen die het lespakket gebruiken", [18, 34, 52, 61], "scholen"),
            ),
        ],
        "judgements": [],
    },
    # --- 2 Kwalificerend onderwijs --------------------------------------------------------------
    {
        "line": "kwalificerend-onderwijs",
        "code": "ontwikkelbudget",
        "name": "Experiment ontwikkelbudget",
        "description": (
            "Een ontwikkelbudget voor werknemers en werkzoekenden, vooral voor groepen waarvoor nu geen "
            f"geld voor scholing is. Zoals de Commissie Regulering van Werk voorstelt. {DEMO}"
        ),
        "responsible": "Programmabureau Werk in Zicht",
        "partners": ["Nationaal Programma Groningen", "UWV Groningen", "Leerwerkloket Groningen"],
        "budget_euros": 4_500_000,
        "starts_on": D(2022, 1, 1),
        "ends_on": D(2026, 12, 31),
        "target_groups": [WORKERS, JOB_SEEKERS],
        "municipalities": REGION,
        "status": "running",
        "targets": [
            ("netto-arbeidsparticipatie", 66.0, 2026, "Scholing helpt werkzoekenden aan werk."),
            ("middelbaar-hoogopgeleid", 72, 2026, "Meer inwoners halen een certificaat of diploma."),
        ],
        "activities": [
            _activity(
                "Budgetten toekennen",
                "Inwoners krijgen een budget voor modules uit het leeraanbod.",
                D(2022, 1, 1),
                D(2026, 12, 31),
                4_000_000,
                _yearly(2022, 2025, "Budgetten toegekend", [420, 1150, 1680, 1900], "budgetten"),
            ),
            _activity(
                "Advies bij het leerwerkloket",
                "Een gesprek over wat past, voordat iemand een budget gebruikt.",
                D(2022, 1, 1),
                D(2026, 12, 31),
                350_000,
                _yearly(2022, 2025, "Adviesgesprekken", [600, 1400, 1900, 2100], "gesprekken"),
            ),
        ],
        "judgements": [
            (D(2023, 12, 12), "too_early", "Eerste deelnemers zijn net klaar. Demo-oordeel."),
            (
                D(2024, 12, 10),
                "adjust",
                "Werkenden vinden de weg, werkzoekenden minder. Meer werving via UWV.",
            ),
        ],
    },
    {
        "line": "kwalificerend-onderwijs",
        "code": "gebiedscooperaties",
        "name": "Gebiedscoöperaties en innovatiewerkplaatsen",
        "description": (
            "Studenten, werknemers en werkzoekenden leren samen door te werken aan praktijkopdrachten "
            f"van bedrijven en gemeenten, naar het voorbeeld van de Gebiedscoöperatie Westerkwartier. {DEMO}"
        ),
        "responsible": "Gebiedscoöperatie Leren en Werken Noord-Groningen",
        "partners": [
            "Innovatiewerkplaats Circulair Eemsdelta",
            "Innovatiewerkplaats Waterstof Eemshaven",
            "Noorderpoort",
            "Hanzehogeschool Groningen",
        ],
        "budget_euros": 2_600_000,
        "starts_on": D(2021, 4, 1),
        "ends_on": D(2026, 12, 31),
        "target_groups": [WORKERS, JOB_SEEKERS, STUDENTS],
        "municipalities": ["GM1979", "GM1966", "GM1969"],
        "status": "running",
        "targets": [
            (
                "uitstroom-naar-werk",
                80,
                2026,
                "Studenten leren in echte opdrachten bij bedrijven in de regio.",
            ),
            ("werkloosheid", 3.5, 2026, "Werkzoekenden doen werkervaring op in de werkplaatsen."),
        ],
        "activities": [
            _activity(
                "Praktijkopdrachten in de werkplaatsen",
                "Opdrachten over afval, hergebruik, waterstof en digitalisering.",
                D(2021, 4, 1),
                D(2026, 12, 31),
                1_900_000,
                _yearly(
                    2021, 2025, "Deelnemers aan praktijkopdrachten", [80, 210, 340, 420, 460], "deelnemers"
                ),
            ),
            _activity(
                "Nieuwe werkplaatsen opzetten",
                "Ruimte, begeleiding en afspraken met bedrijven.",
                D(2021, 4, 1),
                D(2024, 12, 31),
                500_000,
                _yearly(2021, 2024, "Werkplaatsen open", [1, 2, 3, 3], "werkplaatsen"),
            ),
        ],
        "judgements": [
            (D(2024, 12, 10), "continue", "Veel deelnemers en bedrijven doen mee. Demo-oordeel."),
        ],
    },
    {
        "line": "kwalificerend-onderwijs",
        "code": "deskundigheid-opleiders",
        "name": "Deskundige opleiders en coaches",
        "description": (
            "Scholing voor opleiders op school en op de werkplek, en voor coaches van werkenden en "
            f"werkzoekenden. {DEMO}"
        ),
        "responsible": "Scholingsalliantie Noord",
        "partners": ["Alfa-college", "Drenthe College", "Terra (Onderwijsgroep Noord)"],
        "budget_euros": 600_000,
        "starts_on": D(2022, 9, 1),
        "ends_on": D(2025, 12, 31),
        "target_groups": [WORKERS],
        "municipalities": REGION,
        "status": "running",
        "targets": [
            ("middelbaar-hoogopgeleid", 71, 2025, "Betere begeleiding, minder uitval in modules."),
        ],
        "activities": [
            _activity(
                "Leergang praktijkopleider",
                "Vijf dagen, met terugkomdag.",
                D(2022, 9, 1),
                D(2025, 12, 31),
                420_000,
                _yearly(2022, 2025, "Opleiders die de leergang afrondden", [35, 90, 110, 120], "opleiders"),
            ),
        ],
        "judgements": [],
    },
    # --- 3 Werving, selectie en matching --------------------------------------------------------
    {
        "line": "werving-selectie-matching",
        "code": "matching-op-competenties",
        "name": "Matchen op competenties",
        "description": (
            "Mensen en werk koppelen op wat iemand kan, niet alleen op diploma's: de regionale "
            f"competentiekaart, dit platform en werkgevers die vacatures in competenties beschrijven. {DEMO}"
        ),
        "responsible": "Programmabureau Werk in Zicht",
        "partners": ["UWV Groningen", "Leerwerkloket Groningen", "Gemeente Groningen"],
        "budget_euros": 1_200_000,
        "starts_on": D(2021, 1, 1),
        "ends_on": D(2026, 12, 31),
        "target_groups": [WORKERS, JOB_SEEKERS],
        "municipalities": REGION,
        "status": "running",
        "targets": [
            ("werkloosheid", 3.5, 2026, "Sneller een passende baan."),
            ("langdurige-werkloosheid", 1.2, 2026, "Ook wie lang zoekt, wordt gezien op wat hij kan."),
        ],
        "activities": [
            _activity(
                "Vacatures in competenties beschrijven",
                "Werkgevers krijgen hulp bij het beschrijven van hun vacatures.",
                D(2021, 1, 1),
                D(2026, 12, 31),
                500_000,
                _yearly(2021, 2025, "Vacatures met competenties", [150, 900, 2100, 3400, 4100], "vacatures"),
            ),
            _activity(
                "Matchgesprekken",
                "Een coach bespreekt de beste matches met de werkzoekende.",
                D(2022, 1, 1),
                D(2026, 12, 31),
                450_000,
                _yearly(2022, 2025, "Matchgesprekken", [800, 1900, 2600, 2900], "gesprekken"),
            ),
        ],
        "judgements": [
            (
                D(2024, 12, 10),
                "continue",
                "Werkgevers gebruiken het en meer matches leiden tot werk. Demo-oordeel.",
            ),
        ],
    },
    {
        "line": "werving-selectie-matching",
        "code": "studenten-binden",
        "name": "Studenten binden aan werk in de regio",
        "description": (
            "Stages, bijbanen en kennismaking met bedrijven, zodat studenten na hun opleiding in de regio "
            f"blijven werken. {DEMO}"
        ),
        "responsible": "Hanzehogeschool Groningen",
        "partners": ["Rijksuniversiteit Groningen", "Noorderpoort", "Economic Board Groningen"],
        "budget_euros": 400_000,
        "starts_on": D(2025, 1, 1),
        "ends_on": D(2026, 12, 31),
        "target_groups": [STUDENTS],
        "municipalities": ["GM0014", "GM0106"],
        "status": "planned",
        "targets": [
            ("uitstroom-naar-werk", 82, 2026, "Meer afgestudeerden vinden werk in de regio."),
        ],
        "activities": [
            _activity(
                "Bedrijvendagen op de campus",
                "Twee keer per jaar.",
                D(2025, 3, 1),
                D(2026, 12, 31),
                120_000,
                [],
            ),
        ],
        "judgements": [],
    },
    # --- 4 Ondernemen ---------------------------------------------------------------------------
    {
        "line": "ondernemen",
        "code": "leercultuur-mkb",
        "name": "Leercultuur in het mkb",
        "description": (
            "Mkb-bedrijven krijgen hulp bij strategische personeelsplanning: welke rollen en competenties "
            f"hebben zij over 3 tot 5 jaar nodig, en hoe leren hun mensen dat? {DEMO}"
        ),
        "responsible": "Economic Board Groningen",
        "partners": ["Gebiedscoöperatie Leren en Werken Noord-Groningen", "Alfa-college"],
        "budget_euros": 1_400_000,
        "starts_on": D(2021, 6, 1),
        "ends_on": D(2025, 12, 31),
        "target_groups": [WORKERS],
        "municipalities": REGION,
        "status": "adjusted",
        "targets": [
            ("banen", 345_000, 2025, "Bedrijven die hun mensen ontwikkelen, houden hun banen."),
            ("middelbaar-hoogopgeleid", 71, 2025, "Werkenden halen certificaten."),
        ],
        "activities": [
            _activity(
                "Bedrijfsscans",
                "Een adviseur maakt met de ondernemer een scan van rollen en competenties.",
                D(2021, 6, 1),
                D(2025, 12, 31),
                700_000,
                _yearly(2021, 2025, "Bedrijfsscans", [40, 130, 210, 260, 280], "bedrijven"),
            ),
            _activity(
                "Ontwikkelplannen voor medewerkers",
                "Per medewerker een plan met modules.",
                D(2022, 1, 1),
                D(2025, 12, 31),
                500_000,
                _yearly(2022, 2025, "Ontwikkelplannen", [150, 420, 700, 820], "plannen"),
            ),
        ],
        "judgements": [
            (D(2023, 12, 12), "adjust", "Kleine bedrijven haken af. Scan korter gemaakt. Demo-oordeel."),
            (D(2024, 12, 10), "continue", "Na de aanpassing doen meer kleine bedrijven mee."),
        ],
    },
    {
        "line": "ondernemen",
        "code": "scholing-wendbaarheid",
        "name": "Scholing voor wendbare en weerbare medewerkers",
        "description": (
            "Modules over digitale vaardigheden en de energietransitie voor medewerkers van bedrijven "
            f"die veranderen. {DEMO}"
        ),
        "responsible": "Noorderpoort",
        "partners": ["Innovatiewerkplaats Waterstof Eemshaven", "Terra (Onderwijsgroep Noord)"],
        "budget_euros": 850_000,
        "starts_on": D(2023, 1, 1),
        "ends_on": D(2026, 12, 31),
        "target_groups": [WORKERS],
        "municipalities": ["GM1979", "GM1966", "GM0014"],
        "status": "running",
        "targets": [
            ("digitale-vaardigheden", 84, 2026, "Werkenden leren werken met nieuwe techniek."),
            ("banen-industrie", 30_000, 2026, "Banen in de industrie blijven behouden."),
        ],
        "activities": [
            _activity(
                "Modules waterstof en elektrotechniek",
                "Korte modules in de avond.",
                D(2023, 1, 1),
                D(2026, 12, 31),
                600_000,
                _yearly(2023, 2025, "Deelnemers", [120, 260, 310], "deelnemers"),
            ),
        ],
        "judgements": [],
    },
    # --- 5 Inclusieve arbeidsmarkt --------------------------------------------------------------
    {
        "line": "inclusieve-arbeidsmarkt",
        "code": "basisbanen",
        "name": "Experiment basisbanen",
        "description": (
            "Waardevol werk met een gewoon loon voor mensen die de stap naar de reguliere arbeidsmarkt "
            "(nog) niet kunnen maken. Naar het experiment in Groningen en Assen, met de StartFoundation. "
            f"{DEMO}"
        ),
        "responsible": "Gemeente Groningen",
        "partners": ["Gemeente Assen", "StartFoundation", "Vereniging Impact Noord"],
        "budget_euros": 3_200_000,
        "starts_on": D(2021, 1, 1),
        "ends_on": D(2025, 12, 31),
        "target_groups": [JOB_SEEKERS],
        "municipalities": ["GM0014", "GM0106"],
        "status": "running",
        "targets": [
            (
                "langdurige-werkloosheid",
                1.0,
                2025,
                "Mensen die lang zonder werk waren, krijgen een basisbaan.",
            ),
            ("ervaren-gezondheid", 77, 2025, "Werk geeft structuur en gezondheid."),
            ("besteedbaar-inkomen", 38.5, 2025, "Een loon in plaats van een uitkering."),
        ],
        "activities": [
            _activity(
                "Basisbanen bij gemeenten en sociale ondernemers",
                "Werk in de wijk, het groen en de zorg.",
                D(2021, 1, 1),
                D(2025, 12, 31),
                2_800_000,
                _yearly(2021, 2025, "Mensen met een basisbaan", [60, 140, 190, 210, 220], "personen"),
            ),
            _activity(
                "Begeleiding naar regulier werk",
                "Een jobcoach helpt bij de stap naar een gewone baan.",
                D(2022, 1, 1),
                D(2025, 12, 31),
                300_000,
                _yearly(2022, 2025, "Doorgestroomd naar regulier werk", [12, 25, 31, 36], "personen"),
            ),
        ],
        "judgements": [
            (D(2023, 12, 12), "too_early", "Deelnemers zijn pas kort aan het werk. Demo-oordeel."),
            (D(2025, 6, 17), "continue", "Deelnemers blijven aan het werk en voelen zich gezonder."),
        ],
    },
    {
        "line": "inclusieve-arbeidsmarkt",
        "code": "werk-naar-werk",
        "name": "Van werk naar werk",
        "description": (
            "Trajecten voor werknemers van wie het werk verdwijnt, naar ander werk in een sector met "
            f"tekorten zoals de zorg en de techniek, zonder werkloosheid ertussen. {DEMO}"
        ),
        "responsible": "UWV Groningen",
        "partners": ["Leerwerkloket Groningen", "Alfa-college", "Noorderpoort"],
        "budget_euros": 1_600_000,
        "starts_on": D(2021, 9, 1),
        "ends_on": D(2026, 6, 30),
        "target_groups": [WORKERS, JOB_SEEKERS],
        "municipalities": REGION,
        "status": "running",
        "targets": [
            ("werkloosheid", 3.4, 2026, "Geen werkloosheid tussen twee banen."),
            ("banen-zorg", 62_000, 2026, "Werknemers stappen over naar de zorg."),
        ],
        "activities": [
            _activity(
                "Loopbaangesprekken en omscholing",
                "Een gesprek, een plan en modules in de nieuwe sector.",
                D(2021, 9, 1),
                D(2026, 6, 30),
                1_300_000,
                _yearly(2021, 2025, "Trajecten begonnen", [40, 170, 260, 300, 310], "trajecten"),
            ),
        ],
        "judgements": [
            (
                D(2024, 12, 10),
                "continue",
                "De meeste deelnemers hebben binnen een jaar ander werk. Demo-oordeel.",
            ),
        ],
    },
    # --- 6 Lerende regio ------------------------------------------------------------------------
    {
        "line": "lerende-regio",
        "code": "onderzoek-wat-werkt",
        "name": "Onderzoek naar wat werkt",
        "description": (
            "Het onderzoeksprogramma Talent in de Regio meet wat de maatregelen van alle programmalijnen "
            f"opleveren, met een vergelijkingsgroep. {DEMO}"
        ),
        "responsible": "Rijksuniversiteit Groningen",
        "partners": ["Hanzehogeschool Groningen", "Programmabureau Werk in Zicht", "Talent in de Regio"],
        "budget_euros": 900_000,
        "starts_on": D(2021, 1, 1),
        "ends_on": D(2026, 12, 31),
        "target_groups": [WORKERS, JOB_SEEKERS, STUDENTS],
        "municipalities": REGION,
        "status": "running",
        "targets": [],
        "activities": [
            _activity(
                "Effectmetingen per maatregel",
                "Deelnemers vergeleken met vergelijkbare inwoners die niet meededen.",
                D(2022, 1, 1),
                D(2026, 12, 31),
                600_000,
                _yearly(2022, 2025, "Maatregelen gemeten", [2, 5, 8, 10], "maatregelen"),
            ),
            _activity(
                "Jaarlijkse monitor",
                "Cijfers per gemeente voor de stuurgroep.",
                D(2021, 1, 1),
                D(2026, 12, 31),
                200_000,
                _yearly(2021, 2025, "Monitor verschenen", [1, 1, 1, 1, 1], "rapporten"),
            ),
        ],
        "judgements": [
            (D(2024, 12, 10), "continue", "De metingen helpen de stuurgroep te kiezen. Demo-oordeel."),
        ],
    },
    {
        "line": "lerende-regio",
        "code": "onderzoek-toekomst-arbeidsmarkt",
        "name": "Onderzoek naar de arbeidsmarkt van de toekomst",
        "description": (
            "Welke banen en competenties vraagt de regio over tien jaar? Opdracht in het kader van "
            f"Perspectief op Werk. {DEMO}"
        ),
        "responsible": "Provincie Groningen",
        "partners": ["Rijksuniversiteit Groningen", "UWV Groningen"],
        "budget_euros": 250_000,
        "starts_on": D(2021, 3, 1),
        "ends_on": D(2022, 12, 31),
        "target_groups": [],
        "municipalities": REGION,
        "status": "finished",
        "targets": [],
        "activities": [
            _activity(
                "Toekomstverkenning",
                "Gesprekken met werkgevers en een model van vraag en aanbod.",
                D(2021, 3, 1),
                D(2022, 12, 31),
                230_000,
                [(2021, "Gesprekken met werkgevers", 64, "gesprekken"), (2022, "Rapport", 1, "rapporten")],
            ),
        ],
        "judgements": [
            (D(2023, 3, 14), "stop", "Klaar: het rapport is er en wordt gebruikt. Demo-oordeel."),
        ],
    },
    # --- Overkoepelend thema: naar een nieuwe infrastructuur ------------------------------------
    {
        "line": "infrastructuur",
        "code": "leercampus-appingedam",
        "name": "Onderwijs- en leercampus Appingedam",
        "description": (
            "Eén campus voor onderwijs van basisschool tot hbo, met een innovatiewerkplaats en een "
            f"leerwerkloket voor volwassenen. {DEMO}"
        ),
        "responsible": "Gemeente Eemsdelta",
        "partners": ["Noorderpoort", "Innovatiewerkplaats Circulair Eemsdelta", "Leerwerkloket Groningen"],
        "budget_euros": 6_500_000,
        "starts_on": D(2022, 1, 1),
        "ends_on": D(2026, 12, 31),
        "target_groups": [WORKERS, JOB_SEEKERS, STUDENTS],
        "municipalities": ["GM1979"],
        "status": "running",
        "targets": [
            ("voortijdig-schoolverlaters", 1.5, 2026, "Doorlopende leerlijnen op één plek."),
            ("netto-arbeidsparticipatie", 65.5, 2026, "Volwassenen leren dichtbij huis."),
        ],
        "activities": [
            _activity(
                "Bouw en inrichting van de campus",
                "Verbouw van het schoolgebouw en de werkplaats.",
                D(2022, 1, 1),
                D(2025, 8, 31),
                5_200_000,
                _yearly(2022, 2025, "Lokalen klaar", [0, 8, 20, 32], "lokalen"),
            ),
            _activity(
                "Leerwerkloket op de campus",
                "Advies over leren en werken voor inwoners van Eemsdelta.",
                D(2024, 1, 1),
                D(2026, 12, 31),
                300_000,
                _yearly(2024, 2025, "Adviesgesprekken", [240, 410], "gesprekken"),
            ),
        ],
        "judgements": [
            (D(2024, 12, 10), "too_early", "De campus is nog niet helemaal open. Demo-oordeel."),
        ],
    },
    {
        "line": "infrastructuur",
        "code": "fonds-samenwerking",
        "name": "Regionaal fonds voor samenwerking",
        "description": (
            "Een fonds waar scholen, bedrijven en overheden een beroep op doen als zij samen maatregelen "
            f"nemen voor een Leven Lang Ontwikkelen, en om drempels voor kwetsbare inwoners weg te nemen. {DEMO}"
        ),
        "responsible": "Programmabureau Werk in Zicht",
        "partners": ["Nationaal Programma Groningen", "Provincie Groningen"],
        "budget_euros": 5_000_000,
        "starts_on": D(2022, 1, 1),
        "ends_on": D(2026, 12, 31),
        "target_groups": [WORKERS, JOB_SEEKERS, STUDENTS],
        "municipalities": REGION,
        "status": "running",
        "targets": [
            ("netto-arbeidsparticipatie", 66.0, 2026, "Samenwerkingsverbanden bereiken meer inwoners."),
        ],
        "activities": [
            _activity(
                "Oproepen en toekenningen",
                "Twee oproepen per jaar.",
                D(2022, 1, 1),
                D(2026, 12, 31),
                4_600_000,
                _yearly(2022, 2025, "Aanvragen toegekend", [6, 11, 14, 15], "aanvragen"),
            ),
        ],
        "judgements": [],
    },
]

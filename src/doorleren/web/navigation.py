"""The main menu per role. Each entry: (url name, label).

On screen: HOME, then the role's own entries, then COMMON (the public parts of the site).
An entry whose URL name does not exist is left out (and logged), so an app can add its entry
here before its page is merged.
"""

from django.utils.translation import gettext_lazy as _

HOME = [("web:home", _("Voorpagina"))]

COMMON = [
    ("learning:module_list", _("Leeraanbod")),
    ("taxonomy:map", _("Competenties")),
    ("opportunities:list", _("Werk en opdrachten")),
]

BY_ROLE: dict[str, list[tuple[str, str]]] = {
    "anonymous": [],
    "resident": [
        ("web:start", _("Mijn start")),
        ("profiles:overview", _("Mijn profiel")),
        ("matching:saved_routes", _("Mijn leerroutes")),  # "Wat moet ik leren?" → "Bewaar deze route"
        ("budgets:mine", _("Mijn budgetten")),  # docs/budgets.md
        ("account_consent", _("Wie ziet mijn gegevens")),
    ],
    "employer": [
        ("web:start", _("Mijn start")),
    ],
    "school": [
        ("web:start", _("Mijn start")),
        ("matching:picture", _("Regionaal beeld")),  # docs/regional-picture.md
    ],
    "coach": [
        ("web:start", _("Mijn start")),
        ("budgets:ledger_overview", _("Budgetten")),
    ],
    "programme_office": [
        ("web:start", _("Mijn start")),
        ("matching:picture", _("Regionaal beeld")),
        ("budgets:ledger_overview", _("Budgetten")),
    ],
    "administrator": [
        ("web:start", _("Mijn start")),
    ],
}

# budgets: fair allocation when money is scarce (docs/budgets.md, "Schaars geld eerlijk verdelen").
BY_ROLE["resident"].append(("budgets:allocation_rounds", _("Budget aanvragen")))
BY_ROLE["programme_office"].append(("budgets:allocation_rounds", _("Verdeelrondes")))

# fund: the regional fund (docs/fund.md). Staff of schools, employers and governments (coach) apply;
# the programme office reviews, decides, pays and sees the figures; everyone sees the calls.
BY_ROLE["anonymous"].append(("fund:call_list", _("Regionaal fonds")))
for _role in ("employer", "school", "coach"):
    BY_ROLE[_role].append(("fund:mine", _("Regionaal fonds")))
BY_ROLE["programme_office"].append(("fund:overview", _("Regionaal fonds")))

# enrolments: residents their own; schools and employers the enrolments for their modules; coaches
# read those of residents with consent (docs/enrolments.md).
BY_ROLE["resident"].append(("enrolments:list", _("Mijn inschrijvingen")))
for _role in ("employer", "school", "coach"):
    BY_ROLE[_role].append(("enrolments:list", _("Inschrijvingen")))

# enrolments: signals of the fraud and error checks for coaches, the programme office and administrators;
# schools and employers set the account they are paid on (docs/enrolments.md, "Signalen voor coaches").
for _role in ("coach", "programme_office", "administrator"):
    BY_ROLE[_role].append(("enrolments:anomalies", _("Signalen")))
for _role in ("employer", "school"):
    BY_ROLE[_role].append(("organisations:iban_mine", _("Rekening voor uitbetaling")))

# budgets: the money report per funder, programme line, municipality and target group (docs/budgets.md,
# "Rapporten"); coaches reach it from "Budgetten".
BY_ROLE["programme_office"].append(("budgets:report", _("Geldrapport")))

# budgets: coaches and employers grant a budget to a resident who gave them consent (docs/budgets.md,
# "Een budget toekennen").
for _role in ("coach", "employer"):
    BY_ROLE[_role].append(("budgets:grant_residents", _("Budget toekennen")))

# placement: learners choose practical assignments; employers, schools and coaches (as hosts or organisers)
# rank applicants and place them (docs/placement.md, "In het platform").
BY_ROLE["resident"].append(("placement:rounds", _("Praktijkopdrachten")))
for _role in ("employer", "school", "coach"):
    BY_ROLE[_role].append(("placement:rounds", _("Plaatsen in praktijkopdrachten")))

# opportunities: organisations place vacancies, practical assignments and basic jobs; companies offer
# learning in practice (docs/opportunities.md). Schools host practical assignments only.
BY_ROLE["employer"].append(("opportunities:manage_list", _("Werk en opdrachten plaatsen")))
BY_ROLE["employer"].append(("learning:practical_create", _("Leren bij ons bedrijf")))
BY_ROLE["school"].append(("opportunities:manage_list", _("Praktijkopdrachten plaatsen")))

# workforce: the employer's journey (docs/workforce.md): the company scan and development plans; the
# employee sees and agrees to their own plan.
BY_ROLE["employer"].append(("workforce:scan", _("Bedrijfsscan")))
BY_ROLE["employer"].append(("workforce:plans", _("Ontwikkelplannen")))
BY_ROLE["resident"].append(("workforce:mine", _("Mijn ontwikkelplan")))

# monitoring: a resident tells the platform they started work (docs/monitoring.md, "Deelname en werk").
BY_ROLE["resident"].append(("monitoring:work_mine", _("Werk gevonden?")))

# monitoring: the regional indicators of the plan's goals per municipality and year (docs/monitoring-statistics.md).
for _role in ("programme_office", "administrator"):
    BY_ROLE[_role].append(("monitoring:statistics", _("Regionale cijfers")))

# monitoring: the dashboard of the programme office: outcomes per programme line, measure and municipality,
# with charts, downloads and the quarterly report (docs/monitoring-dashboard.md).
for _role in ("programme_office", "administrator"):
    BY_ROLE[_role].append(("monitoring:dashboard", _("Monitoring")))

# monitoring: the programme as data, editable by the programme office (docs/monitoring-programme.md).
for _role in ("programme_office", "administrator"):
    BY_ROLE[_role].append(("monitoring:programme", _("Programma")))

# privacy: a resident's own data (download), who viewed it, and deleting the account (docs/security-privacy.md).
BY_ROLE["resident"].append(("privacy:my_data", _("Mijn gegevens")))

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
        ("account_consent", _("Wie ziet mijn gegevens")),
    ],
    "employer": [
        ("web:start", _("Mijn start")),
    ],
    "school": [
        ("web:start", _("Mijn start")),
    ],
    "coach": [
        ("web:start", _("Mijn start")),
    ],
    "programme_office": [
        ("web:start", _("Mijn start")),
    ],
    "administrator": [
        ("web:start", _("Mijn start")),
    ],
}

# The regional picture: demand against supply per competency (matching, docs/regional-picture.md).
BY_ROLE["programme_office"].append(("matching:picture", _("Regionaal beeld")))
BY_ROLE["school"].append(("matching:picture", _("Regionaal beeld")))

# The learning routes a resident kept (matching app, "Wat moet ik leren?" → "Bewaar deze route").
BY_ROLE["resident"].append(("matching:saved_routes", _("Mijn leerroutes")))

# Budgets (docs/budgets.md): a resident's own budgets; figures per funder for coaches and the programme office.
BY_ROLE["resident"].append(("budgets:mine", _("Mijn budgetten")))
BY_ROLE["coach"].append(("budgets:ledger_overview", _("Budgetten")))
BY_ROLE["programme_office"].append(("budgets:ledger_overview", _("Budgetten")))

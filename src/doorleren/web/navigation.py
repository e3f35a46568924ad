"""The main menu per role. Each entry: (url name, label). Order is the order on screen."""

from django.utils.translation import gettext_lazy as _

COMMON = [
    ("web:home", _("Home")),
    ("learning:module_list", _("Leeraanbod")),
]

BY_ROLE: dict[str, list[tuple[str, str]]] = {
    "anonymous": [],
    "resident": [
        ("web:start", _("Mijn start")),
        ("profiles:overview", _("Mijn profiel")),
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

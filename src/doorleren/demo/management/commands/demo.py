"""``doorleren demo``: build a reproducible demo region (see docs/demo.md).

    doorleren demo                                  # 2,000 residents, seed 1
    doorleren demo --residents 50 --seed 7
    doorleren demo --reset                          # wipe the demo that is there, then build
    doorleren demo --residents 600000 --vacancies 1000000 --seed 1   # benchmark size

Progress goes to stderr; stdout gets the demo logins and, as its last line, one JSON object with
the counts per kind. Bad input exits with code 2 and one Dutch line.
"""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.demo.services import DEFAULT_BATCH_SIZE, DEFAULT_PASSWORD, demo_build


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            _("--today moet een datum zijn als 2026-03-01, niet '%(value)s'.") % {"value": value},
            returncode=2,
        ) from exc


class Command(BaseCommand):
    help = "Maak een demoregio met inwoners, werkgevers, scholen, leeraanbod en vacatures (zelfde seed, zelfde data)."

    def add_arguments(self, parser):
        parser.add_argument("--residents", type=int, default=2_000, help=_("aantal inwoners, Anne meegeteld"))
        parser.add_argument("--seed", type=int, default=1, help=_("zelfde seed geeft dezelfde demo"))
        parser.add_argument(
            "--employers", type=int, default=300, help=_("aantal werkgevers, dat van Henk meegeteld")
        )
        parser.add_argument("--modules", type=int, default=400)
        parser.add_argument("--certificates", type=int, default=40)
        parser.add_argument("--diplomas", type=int, default=10)
        parser.add_argument("--vacancies", type=int, default=500)
        parser.add_argument("--assignments", type=int, default=60, help=_("aantal praktijkopdrachten"))
        parser.add_argument("--basic-jobs", type=int, default=40, help=_("aantal basisbanen"))
        parser.add_argument("--coaches", type=int, default=12)
        parser.add_argument(
            "--practical-offers",
            type=int,
            default=None,
            help=_("leren in de praktijk; standaard een derde van de werkgevers"),
        )
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=_("wachtwoord van de demo-logins (standaard %(default)s)"),
        )
        parser.add_argument("--reset", action="store_true", help=_("wis eerst de demo die er al staat"))
        parser.add_argument("--today", default=None, help=_("doe alsof het deze datum is (JJJJ-MM-DD)"))
        parser.add_argument(
            "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help=_("rijen per bulk-insert")
        )
        parser.add_argument("--no-progress", action="store_true", help=_("geen voortgangsbalk op stderr"))

    def handle(self, *args, **options):
        today = _date(options["today"]) if options["today"] else None
        try:
            result = demo_build(
                residents=options["residents"],
                seed=options["seed"],
                employers=options["employers"],
                modules=options["modules"],
                certificates=options["certificates"],
                diplomas=options["diplomas"],
                vacancies=options["vacancies"],
                assignments=options["assignments"],
                basic_jobs=options["basic_jobs"],
                coaches=options["coaches"],
                practical_offers=options["practical_offers"],
                password=options["password"],
                reset=options["reset"],
                today=today,
                batch_size=options["batch_size"],
                progress=not options["no_progress"] and options["verbosity"] > 0,
            )
        except ApplicationError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        out = self.stdout
        out.write(
            _("De demo staat klaar (%(seconds)s seconden). Inloggen met wachtwoord '%(password)s':")
            % {"seconds": result.seconds, "password": options["password"]}
        )
        for login in result.logins:
            details = ", ".join(part for part in (login.full_name, login.organisation, login.note) if part)
            out.write(f"  {login.username:<16} {login.role:<16} {details}")
        out.write(_("Andere gebruikers van de demo kunnen niet inloggen (geen wachtwoord)."))
        out.write(json.dumps(result.counts, ensure_ascii=False))

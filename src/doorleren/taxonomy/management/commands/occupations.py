"""``doorleren occupations search QUERY`` (or ``--file F``): search occupations, one JSON line per query."""

from doorleren.taxonomy.management.commands._common import SearchCommand


class Command(SearchCommand):
    help = "Zoek in beroepen (ESCO): 'search ZOEKTERM' of 'search --file BESTAND'."
    kind = "occupations"

"""``doorleren competencies search QUERY`` (or ``--file F``): search competencies, one JSON line per query."""

from doorleren.taxonomy.management.commands._common import SearchCommand


class Command(SearchCommand):
    help = "Zoek in competenties van de regionale kaart: 'search ZOEKTERM' of 'search --file BESTAND'."
    kind = "competencies"

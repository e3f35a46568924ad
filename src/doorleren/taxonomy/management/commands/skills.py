"""``doorleren skills search QUERY`` (or ``--file F``): search skills, one JSON line per query."""

from doorleren.taxonomy.management.commands._common import SearchCommand


class Command(SearchCommand):
    help = "Zoek in vaardigheden (ESCO): 'search ZOEKTERM' of 'search --file BESTAND'."
    kind = "skills"

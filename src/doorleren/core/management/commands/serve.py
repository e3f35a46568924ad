"""``doorleren serve``: run the platform with waitress, a production-grade pure-Python WSGI server."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start de webserver (waitress)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--host", default="127.0.0.1", help="Adres om op te luisteren (standaard 127.0.0.1)."
        )
        parser.add_argument("--port", type=int, default=8000, help="Poort (standaard 8000).")
        parser.add_argument("--threads", type=int, default=8, help="Aantal threads (standaard 8).")

    def handle(self, *args, host: str, port: int, threads: int, **options):
        from waitress import serve

        from doorleren.conf.wsgi import application

        self.stdout.write(f"doorleren draait op http://{host}:{port}/ (stoppen: Ctrl+C)")
        serve(application, host=host, port=port, threads=threads, ident="doorleren")

"""``doorleren bench load``: the whole platform under load (issue 7, item 4).

gunicorn serves doorleren with production settings (``doorleren.conf.loadtest``: production, but plain
HTTP on loopback) on PostgreSQL with the demo region at ``DOORLEREN_BENCH_LOAD_RESIDENTS`` residents
(default 100,000). locust (``web/loadtest/locustfile.py``) plays residents, employers and the programme
office: ``DOORLEREN_BENCH_LOAD_USERS`` concurrent users (default 200), think time 2-5 s. Users start at
``DOORLEREN_BENCH_LOAD_SPAWN_RATE`` a second (default 2) and each logs in once; once all run, the
measurement starts again and lasts ``DOORLEREN_BENCH_LOAD_SECONDS`` (default 300) seconds with all users
logged in. The ramp (logins included) is reported on its own. Goal: zero errors in both phases, and
p95 under 300 ms for the profile, match and route pages.

The demo database (``DOORLEREN_BENCH_LOAD_DATABASE``, default ``doorleren_load``, on the server of
``DATABASE_URL``) is built once (migrate, ESCO import from the shared data, ``doorleren demo``) and
kept for the next run; ``DOORLEREN_BENCH_LOAD_REBUILD=1`` builds it again. Before the run a sample of
residents, the employers with vacancies and the programme office get a load-test password (the demo's
generated residents have none). The developer's own database is never touched.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psycopg
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.core.machine import machine_description, machine_line
from doorleren.core.paths import PROJECT_ROOT, esco_dir

RESIDENTS = int(os.environ.get("DOORLEREN_BENCH_LOAD_RESIDENTS", "100000"))
USERS = int(os.environ.get("DOORLEREN_BENCH_LOAD_USERS", "200"))
SECONDS = int(os.environ.get("DOORLEREN_BENCH_LOAD_SECONDS", "300"))
SPAWN_RATE = float(os.environ.get("DOORLEREN_BENCH_LOAD_SPAWN_RATE", "2"))
WORKERS = int(os.environ.get("DOORLEREN_BENCH_LOAD_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
DATABASE = os.environ.get("DOORLEREN_BENCH_LOAD_DATABASE", "doorleren_load")
REBUILD = os.environ.get("DOORLEREN_BENCH_LOAD_REBUILD", "") == "1"
LOGIN_RESIDENTS = 2_000
LOGIN_EMPLOYERS = 300
GOAL_P95_MS = 300
GOAL_PAGES = ("profiel", "passend werk", "leerroute")
LOCUSTFILE = Path(__file__).resolve().parent / "loadtest" / "locustfile.py"
BIN = Path(sys.executable).parent


def _say(progress, message: str) -> None:
    if progress is not None:
        progress(message)


def _database_url(name: str) -> str:
    settings = connection.settings_dict
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def _command(args: list[str], env: dict, *, progress, what: str) -> float:
    _say(progress, what)
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 (our own executable, arguments built here)
        [str(BIN / "doorleren"), *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise ApplicationError(
            _("De voorbereiding van de belastingtest ging mis (%(what)s): %(error)s")
            % {"what": what, "error": (result.stderr or result.stdout).strip()[-500:]},
            code="bench_load_prepare_failed",
        )
    return time.perf_counter() - started


def _resident_count(url: str) -> int:
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM profiles_residentprofile").fetchone()[0]
    except psycopg.Error:
        return -1


def _prepare_database(url: str, env: dict, progress) -> dict:
    """Build the demo database unless it is already there at the right size; returns timings."""
    have = _resident_count(url)
    if have >= RESIDENTS and not REBUILD:
        _say(progress, f"database {DATABASE} met {have} inwoners hergebruiken")
        return {"built": False, "residents": have}
    if not esco_dir().is_dir():
        raise ApplicationError(
            _("De ESCO-bestanden staan niet in %(path)s. Zet DOORLEREN_SHARED_DATA goed.")
            % {"path": esco_dir()},
            code="bench_load_no_esco",
        )
    admin_url = _database_url(connection.settings_dict["NAME"])
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    timings = {"built": True}
    timings["migrate_s"] = _command(["migrate", "--no-input"], env, progress=progress, what="migrate")
    timings["esco_s"] = _command(
        ["esco", "import", str(esco_dir())], env, progress=progress, what="ESCO importeren"
    )
    timings["demo_s"] = _command(
        ["demo", "--residents", str(RESIDENTS), "--no-progress"],
        env,
        progress=progress,
        what=f"demoregio met {RESIDENTS} inwoners maken",
    )
    timings["residents"] = _resident_count(url)
    return timings


def _accounts(url: str, password: str) -> dict:
    """Give a sample of accounts the load-test password; returns the usernames per role."""
    encoded = make_password(password)
    with psycopg.connect(url) as conn:
        residents = [
            row[0]
            for row in conn.execute(
                "SELECT u.username FROM accounts_user u JOIN profiles_residentprofile p ON p.user_id = u.id "
                "WHERE u.is_active ORDER BY md5(u.username) LIMIT %s",
                (LOGIN_RESIDENTS,),
            )
        ]
        employers = [
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT u.username FROM accounts_user u "
                "JOIN organisations_membership m ON m.user_id = u.id "
                "JOIN opportunities_opportunity o ON o.organisation_id = m.organisation_id "
                "WHERE u.role = 'employer' AND u.is_active ORDER BY u.username LIMIT %s",
                (LOGIN_EMPLOYERS,),
            )
        ]
        office = [
            row[0]
            for row in conn.execute(
                "SELECT username FROM accounts_user WHERE role = 'programme_office' AND is_active"
            )
        ]
        for names in (residents, employers, office):
            conn.execute("UPDATE accounts_user SET password = %s WHERE username = ANY(%s)", (encoded, names))
    if not residents or not employers or not office:
        raise ApplicationError(
            _("De demodatabase heeft geen inwoners, werkgevers met vacatures of programmabureau."),
            code="bench_load_no_accounts",
        )
    return {"password": password, "resident": residents, "employer": employers, "programme_office": office}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(base: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if httpx.get(f"{base}/account/inloggen/", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise ApplicationError(_("gunicorn startte niet."), code="bench_load_server_failed")


WARM_PAGES = {
    "resident": ["/profiel/", "/werk/passend/", "/leren/route/", "/start/", "/budgetten/"],
    "employer": ["/werk/mijn/", "/bedrijf/scan/", "/start/"],
    "programme_office": ["/monitoring/", "/regionaal-beeld/"],
}


def _warm_up(base: str, accounts: dict, progress) -> float:
    """Visit every kind of page a few times per worker before measuring, as on a server that has been
    running: each gunicorn worker loads its code and fills its own caches (the matching index, the
    learning offer, the charts) on its first visits. Returns the seconds it took."""
    from concurrent.futures import ThreadPoolExecutor

    started = time.perf_counter()
    _say(progress, "opwarmen")

    def visit(role: str) -> None:
        with httpx.Client(base_url=base, follow_redirects=True, timeout=60) as client:
            page = client.get("/account/inloggen/").text
            token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
            client.post(
                "/account/inloggen/",
                data={
                    "username": accounts[role][0],
                    "password": accounts["password"],
                    "csrfmiddlewaretoken": token,
                },
            )
            for path in WARM_PAGES[role] * 3:
                page = client.get(path).text
                if path == "/werk/passend/":  # and a route to a match: the learning offer and the solver
                    for link in re.findall(r'href="(/leren/route/\?[^"]+)"', page)[:2]:
                        client.get(link.replace("&amp;", "&"))

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(visit, [role for role in WARM_PAGES for _ in range(WORKERS)]))
    return time.perf_counter() - started


def _read_stats(prefix: str) -> tuple[list[dict], list[dict]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8", newline="") as handle:
        stats = list(csv.DictReader(handle))
    failures_path = Path(f"{prefix}_failures.csv")
    failures = []
    if failures_path.exists():
        with failures_path.open(encoding="utf-8", newline="") as handle:
            failures = list(csv.DictReader(handle))
    return stats, failures


def _ms(value: str) -> float:
    """A time from locust's CSV; "N/A" (no request of that kind) is 0."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def summarise(stats: list[dict], failures: list[dict], ramp: dict | None = None) -> dict:
    """Figures per page from locust's CSV rows: requests, errors, p50/p95/p99/max in ms, and the goal."""
    pages = {}
    for row in stats:
        name = row["Name"]
        pages[name] = {
            "requests": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "p50_ms": _ms(row["50%"]),
            "p95_ms": _ms(row["95%"]),
            "p99_ms": _ms(row["99%"]),
            "max_ms": _ms(row["Max Response Time"]),
            "rps": _ms(row["Requests/s"]),
        }
    total = pages.get("Aggregated", {})
    goal_pages = {name: pages[name]["p95_ms"] for name in GOAL_PAGES if name in pages}
    ramp = ramp or {"pages": {}, "errors": 0}
    met = (
        total.get("errors", 1) == 0
        and ramp.get("errors", 0) == 0
        and len(goal_pages) == len(GOAL_PAGES)
        and all(p95 < GOAL_P95_MS for p95 in goal_pages.values())
    )
    return {
        "pages": pages,
        "errors": total.get("errors"),
        "ramp": ramp,
        "requests": total.get("requests"),
        "goal_p95": goal_pages,
        "goal_met": met,
        "failures": [
            {"name": f["Name"], "error": f["Error"], "count": int(f["Occurrences"])} for f in failures
        ],
    }


def _markdown(summary: dict, info: dict) -> str:
    lines = [
        f"## load, {info['date']}",
        "",
        f"Date: {info['date']}. Machine: {info['machine']}. Command: `doorleren bench load`. "
        f"PostgreSQL {info['postgres']}. Load average before the run: {info['load_before']}.",
        "",
        f"Set-up: gunicorn {info['gunicorn']} with {WORKERS} sync workers, settings "
        "`doorleren.conf.loadtest` (production settings on plain HTTP), database "
        f"`{DATABASE}` with the demo region at {info['residents']:,} residents. locust {info['locust']} "
        f"on the same machine: {USERS} users, think time 2-5 s; residents : employers : programme office = "
        f"16 : 3 : 1; {info['accounts']} accounts with a load-test password. Users start at "
        f"{SPAWN_RATE:g} a second and log in once; the table is the {SECONDS} s after that, with all "
        f"{USERS} users logged in. Before it, every kind of page was visited {3 * WORKERS} times "
        f"({info['warm_seconds']:.0f} s), so each worker had loaded its code and caches.",
        "",
        "| page | requests | errors | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, page in summary["pages"].items():
        label = "**all**" if name == "Aggregated" else name
        lines.append(
            f"| {label} | {page['requests']:,} | {page['errors']} | {page['p50_ms']:.0f} | "
            f"{page['p95_ms']:.0f} | {page['p99_ms']:.0f} | {page['max_ms']:.0f} |"
        )
    goal = ", ".join(f"{name} {p95:.0f} ms" for name, p95 in summary["goal_p95"].items())
    lines += [
        "",
        f"Goal: zero errors and p95 < {GOAL_P95_MS} ms for {', '.join(GOAL_PAGES)} "
        f"({goal}): **{'met' if summary['goal_met'] else 'NOT met'}**. "
        f"Errors: {summary['errors']}. Throughput: {summary['pages'].get('Aggregated', {}).get('rps', 0):.1f} "
        "requests/s.",
    ]
    ramp = summary["ramp"]
    login = ramp["pages"].get("inloggen")
    if login:
        lines.append(
            f"Ramp ({ramp.get('users', USERS)} users starting): {login['requests']} logins, p50 "
            f"{login['p50_ms']:.0f} ms, p95 {login['p95_ms']:.0f} ms; errors during the ramp: {ramp['errors']}."
        )
    if info.get("prepare", {}).get("built"):
        prepare = info["prepare"]
        lines.append(
            f"Building the database: migrate {prepare['migrate_s']:.0f} s, ESCO import "
            f"{prepare['esco_s']:.0f} s, demo {prepare['demo_s']:.0f} s."
        )
    for failure in summary["failures"][:10]:
        lines.append(f"- error on {failure['name']} ({failure['count']}×): {failure['error'][:200]}")
    return "\n".join(lines) + "\n"


def _version(args: list[str]) -> str:
    result = subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603
    return (result.stdout or result.stderr).strip().splitlines()[0] if result.returncode == 0 else "?"


def load_benchmark(*, progress=None) -> tuple[dict, str]:
    if connection.vendor != "postgresql":
        raise ApplicationError(
            _(
                "Deze meting heeft PostgreSQL nodig. Zet DATABASE_URL op een PostgreSQL-server, bijvoorbeeld postgres://postgres@127.0.0.1:5432/test."
            ),
            code="bench_needs_postgresql",
        )
    url = _database_url(DATABASE)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "doorleren.conf.dev",
        "PYTHONUNBUFFERED": "1",
    }
    prepare = _prepare_database(url, env, progress)
    password = secrets.token_urlsafe(18)
    accounts = _accounts(url, password)
    serve_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "doorleren.conf.loadtest",
        "SECRET_KEY": secrets.token_urlsafe(60),
    }
    _command(["collectstatic", "--no-input"], serve_env, progress=progress, what="collectstatic")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    # locust's CSV files and gunicorn's log stay in var/bench-load/ for a closer look after the run.
    output = PROJECT_ROOT / "var" / "bench-load"
    output.mkdir(parents=True, exist_ok=True)
    for old in output.glob("locust_*.csv"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="doorleren-load-") as tmp:
        accounts_file = Path(tmp) / "accounts.json"
        accounts_file.write_text(json.dumps(accounts), encoding="utf-8")
        _say(progress, f"gunicorn starten op {base} ({WORKERS} workers)")
        server = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                "doorleren.conf.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(WORKERS),
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            env=serve_env,
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(output / "gunicorn.log", "w", encoding="utf-8"),  # noqa: SIM115
        )
        try:
            _wait_ready(base, server)
            warm_seconds = _warm_up(base, accounts, progress)
            load_before = os.getloadavg()[0]
            prefix = str(output / "locust")
            ramp_file = output / "locust_ramp.json"
            ramp_file.unlink(missing_ok=True)
            _say(progress, f"locust: {USERS} gebruikers, {SECONDS} s")
            run = subprocess.run(  # noqa: S603
                [
                    str(BIN / "locust"),
                    "-f",
                    str(LOCUSTFILE),
                    "--headless",
                    "--users",
                    str(USERS),
                    "--spawn-rate",
                    str(SPAWN_RATE),
                    "--run-time",
                    f"{math.ceil(USERS / SPAWN_RATE) + SECONDS}s",
                    "--host",
                    base,
                    "--csv",
                    prefix,
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                env={
                    **os.environ,
                    "DOORLEREN_LOAD_ACCOUNTS": str(accounts_file),
                    "DOORLEREN_LOAD_RAMP": str(ramp_file),
                },
                capture_output=True,
                text=True,
                check=False,
            )
            (output / "locust.log").write_text(run.stderr, encoding="utf-8")
            if not Path(f"{prefix}_stats.csv").exists():
                raise ApplicationError(
                    _("locust gaf geen resultaten: %(error)s") % {"error": run.stderr.strip()[-500:]},
                    code="bench_load_locust_failed",
                )
            stats, failures = _read_stats(prefix)
            ramp = json.loads(ramp_file.read_text(encoding="utf-8")) if ramp_file.exists() else None
            if not any(int(row["Request Count"]) for row in stats):
                raise ApplicationError(
                    _("locust deed geen enkel verzoek: %(error)s") % {"error": run.stderr.strip()[-500:]},
                    code="bench_load_locust_failed",
                )
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    if ramp is None:
        raise ApplicationError(
            _("Niet alle gebruikers kwamen op gang: verhoog de looptijd of de startsnelheid."),
            code="bench_load_ramp_incomplete",
        )
    summary = summarise(stats, failures, ramp)
    with psycopg.connect(url) as conn:
        postgres = conn.execute("SHOW server_version").fetchone()[0]
    info = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine_line(machine_description()),
        "postgres": postgres,
        "load_before": f"{load_before:.2f}",
        "gunicorn": _version([str(BIN / "gunicorn"), "--version"]).split()[-1].strip(")"),
        "locust": _version([str(BIN / "locust"), "--version"]).split()[1],
        "residents": prepare["residents"],
        "accounts": sum(len(accounts[role]) for role in ("resident", "employer", "programme_office")),
        "prepare": prepare,
        "warm_seconds": warm_seconds,
    }
    figures = {
        "residents": prepare["residents"],
        "users": USERS,
        "seconds": SECONDS,
        "workers": WORKERS,
        **{k: v for k, v in summary.items() if k != "pages"},
        "pages": summary["pages"],
    }
    return figures, _markdown(summary, info)

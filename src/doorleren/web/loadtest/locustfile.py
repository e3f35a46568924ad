"""Locust scenario for ``doorleren bench load`` (docs/benchmarks.md, "Load").

Three kinds of visitors, each logged in with their own session, think 2-5 s between pages:

- residents (weight 16): their profile ("Wat kan ik?"), work that fits, a learning route to one of
  the matches (or to an occupation when nothing matches), their start page and budgets;
- employers (weight 3): start page, their vacancies, the candidates for one vacancy, the firm scan;
- the programme office (weight 1): the monitoring dashboard and the regional picture.

The accounts come from a JSON file (``DOORLEREN_LOAD_ACCOUNTS``) written by the benchmark:
``{"password": ..., "resident": [...], "employer": [...], "programme_office": [...]}``.
A response counts as an error when its status is not 200 or it ends on the login page (a lost session).

Two phases: while locust starts the users, each logs in once (an Argon2 hash per login). When all
users run, the figures of that ramp are written to ``DOORLEREN_LOAD_RAMP`` (JSON) and the statistics
start again: locust's own CSV files hold the steady state with every user logged in.
This file is run by locust, not by Django: it imports nothing from doorleren.
"""

from __future__ import annotations

import json
import os
import random
import re

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

with open(os.environ["DOORLEREN_LOAD_ACCOUNTS"], encoding="utf-8") as _file:
    ACCOUNTS = json.load(_file)
LOGIN_PATH = "/account/inloggen/"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ROUTE_LINK = re.compile(r'href="(/leren/route/\?[^"]+)"')
CANDIDATES_LINK = re.compile(r'href="(/werk/\d+/kandidaten/)"')
GOAL_SELECT = re.compile(r'<select[^>]*name="doel"[^>]*>(.*?)</select>', re.DOTALL)
OPTION = re.compile(r'<option value="([^"]+)"')  # not the empty "Kies een beroep"


@events.spawning_complete.add_listener
def _ramp_done(user_count, **_kwargs):
    """Keep the ramp's figures (logins included), then measure the steady state from zero."""
    from locust.runners import MasterRunner, WorkerRunner

    runner = _ENVIRONMENT["runner"]
    if isinstance(runner, (MasterRunner, WorkerRunner)):
        return
    ramp = {}
    for (name, method), entry in runner.stats.entries.items():
        ramp[name] = {
            "method": method,
            "requests": entry.num_requests,
            "errors": entry.num_failures,
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "max_ms": entry.max_response_time,
        }
    ramp_path = os.environ.get("DOORLEREN_LOAD_RAMP")
    if ramp_path:
        with open(ramp_path, "w", encoding="utf-8") as handle:
            json.dump({"users": user_count, "pages": ramp, "errors": runner.stats.total.num_failures}, handle)
    runner.stats.reset_all()


_ENVIRONMENT: dict = {}


@events.init.add_listener
def _keep_environment(environment, **_kwargs):
    _ENVIRONMENT["runner"] = environment.runner


class _Visitor(FastHttpUser):
    abstract = True
    wait_time = between(2, 5)
    role = ""

    def on_start(self):
        self.random = random.Random()
        self.username = self.random.choice(ACCOUNTS[self.role])
        self.login()

    def login(self):
        page = self.client.get(LOGIN_PATH, name="inloggen (formulier)")
        token = CSRF.search(page.text or "")
        with self.client.post(
            LOGIN_PATH,
            data={
                "username": self.username,
                "password": ACCOUNTS["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}{LOGIN_PATH}"},
            name="inloggen",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or LOGIN_PATH in response.url:
                response.failure(f"login failed for {self.username}: {response.status_code}")

    def page(self, path: str, name: str):
        """GET a page as this visitor; an error when it is not a 200 or ends on the login page."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif LOGIN_PATH in response.url:
                response.failure("sent to the login page (session lost)")
            return response


class Resident(_Visitor):
    weight = 16
    role = "resident"
    routes: list[str]

    def on_start(self):
        super().on_start()
        self.routes = []

    @task(3)
    def profile(self):
        self.page("/profiel/", "profiel")

    @task(3)
    def matches(self):
        response = self.page("/werk/passend/", "passend werk")
        self.routes = ROUTE_LINK.findall(response.text or "")[:10]

    @task(2)
    def route(self):
        if not self.routes:
            form = self.page("/leren/route/", "leerroute (formulier)")
            select = GOAL_SELECT.search(form.text or "")
            codes = OPTION.findall(select.group(1)) if select else []
            if not codes:
                return
            self.routes = [f"/leren/route/?doel={self.random.choice(codes)}"]
        self.page(self.random.choice(self.routes).replace("&amp;", "&"), "leerroute")

    @task(1)
    def start_page(self):
        self.page("/start/", "start")

    @task(1)
    def budgets(self):
        self.page("/budgetten/", "budgetten")


class Employer(_Visitor):
    weight = 3
    role = "employer"
    candidates: list[str]

    def on_start(self):
        super().on_start()
        self.candidates = []

    @task(1)
    def start_page(self):
        self.page("/start/", "start")

    @task(2)
    def vacancies(self):
        response = self.page("/werk/mijn/", "mijn vacatures")
        self.candidates = CANDIDATES_LINK.findall(response.text or "")

    @task(2)
    def candidates_page(self):
        if self.candidates:
            self.page(self.random.choice(self.candidates), "kandidaten")

    @task(1)
    def scan(self):
        self.page("/bedrijf/scan/", "bedrijfsscan")


class ProgrammeOffice(_Visitor):
    weight = 1
    role = "programme_office"

    @task(3)
    def dashboard(self):
        self.page("/monitoring/", "monitoring")

    @task(1)
    def picture(self):
        self.page("/regionaal-beeld/", "regionaal beeld")

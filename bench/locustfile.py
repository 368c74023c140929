"""Locust journeys of the load test; bench/load.py runs them (see bench/README.md).

Four kinds of users, each virtual user on its own account so every write is attributable:
operators (API token: list, detail, create, complete, submit), curators (login form session:
queue HTML and API, detail page, reviews), admins (session: lists, compliance, launch report)
and anonymous visitors (public catalogue). Every request, its time and status, and every
successful write (by id) are recorded and written to the file named in the configuration when
the run ends: load.py compares the writes with the rows in the database and computes the
figures itself.

Configuration: the JSON file named by the LOAD_CONFIG environment variable (written by load.py).
"""

import itertools
import json
import os
import random
import time
import uuid
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser

CONFIG = json.loads(Path(os.environ["LOAD_CONFIG"]).read_text(encoding="utf-8"))
SEED_YEAR = CONFIG["seed_year"]
LOAD_YEAR = CONFIG["load_year"]
PASSWORD = CONFIG["password"]
MARKER = CONFIG["patch_marker"]
TIMEOUT = 30  # seconds per request: a request slower than this is an error, not a hang
MAX_REQUESTS = CONFIG["max_requests"]  # a hard bound besides --run-time
RUN_ID = uuid.uuid4().hex[:6]

RECORD = {
    "requests": [],  # [name, milliseconds, status, started (epoch seconds)]
    "failures": [],  # {name, method, url, status, detail}
    "writes": {"create": [], "patch": [], "submit": [], "review": [], "review_replaced": []},
    "logins": {"ok": 0, "failed": 0},
    "signed_in_at": [],  # when each sign-in ended: the ramp-up is over after the last one
}
_accounts = {role: itertools.count() for role in ("operator", "curator", "admin")}
_titles = itertools.count(1)
_environment = {}


@events.init.add_listener
def _keep_environment(environment, **kwargs):
    _environment["runner"] = environment.runner


def claim(role):
    """The next unused account of the role: one account per virtual user."""
    emails = CONFIG["accounts"][role]
    index = next(_accounts[role])
    if index >= len(emails):
        raise StopUser()
    return emails[index]


@events.request.add_listener
def _record_request(request_type, name, response_time, response, exception, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    started = time.time() - response_time / 1000
    RECORD["requests"].append([name, round(response_time, 2), status, round(started, 3)])
    if len(RECORD["requests"]) == MAX_REQUESTS and _environment.get("runner"):
        RECORD["capped"] = True
        gevent.spawn(_environment["runner"].quit)
    if exception is not None:
        text = ""
        try:
            text = response.text[:300] if response is not None else ""
        except Exception:  # noqa: BLE001 - a broken body must not hide the failure itself
            text = ""
        RECORD["failures"].append(
            {
                "name": name,
                "method": request_type,
                "url": getattr(response, "url", "") if response is not None else "",
                "status": status,
                "detail": f"{exception!s}"[:300] + (f" | {text}" if text else ""),
            }
        )


def _dump(**kwargs):
    Path(CONFIG["record"]).write_text(json.dumps(RECORD), encoding="utf-8")


events.test_stop.add_listener(_dump)
events.quitting.add_listener(_dump)


def profile(tag, *, complete):
    """A profile as the API takes it; `complete` meets every rule of a submission."""
    number = next(_titles)
    return {
        "year": LOAD_YEAR,
        "title": f"Inovasi uji beban {RUN_ID}-{tag}-{number}",
        "origin": "mandiri",
        "form": "pelayanan_publik",
        "type": "digital",
        "initiator": "asn",
        "maturity": "uji_coba",
        "summary": "Layanan antrean daring puskesmas untuk mengurangi waktu tunggu warga.",
        "problem": "Warga menunggu berjam-jam di puskesmas tanpa kepastian giliran.",
        "design": CONFIG["design"] if complete else "Rancangan awal, belum lengkap.",
        "goals": "Waktu tunggu turun separuh dalam enam bulan.",
        "benefits": "Warga datang tepat waktu; petugas melayani lebih tertata.",
        "budget": 15000000,
        "affairs": ["kesehatan"],
        "innovators": [{"name": "Siti Rahmah", "nip": ""}],
    }


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def get(self, url, name):
        """A read must answer 200 itself: a redirect (to the login page) is a failure too."""
        with self.client.get(
            url, name=name, timeout=TIMEOUT, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"expected 200, got {response.status_code}")
            else:
                response.success()
            return response

    def write(self, method, url, name, expected, **kwargs):
        """A write whose answer must be exactly `expected`; returns the JSON body or None."""
        with self.client.request(
            method, url, name=name, timeout=TIMEOUT, catch_response=True, **kwargs
        ) as response:
            if response.status_code not in expected:
                response.failure(f"expected {expected}, got {response.status_code}")
                return None, response.status_code
            response.success()
            return response.json(), response.status_code


class Operator(PortalUser):
    """A unit's operator scripting the API with a token: drafts, completes and submits."""

    fixed_count = CONFIG["users"]["operator"]

    def on_start(self):
        self.email = claim("operator")
        body, _status = self.write(
            "POST",
            "/api/v1/auth/token/",
            "POST /api/v1/auth/token/",
            (200,),
            json={"email": self.email, "password": PASSWORD},
        )
        if body is None:
            RECORD["logins"]["failed"] += 1
            raise StopUser()
        RECORD["logins"]["ok"] += 1
        RECORD["signed_in_at"].append(time.time())
        self.client.headers["Authorization"] = f"Token {body['token']}"
        self.mine = []

    @task(3)
    def innovation_list_api(self):
        self.get(f"/api/v1/innovations/?year={LOAD_YEAR}", "GET /api/v1/innovations/ (operator)")

    @task(2)
    def innovation_detail_api(self):
        if self.mine:
            pk = random.choice(self.mine)  # noqa: S311
            self.get(f"/api/v1/innovations/{pk}/", "GET /api/v1/innovations/{id}/")

    @task(3)
    def create_and_submit(self):
        """One third submitted at once, one third completed by a PATCH then submitted, one
        third left as drafts."""
        plan = random.choice(("submit", "patch_submit", "draft"))  # noqa: S311
        body, _status = self.write(
            "POST",
            "/api/v1/innovations/",
            "POST /api/v1/innovations/",
            (201,),
            json=profile(self.email.split("@")[0], complete=plan == "submit"),
        )
        if body is None:
            return
        pk = body["id"]
        RECORD["writes"]["create"].append(pk)
        self.mine.append(pk)
        if plan == "draft":
            return
        if plan == "patch_submit":
            patched, _status = self.write(
                "PATCH",
                f"/api/v1/innovations/{pk}/",
                "PATCH /api/v1/innovations/{id}/",
                (200,),
                json={"design": CONFIG["design"], "results": f"{MARKER} {pk}"},
            )
            if patched is None:
                return
            RECORD["writes"]["patch"].append(pk)
        submitted, _status = self.write(
            "POST",
            f"/api/v1/innovations/{pk}/transitions/",
            "POST /api/v1/innovations/{id}/transitions/ (submit)",
            (200,),
            json={"action": "submit", "note": ""},
        )
        if submitted is not None:
            RECORD["writes"]["submit"].append(pk)


class SessionUser(PortalUser):
    """Signs in through the login form, as a browser does; the API then takes the session
    cookie, with the CSRF token in a header for writes (as the pages' scripts send it)."""

    abstract = True
    role = ""

    def on_start(self):
        self.email = claim(self.role)
        self.get("/accounts/login/", "GET /accounts/login/")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/accounts/login/",
            data={"username": self.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="POST /accounts/login/",
            timeout=TIMEOUT,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login answered {response.status_code}, not a redirect")
                RECORD["logins"]["failed"] += 1
                raise StopUser()
            response.success()
        RECORD["logins"]["ok"] += 1
        RECORD["signed_in_at"].append(time.time())
        self.csrf = self.client.cookies.get("csrftoken", "")

    def detail_page(self):
        pk = random.choice(CONFIG["detail_ids"])  # noqa: S311
        self.get(f"/innovations/{pk}/", "GET /innovations/{id}/ (HTML)")


class Curator(SessionUser):
    fixed_count = CONFIG["users"]["curator"]
    role = "curator"

    def on_start(self):
        super().on_start()
        self.reviewed = set()
        self.criteria = {}
        for year in (LOAD_YEAR, SEED_YEAR):
            response = self.get(
                f"/api/v1/cycles/{year}/criteria/", "GET /api/v1/cycles/{year}/criteria/"
            )
            if response.status_code != 200:
                raise StopUser()
            self.criteria[year] = [row["code"] for row in response.json()]

    @task(2)
    def queue_html(self):
        self.get(f"/curation/?year={SEED_YEAR}", "GET /curation/ (HTML)")

    @task(2)
    def queue_api(self):
        self.get(f"/api/v1/curation/queue/?year={SEED_YEAR}", "GET /api/v1/curation/queue/")

    @task(2)
    def detail(self):
        self.detail_page()

    @task(3)
    def review(self):
        """Review a submission not yet reviewed by this curator: the load year's first (the
        operators' fresh submissions), else one of the seeded year's queue."""
        target = self._pick(LOAD_YEAR, "GET /api/v1/curation/queue/ (load year)", "")
        if target is None:
            page = random.randint(1, 5)  # noqa: S311
            target = self._pick(
                SEED_YEAR, "GET /api/v1/curation/queue/ (to review)", f"&page={page}"
            )
        if target is None:
            return
        pk, year = target
        body, status = self.write(
            "POST",
            f"/api/v1/innovations/{pk}/reviews/",
            "POST /api/v1/innovations/{id}/reviews/",
            (200, 201),
            json={
                "scores": {code: random.randint(2, 5) for code in self.criteria[year]},  # noqa: S311
                "comment": "Uji beban: penilaian otomatis.",
                "recommendation": random.choice(("approve", "revise")),  # noqa: S311
            },
            headers={"X-CSRFToken": self.csrf},
        )
        if body is None:
            return
        self.reviewed.add(pk)
        # 201 is a new review; 200 would replace one (never expected: each curator reviews an
        # innovation once), kept apart so the row count can be checked exactly.
        RECORD["writes"]["review" if status == 201 else "review_replaced"].append([pk, self.email])

    def _pick(self, year, name, extra):
        response = self.get(f"/api/v1/curation/queue/?year={year}&page_size=100{extra}", name)
        if response.status_code != 200:
            return None
        rows = [
            row
            for row in response.json()["results"]
            if not row["reviewed_by_me"] and row["id"] not in self.reviewed
        ]
        if not rows:
            return None
        return random.choice(rows[:10])["id"], year  # noqa: S311


class Admin(SessionUser):
    fixed_count = CONFIG["users"]["admin"]
    role = "admin"

    @task(3)
    def list_html(self):
        self.get("/innovations/", "GET /innovations/ (HTML)")

    @task(3)
    def list_api(self):
        self.get("/api/v1/innovations/", "GET /api/v1/innovations/ (admin)")

    @task(2)
    def detail(self):
        self.detail_page()

    @task(2)
    def compliance_html(self):
        self.get(f"/compliance/?year={SEED_YEAR}", "GET /compliance/ (HTML)")

    @task(2)
    def compliance_api(self):
        self.get(f"/api/v1/compliance/?year={SEED_YEAR}", "GET /api/v1/compliance/")

    @task(1)
    def launch_report(self):
        self.get(
            f"/api/v1/reports/launch/{SEED_YEAR}/?include=approved",
            "GET /api/v1/reports/launch/{year}/ (JSON)",
        )


class Visitor(PortalUser):
    """An anonymous visitor of the public catalogue."""

    fixed_count = CONFIG["users"]["visitor"]

    @task(3)
    def catalogue_html(self):
        self.get("/katalog/", "GET /katalog/ (HTML)")

    @task(2)
    def catalogue_api(self):
        self.get("/api/v1/public/innovations/", "GET /api/v1/public/innovations/")

    @task(2)
    def catalogue_detail(self):
        code = random.choice(CONFIG["public_codes"])  # noqa: S311
        self.get(f"/katalog/{code}/", "GET /katalog/{code}/ (HTML)")

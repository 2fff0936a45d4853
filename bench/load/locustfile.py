"""The portal's real mix under locust, for `bench/load_test.py` (issue 6).

Five kinds of people, in these proportions (locust `weight`):

- 10 officers browsing (anonymous): home, categories, program pages, search, field offices, FAQ.
- 4 clerks (signed in, e-mail verified): file stakeholder requests, one in three through a
  saved draft, and read their list and their requests.
- 1 officer reporting (anonymous): files a cyber-incident report and reads the receipt.
- 2 ERO reviewers (staff, TOTP): work the admin queue (filters, search, request pages) and
  claim a request now and then.
- 1 agency desk member (staff, TOTP): works the desk list (filters, search, report pages) and
  acknowledges a new report now and then.

Every person signs in through the real pages (the system-use acknowledgement, then the TOTP
code for staff, computed from the secret `bench/load/accounts.py` enrolled), posts forms with
the CSRF token of the page, and checks that each answer is the page a person expects (the
receipt with its tracking number after a filing, and so on): any other answer is a failure.

Each simulated person connects from their own loopback address (127.x.y.z, all on this
machine), so the per-address limits (allauth's sign-in rate, the anonymous cyber-report limit)
count per person as they would in production, and nothing in the portal is loosened for the
test. An officer who files a report is a new person each time.

The load generator stands in for the TLS proxy in front of gunicorn: it sends
`X-Forwarded-Proto: https`, as the proxy does, and keeps the `Secure` cookies that production
sets, which a browser receives over HTTPS, on this plain loopback connection.

`StepShape` warms up, then raises the number of users step by step (`--steps 5,10,20,40`,
`--step-seconds`); at the end the figures of each step (step 0 is the warm-up) are written
beside locust's CSV files (`<csv prefix>_steps.csv`, `<csv prefix>_steps_by_page.csv`).
"""

import csv
import itertools
import json
import random
import re
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, LoadTestShape, between, events, task
from locust.stats import RequestStats
from requests.adapters import HTTPAdapter
from requests.cookies import RequestsCookieJar

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.totp import totp  # noqa: E402 - the project root is on the path only from here

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOTP_PERIOD = 30

SEARCH_TERMS = [
    "detainer",
    "287(g)",
    "LESC",
    "fugitive",
    "gang",
    "human trafficking",
    "cyber",
    "detention",
    "FOIA",
    "tip line",
    "document fraud",
    "removal statistics",
    "detainee locator",
    "child exploitation",
    "prosecutors",
    "drug task force",
    "intellectual property",
    "field office",
    "warrant",
    "ransomware",
]
FAMILY_NAMES = ["Rivera", "Nguyen", "Okafor", "Haddad", "Kim", "Mensah", "Castillo", "Patel"]
GIVEN_NAMES = ["Ana Maria", "Luis", "Minh", "Chidi", "Yasmin", "Jae", "Kofi", "Rosa", "Arjun"]
STATES = ["TX", "CA", "NY", "FL", "AZ", "IL", "GA", "VA", "WA", "PR"]


# --- Plumbing: addresses, cookies, pages, forms ----------------------------------------------

_addresses = itertools.count()


def next_address() -> str:
    """A loopback address of its own for each simulated person (127.10.0.1 onwards)."""
    n = next(_addresses)
    return f"127.{10 + n // 62_500}.{(n // 250) % 250 + 1}.{n % 250 + 1}"


class SourceAddressAdapter(HTTPAdapter):
    """Connects from one loopback address, as one person's browser would from their desk."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class BehindTLSProxyCookieJar(RequestsCookieJar):
    """Keeps `Secure` cookies on the loopback connection, where the TLS proxy would have
    carried them over HTTPS (requests would otherwise never send them back over http)."""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


def answer(response) -> str:
    """What went wrong, for locust's error report: the status and where it pointed, the
    page's title, or the connection error."""
    if not response.status_code:
        return f"no answer: {response.error!r}"
    title = re.search(r"<title>([^<]*)</title>", response.text or "")
    where = response.headers.get("Location") or (title.group(1).strip() if title else "")
    return f"{response.status_code} {where}"


class PortalUser(HttpUser):
    """A person with a browser: a loopback address, cookies, and pages checked as read."""

    abstract = True
    wait_time = between(1, 4)

    def on_start(self) -> None:
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.arrive()

    def arrive(self) -> None:
        """Become a new person: a fresh address and no cookies."""
        old = self.client.adapters.get("http://")
        if old is not None:
            old.close()
        self.client.mount("http://", SourceAddressAdapter(next_address()))
        self.client.cookies = BehindTLSProxyCookieJar()

    def page(self, path: str, marker: str, *, name: str | None = None, params=None) -> str:
        """GET a page that must answer 200 with `marker` in it; returns its HTML."""
        with self.client.get(
            path, params=params, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(answer(response))
                return ""
            if marker not in response.text:
                response.failure(f"{marker!r} is not on the page")
                return ""
            return response.text

    def post(
        self, path: str, form_html: str, data: dict, *, expect: str, name: str | None = None
    ) -> str:
        """POST a form as a browser does (the page's CSRF token, Origin and Referer); the
        answer must be a redirect whose path matches `expect`. Returns its Location."""
        token = CSRF.search(form_html)
        if token is None:
            return ""
        base = f"https://{urlsplit(self.host).netloc}"
        with self.client.post(
            path,
            data={"csrfmiddlewaretoken": token.group(1), **data},
            headers={"Origin": base, "Referer": base + path},
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            target = urlsplit(location).path
            if response.status_code != 302 or not re.fullmatch(expect, target):
                response.failure(answer(response))
                return ""
            return location

    def follow(self, location: str, marker: str, *, name: str) -> str:
        """GET where a redirect points (path and query)."""
        parts = urlsplit(location)
        return self.page(parts.path + (f"?{parts.query}" if parts.query else ""), marker, name=name)

    def sign_in(self, email: str, password: str, landing: str, marker: str, secret: str = ""):
        """The portal's sign-in: e-mail, password, the system-use notice, then for staff the
        TOTP code; ends on `landing`, which must show `marker`."""
        login = f"/accounts/login/?next={landing}"
        form = self.page(login, "acknowledge_notice", name="/accounts/login/")
        data = {"login": email, "password": password, "acknowledge_notice": "on"}
        if not secret:
            location = self.post(
                login, form, data, expect=re.escape(urlsplit(landing).path), name="sign in"
            )
            return self.follow(location, marker, name="sign in: landing") if location else ""
        location = self.post(
            login, form, data, expect="/accounts/2fa/authenticate/", name="sign in"
        )
        if not location:
            return ""
        form = self.follow(location, 'name="code"', name="/accounts/2fa/authenticate/")
        # allauth accepts the code of the current 30-second period only, once: wait for a
        # fresh period rather than type a code about to expire.
        left = TOTP_PERIOD - time.time() % TOTP_PERIOD
        if left < 3:
            time.sleep(left + 0.5)
        location = self.post(
            "/accounts/2fa/authenticate/",
            form,
            {"code": totp(secret)},
            expect=re.escape(urlsplit(landing).path),
            name="sign in: TOTP code",
        )
        return self.follow(location, marker, name="sign in: landing") if location else ""


def load_accounts(environment) -> dict:
    path = environment.parsed_options.accounts
    if not path:
        raise SystemExit("--accounts FILE is required (bench/load_test.py writes it)")
    return json.loads(Path(path).read_text())


_account_counters: dict[str, itertools.count] = {}


def take_account(environment, role: str) -> dict:
    """A different account for each simulated staff member or clerk: a TOTP code may be used
    once, so two users sharing an account could refuse each other's sign-in."""
    accounts = environment.leacorner_accounts
    counter = _account_counters.setdefault(role, itertools.count())
    people = accounts[role]
    return {"password": accounts["password"], **people[next(counter) % len(people)]}


@events.init.add_listener
def _read_accounts(environment, **_kwargs) -> None:
    environment.leacorner_accounts = load_accounts(environment)


# --- Officers browsing the directory -----------------------------------------------------

_directory: dict[str, set[str]] = {"categories": set(), "programs": set()}


class DirectoryVisitor(PortalUser):
    """An officer reading the directory: mostly program pages, often through a category or a
    search, sometimes the field offices or the FAQ."""

    weight = 10

    def learn(self, html: str) -> None:
        _directory["categories"].update(re.findall(r'href="(/directory/categories/[^"]+/)"', html))
        _directory["programs"].update(re.findall(r'href="(/directory/programs/[^"]+/)"', html))

    def on_start(self) -> None:
        super().on_start()
        self.learn(self.page("/", "Law Enforcement Assistance Corner"))

    @task(2)
    def home(self) -> None:
        self.learn(self.page("/", "Law Enforcement Assistance Corner"))

    @task(3)
    def category(self) -> None:
        if _directory["categories"]:
            path = random.choice(sorted(_directory["categories"]))
            self.learn(self.page(path, "<h1", name="/directory/categories/[slug]/"))

    @task(5)
    def program(self) -> None:
        if _directory["programs"]:
            path = random.choice(sorted(_directory["programs"]))
            self.page(path, 'id="program-name"', name="/directory/programs/[slug]/")

    @task(3)
    def search(self) -> None:
        html = self.page(
            "/directory/search/",
            "Search programs and FAQs",
            params={"q": random.choice(SEARCH_TERMS)},
            name="/directory/search/?q=[term]",
        )
        self.learn(html)

    @task(1)
    def field_offices(self) -> None:
        params = {"state": random.choice(STATES)} if random.random() < 0.5 else None
        self.page(
            "/directory/field-offices/",
            "ERO field offices",
            params=params,
            name="/directory/field-offices/",
        )

    @task(1)
    def faq(self) -> None:
        self.page("/directory/faq/", "Frequently asked questions")


# --- Clerks filing stakeholder requests --------------------------------------------------


def stakeholder_request_data() -> dict:
    """A complete, valid request about a made-up person (random enough not to look like a
    duplicate of another one)."""
    today = date.today()
    born = today - timedelta(days=random.randint(18 * 365, 70 * 365))
    missed = today - timedelta(days=random.randint(1, 120))
    return {
        "requester_name": "Pat Clerk",
        "requester_title": "Deputy clerk",
        "agency_name": "Arlington General District Court",
        "agency_type": random.choice(["court", "probation", "prosecutor", "pretrial"]),
        "agency_type_other": "",
        "agency_ori": "VA0070000",
        "requester_phone": "703-555-0199",
        "mailing_address": "1425 N Courthouse Rd\nArlington, VA 22201",
        "subject_family_name": random.choice(FAMILY_NAMES),
        "subject_given_names": random.choice(GIVEN_NAMES),
        "subject_middle_name": "",
        "subject_other_names": "",
        "subject_date_of_birth": born.isoformat(),
        "subject_country_of_birth": "Honduras",
        "subject_sex": random.choice(["female", "male"]),
        "a_number": f"A{random.randint(0, 999_999_999):09d}",
        "fbi_number": "",
        "state_id_number": "",
        "booking_number": "",
        "obligation_type": "court_appearance",
        "obligation_type_other": "",
        "obligation_date": missed.isoformat(),
        "obligation_court": "Arlington General District Court",
        "case_number": f"GC26-{random.randint(1000, 9999)}",
        "obligation_description": "Failed to appear for a hearing; a capias was issued.",
        "information_requested": ["wants_custody_on_date", "wants_current_status"],
        "attested": "on",
    }


class Clerk(PortalUser):
    """A court clerk: files requests and follows the ones already filed."""

    weight = 4
    LIST = "/stakeholder-requests/"

    def on_start(self) -> None:
        super().on_start()
        account = take_account(self.environment, "clerk")
        self.known: list[str] = []
        html = self.sign_in(
            account["email"], account["password"], self.LIST, "My stakeholder requests"
        )
        self.learn(html)

    def learn(self, html: str) -> None:
        found = re.findall(r'href="(/stakeholder-requests/\d+/)"', html)
        self.known = (found + self.known)[:50]

    @task(3)
    def my_requests(self) -> None:
        self.learn(self.page(self.LIST, "My stakeholder requests"))

    @task(1)
    def my_requests_by_status(self) -> None:
        status = random.choice(["submitted", "in_review", "needs_info", "approved", "denied"])
        html = self.page(
            self.LIST,
            "My stakeholder requests",
            params={"status": status},
            name="/stakeholder-requests/?status=[status]",
        )
        self.learn(html)

    @task(3)
    def open_request(self) -> None:
        if self.known:
            path = random.choice(self.known)
            self.page(path, "Request CJS-", name="/stakeholder-requests/[pk]/")

    @task(2)
    def file_request(self) -> None:
        """The new-request form; one time in three saved as a draft first and submitted from
        the draft; the duplicate warning, if shown, answered with "Submit anyway"."""
        form_path = "/stakeholder-requests/new/"
        form = self.page(form_path, "New stakeholder request")
        if not form:
            return
        data = stakeholder_request_data()
        if random.random() < 1 / 3:
            location = self.post(
                form_path,
                form,
                {**data, "action": "save"},
                expect=r"/stakeholder-requests/drafts/\d+/",
                name="/stakeholder-requests/new/ [save draft]",
            )
            if not location:
                return
            form_path = urlsplit(location).path
            form = self.follow(
                location, "New stakeholder request", name="/stakeholder-requests/drafts/[pk]/"
            )
            if not form:
                return
        location = self.submit(form_path, form, data)
        if not location:
            return
        self.follow(
            location, 'id="tracking-number">CJS-', name="/stakeholder-requests/[pk]/submitted/"
        )

    def submit(self, path: str, form: str, data: dict) -> str:
        """Submit the request; a duplicate warning is answered with "Submit anyway" (the form
        of the page that warned, which posts to the draft the first post saved)."""
        token = CSRF.search(form)
        if token is None:
            return ""
        base = f"https://{urlsplit(self.host).netloc}"
        payload = {"csrfmiddlewaretoken": token.group(1), **data, "action": "submit"}
        for _attempt in range(2):
            with self.client.post(
                path,
                data=payload,
                headers={"Origin": base, "Referer": base + path},
                name=re.sub(r"/\d+/", "/[pk]/", path) + " [submit]",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                location = response.headers.get("Location", "")
                if response.status_code == 302 and re.fullmatch(
                    r"/stakeholder-requests/\d+/submitted/", urlsplit(location).path
                ):
                    return location
                seen = re.search(r'name="duplicates_seen" value="([^"]*)"', response.text)
                action = re.search(
                    r'id="request-form" method="post" action="([^"]+)"', response.text
                )
                warned = 'id="duplicate-warning"' in response.text
                if response.status_code == 200 and warned and seen and action:
                    response.success()
                    payload["duplicates_seen"] = seen.group(1)
                    path = action.group(1)
                    continue
                response.failure(answer(response))
                return ""
        return ""


# --- Officers filing cyber-incident reports ----------------------------------------------


def cyber_report_data(form_html: str) -> dict:
    """A complete report (ransomware at a hospital, detected in the last day), with incident
    types taken from the form as a browser would."""
    types = re.findall(r'name="incident_types" value="(\d+)"', form_html)
    detected = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(
        minutes=random.randint(30, 24 * 60)
    )
    started = detected - timedelta(hours=random.randint(1, 12))
    return {
        "reporter_name": "Dana Whitfield",
        "reporter_title": "Detective Sergeant",
        "reporter_organization": "Riverton Police Department",
        "reporter_address": "100 Main Street\nRiverton, OH 45000",
        "reporter_phone": "(555) 010-4477",
        "reporter_email": "d.whitfield@riverton-pd.example",
        "entity_name": f"Riverton General Hospital {random.randint(1, 999)}",
        "entity_owner": "Riverton Health System",
        "entity_contact": "Sam Ortiz, CISO, (555) 010-9000",
        "entity_type": "non_profit",
        "sector": random.choice(["healthcare", "government_facilities", "water"]),
        "incident_types": random.sample(types, k=min(2, len(types))),
        "started_at": started.strftime("%Y-%m-%dT%H:%M"),
        "detected_at": detected.strftime("%Y-%m-%dT%H:%M"),
        "time_zone": "UTC",
        "ongoing": "yes",
        "attack_vector": "email",
        "detection_method": "Staff could not open patient records; ransom note on screens.",
        "assets_affected": "Electronic health records, imaging servers",
        "systems_affected": str(random.randint(1, 500)),
        "functional_impact": "denial_critical",
        "information_impact": ["suspected"],
        "recoverability": "extended",
        "activity_location": "critical_systems",
        "critical_functions_affected": "yes",
        "control_system_compromised": "no",
        "impact_synopsis": "Ambulances diverted; surgeries postponed.",
        "actions_taken": "Network isolated; backups checked.",
        "technical_assistance_requested": "on",
        "destination_addresses": "203.0.113.5:443\n3389",
        "destination_urls": "hxxps://pay-now[.]example/ransom",
        "source_addresses": f"198.51.100.{random.randint(1, 254)}",
        "operating_systems": "Windows Server 2019",
        "homepage": "",
        "status-TOTAL_FORMS": "3",
        "status-INITIAL_FORMS": "0",
        "status-MIN_NUM_FORMS": "0",
        "status-MAX_NUM_FORMS": "20",
        "status-0-occurred_at": detected.strftime("%Y-%m-%dT%H:%M"),
        "status-0-description": "Systems isolated from the internet",
    }


class CyberReporter(PortalUser):
    """An officer who reads the guidance and files a cyber-incident report; a new person
    (address, browser) for every report."""

    weight = 1
    wait_time = between(3, 8)

    @task
    def file_report(self) -> None:
        self.arrive()
        if random.random() < 0.5:
            self.page("/cyber-incidents/", "<h1")
        form_path = "/cyber-incidents/report/"
        form = self.page(form_path, "Report a cyber incident")
        if not form:
            return
        location = self.post(
            form_path,
            form,
            cyber_report_data(form),
            expect=r"/cyber-incidents/report/CIR-\d{4}-\d{6}/received/",
            name="/cyber-incidents/report/ [submit]",
        )
        if location:
            self.follow(
                location,
                "Your report was received",
                name="/cyber-incidents/report/[number]/received/",
            )


# --- Staff working their queues ------------------------------------------------------------


class Reviewer(PortalUser):
    """An ERO reviewer in the admin queue: the open queue, its filters, a search, the request
    pages, and now and then claiming an unassigned request."""

    weight = 2
    QUEUE = "/admin/stakeholder_forms/stakeholderrequest/"
    FILTERS = [
        {"status": "submitted", "assigned": "none"},
        {"assigned": "me"},
        {"age": "overdue"},
        {"status": "needs_info"},
        {"agency_type": "court"},
    ]

    def on_start(self) -> None:
        super().on_start()
        account = take_account(self.environment, "reviewer")
        self.rows: list[str] = []
        html = self.sign_in(
            account["email"],
            account["password"],
            self.QUEUE,
            'id="changelist"',
            secret=account["totp_secret"],
        )
        self.learn(html)

    def learn(self, html: str) -> None:
        rows = re.findall(r'href="(/admin/stakeholder_forms/stakeholderrequest/\d+/change/)', html)
        if rows:
            self.rows = rows

    @task(3)
    def queue(self) -> None:
        self.learn(self.page(self.QUEUE, 'id="changelist"', name="admin queue"))

    @task(2)
    def filtered_queue(self) -> None:
        html = self.page(
            self.QUEUE,
            'id="changelist"',
            params=random.choice(self.FILTERS),
            name="admin queue: filter",
        )
        self.learn(html)

    @task(1)
    def search(self) -> None:
        term = random.choice(FAMILY_NAMES)
        if self.rows and random.random() < 0.5:
            html = self.page(self.rows[0], "CJS-", name="admin request")
            found = re.search(r"CJS-\d{4}-\d{6}", html)
            term = found.group(0) if found else term
        self.page(self.QUEUE, 'id="changelist"', params={"q": term}, name="admin queue: search")

    @task(3)
    def open_request(self) -> None:
        if self.rows:
            self.page(random.choice(self.rows), "CJS-", name="admin request")

    @task(1)
    def claim(self) -> None:
        html = self.page(
            self.QUEUE,
            'id="changelist"',
            params={"status": "submitted", "assigned": "none"},
            name="admin queue: filter",
        )
        rows = re.findall(r'href="(/admin/stakeholder_forms/stakeholderrequest/\d+/change/)', html)
        if not rows:
            return
        change = random.choice(rows[:10])
        page = self.page(change, "CJS-", name="admin request")
        version = re.search(r'name="version" value="(\d+)"', page)
        if "/claim/" not in page or version is None:
            return  # claimed by someone else meanwhile
        claim = change.replace("/change/", "/claim/")
        location = self.post(
            claim,
            page,
            {"version": version.group(1)},
            expect=r"/admin/stakeholder_forms/stakeholderrequest/\d+/change/",
            name="admin request: claim",
        )
        if location:
            self.follow(location, "CJS-", name="admin request")


class DeskMember(PortalUser):
    """A member of an agency's cyber desk: the desk list, its filters and search, the report
    pages, and acknowledging a new report with the agency's case number."""

    weight = 1

    def on_start(self) -> None:
        super().on_start()
        account = take_account(self.environment, "desk")
        self.desk = f"/cyber-incidents/desk/{account['agency']}/"
        self.reports: list[str] = []
        html = self.sign_in(
            account["email"],
            account["password"],
            self.desk,
            "cyber-incident reports",
            secret=account["totp_secret"],
        )
        self.learn(html)

    def learn(self, html: str) -> None:
        found = re.findall(rf'href="({re.escape(self.desk)}CIR-\d{{4}}-\d{{6}}/)"', html)
        if found:
            self.reports = found

    @task(3)
    def desk_list(self) -> None:
        self.learn(self.page(self.desk, "cyber-incident reports", name="desk list"))

    @task(2)
    def filtered_list(self) -> None:
        params = random.choice(
            [
                {"status": "new"},
                {"sector": "healthcare"},
                {"status": "acknowledged", "sector": "water"},
                {"q": "Hospital"},
            ]
        )
        self.learn(
            self.page(self.desk, "cyber-incident reports", params=params, name="desk list: filter")
        )

    @task(3)
    def open_report(self) -> None:
        if self.reports:
            self.page(random.choice(self.reports), "CIR-", name="desk report")

    @task(1)
    def acknowledge(self) -> None:
        html = self.page(
            self.desk, "cyber-incident reports", params={"status": "new"}, name="desk list: filter"
        )
        found = re.findall(rf'href="({re.escape(self.desk)}CIR-\d{{4}}-\d{{6}}/)"', html)
        if not found:
            return
        report = random.choice(found[:10])
        page = self.page(report, "CIR-", name="desk report")
        if "/acknowledge/" not in page:
            return  # acknowledged by a colleague meanwhile
        location = self.post(
            report + "acknowledge/",
            page,
            {"case_number": f"CASE-{random.randint(10_000, 99_999)}"},
            expect=re.escape(report),
            name="desk report: acknowledge",
        )
        if location:
            self.follow(location, "CIR-", name="desk report")


# --- Steps of rising concurrency, and the figures of each step -------------------------------


@events.init_command_line_parser.add_listener
def _arguments(parser) -> None:
    parser.add_argument("--accounts", default="", help="JSON written by bench/load/accounts.py")
    parser.add_argument("--steps", default="2,5,10,20,40", help="users in each step, rising")
    parser.add_argument("--step-seconds", type=float, default=35.0, help="length of each step")
    parser.add_argument("--warmup-seconds", type=float, default=15.0, help="before the steps")


class StepShape(LoadTestShape):
    """A warm-up of `--warmup-seconds` with the first step's users (reported apart: it pays
    for the workers' first connections and templates), then `--steps` users for
    `--step-seconds` each; each step's newcomers arrive within about five seconds."""

    use_common_options = True

    def tick(self):
        options = self.runner.environment.parsed_options
        steps = [int(n) for n in options.steps.split(",")]
        run_time = self.get_run_time()
        if run_time < options.warmup_seconds:
            step = 0
        else:
            step = 1 + int((run_time - options.warmup_seconds) // options.step_seconds)
        if step > len(steps):
            return None
        users = steps[max(step - 1, 0)]
        if step != _steps.current:
            _steps.begin(step, users)
        previous = steps[step - 2] if step >= 2 else 0
        return users, max(1.0, (users - previous) / 5)


class _Steps:
    """One locust RequestStats per step, filled by the same request events as locust's own."""

    def __init__(self) -> None:
        self.current = -1
        self.stats: list[tuple[int, int, float, RequestStats]] = []  # step, users, start, stats
        self.ended: float | None = None

    def begin(self, step: int, users: int) -> None:
        self.current = step
        self.stats.append((step, users, time.monotonic(), RequestStats()))

    def end(self) -> None:
        self.ended = self.ended or time.monotonic()

    def record(self, request_type, name, response_time, response_length, exception) -> None:
        if not self.stats:
            return
        stats = self.stats[-1][3]
        stats.log_request(request_type, name, response_time, response_length or 0)
        if exception:
            stats.log_error(request_type, name, exception)

    def write(self, prefix: str) -> None:
        self.end()
        steps, pages = [], []
        for i, (step, users, started, stats) in enumerate(self.stats):
            finished = self.stats[i + 1][2] if i + 1 < len(self.stats) else self.ended
            total = stats.total
            seconds = max(finished - started, 1e-9)
            steps.append(
                {
                    "step": step,
                    "users": users,
                    "seconds": round(seconds, 1),
                    "requests": total.num_requests,
                    "failures": total.num_failures,
                    "rps": round(total.num_requests / seconds, 2),
                    "p50": total.get_response_time_percentile(0.5),
                    "p95": total.get_response_time_percentile(0.95),
                    "p99": total.get_response_time_percentile(0.99),
                    "max": round(total.max_response_time or 0),
                }
            )
            for (name, method), entry in sorted(stats.entries.items()):
                pages.append(
                    {
                        "step": step,
                        "users": users,
                        "method": method,
                        "name": name,
                        "requests": entry.num_requests,
                        "failures": entry.num_failures,
                        "p50": entry.get_response_time_percentile(0.5),
                        "p95": entry.get_response_time_percentile(0.95),
                        "max": round(entry.max_response_time or 0),
                    }
                )
            for error in stats.errors.values():
                pages.append(
                    {
                        "step": step,
                        "users": users,
                        "method": error.method,
                        "name": f"{error.name}: {error.error}"[:300],
                        "requests": 0,
                        "failures": error.occurrences,
                    }
                )
        for suffix, rows in (("_steps.csv", steps), ("_steps_by_page.csv", pages)):
            if not rows:
                continue
            fields = list(dict.fromkeys(key for row in rows for key in row))
            with open(f"{prefix}{suffix}", "w", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=fields)
                writer.writeheader()
                writer.writerows(rows)


_steps = _Steps()


@events.request.add_listener
def _count(request_type, name, response_time, response_length, exception=None, **_kwargs):
    _steps.record(request_type, name, response_time, response_length, exception)


@events.test_stopping.add_listener
def _end_of_last_step(**_kwargs) -> None:
    _steps.end()


@events.test_stop.add_listener
def _write_steps(environment, **_kwargs) -> None:
    prefix = environment.parsed_options.csv_prefix
    if prefix:
        _steps.write(prefix)

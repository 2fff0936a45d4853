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
code for staff, computed with `testkit.totp` from the secret `bench/load_test.py` enrolled),
posts forms with the CSRF token of the page, and checks that each answer is the page a person
expects (the receipt with its tracking number after a filing, and so on): any other answer is
a failure. The filings are testkit's valid posts (`testkit.payloads`) with a made-up person,
entity and time for each. The browser itself is `portal_user.PortalUser`.

Each simulated person connects from their own loopback address (127.x.y.z, all on this
machine), so the per-address limits (allauth's sign-in rate, the anonymous cyber-report limit)
count per person as they would in production, and nothing in the portal is loosened for the
test. An officer who files a report is a new person each time.

The load generator stands in for the TLS proxy in front of gunicorn: it sends
`X-Forwarded-Proto: https`, as the proxy does, and keeps the `Secure` cookies that production
sets, which a browser receives over HTTPS, on this plain loopback connection.

`step_shape.StepShape` warms up, then raises the number of users step by step (`--steps
5,10,20,40`, `--step-seconds`), and writes the figures of each step beside locust's CSV files.
"""

import random
import re
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from locust import between, task
from portal_user import CSRF, PortalUser, answer, take_account
from step_shape import StepShape  # noqa: F401 - locust runs the shape class it finds here

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from testkit.payloads import cyber_report_post, stakeholder_request_post  # noqa: E402

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
    """testkit's valid request, about a made-up person (random enough not to look like a
    duplicate of another one)."""
    today = date.today()
    born = today - timedelta(days=random.randint(18 * 365, 70 * 365))
    missed = today - timedelta(days=random.randint(1, 120))
    return stakeholder_request_post(
        agency_type=random.choice(["court", "probation", "prosecutor", "pretrial"]),
        subject_family_name=random.choice(FAMILY_NAMES),
        subject_given_names=random.choice(GIVEN_NAMES),
        subject_date_of_birth=born.isoformat(),
        subject_sex=random.choice(["female", "male"]),
        a_number=f"A{random.randint(0, 999_999_999):09d}",
        obligation_date=missed.isoformat(),
        case_number=f"GC26-{random.randint(1000, 9999)}",
    )


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
    """testkit's valid report (ransomware at a hospital), detected in the last day, with
    incident types taken from the form as a browser would."""
    types = re.findall(r'name="incident_types" value="(\d+)"', form_html)
    detected = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(
        minutes=random.randint(30, 24 * 60)
    )
    started = detected - timedelta(hours=random.randint(1, 12))
    return cyber_report_post(
        random.sample(types, k=min(2, len(types))),
        filing=random.randint(1, 999),
        sector=random.choice(["healthcare", "government_facilities", "water"]),
        started_at=started.strftime("%Y-%m-%dT%H:%M"),
        detected_at=detected.strftime("%Y-%m-%dT%H:%M"),
        time_zone="UTC",
        systems_affected=str(random.randint(1, 500)),
        source_addresses=f"198.51.100.{random.randint(1, 254)}",
        **{"status-0-occurred_at": detected.strftime("%Y-%m-%dT%H:%M")},
    )


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

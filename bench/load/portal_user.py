"""A simulated person of bench/load/locustfile.py: a browser with its own loopback address and
cookies, that checks every page it reads, posts forms with their CSRF token and signs in through
the real pages (with a TOTP code for staff); and the accounts that bench/load_test.py prepared.
"""

import itertools
import json
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, events
from requests.adapters import HTTPAdapter
from requests.cookies import RequestsCookieJar

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from testkit.totp import totp  # noqa: E402 - the project root is on the path only from here

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOTP_PERIOD = 30


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


@events.init_command_line_parser.add_listener
def _arguments(parser) -> None:
    parser.add_argument("--accounts", default="", help="JSON written by bench/load_test.py")


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

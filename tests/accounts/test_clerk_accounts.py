"""Clerk accounts: what sign-up asks and refuses, the wait for a supervisor, the decisions and
their e-mails, the agency domain list, and the refusal of filing until approved."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import ApprovedAgencyDomain, ClerkAccount, SecurityEvent, User
from accounts.roles import Role
from leacorner.transitions import StaleRecord, TransitionError
from stakeholder_forms.models import StakeholderRequest
from testkit.mfa import signed_in_client
from testkit.payloads import SIGN_UP_PASSWORD, clerk_signup_post, stakeholder_request_post

from ..factories import UserFactory, waiting_clerk

pytestmark = pytest.mark.django_db

Status = ClerkAccount.Status


@pytest.fixture
def supervisor(db):
    return UserFactory(role=Role.ERO_SUPERVISOR, email="supervisor@ice.example")


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """Sign up with `clerk_signup_post(**fields)`; the response."""

    def post(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("account_signup"), clerk_signup_post(**fields))

    return post


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    """Open the confirmation link of the newest sign-up e-mail and confirm it, as the clerk."""

    def run(email: str):
        message = next(m for m in reversed(mail.outbox) if email in m.to)
        path = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+/)", message.body).group(1)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(path)
        assert response.status_code == 302
        return ClerkAccount.objects.get(user__email=email)

    return run


def test_sign_up_records_who_the_clerk_is_and_gives_no_role(sign_up, supervisor):
    response = sign_up(email="Pat.Clerk@County-Court.example", full_name="  Pat   Clerk ")
    assert response.status_code == 302
    user = User.objects.get(email="pat.clerk@county-court.example")
    assert user.full_name == "Pat Clerk"
    account = user.clerk_account
    assert (account.title, account.agency_name, account.agency_ori) == (
        "Deputy clerk",
        "Arlington General District Court",
        "VA0070000",  # typed "va 0070000"
    )
    assert account.status == Status.UNCONFIRMED
    assert not user.groups.exists()
    # An unproven address is nobody's to vouch for: the supervisors hear of it once confirmed.
    assert [m.to for m in mail.outbox] == [[user.email]]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"full_name": ""}, "This field is required."),
        ({"title": " "}, "This field is required."),
        ({"agency_name": ""}, "This field is required."),
        ({"agency_ori": ""}, "This field is required."),
        ({"agency_ori": "VA00700"}, "An ORI has 9 characters"),
        ({"agency_ori": "VA0070000X"}, "An ORI has 9 characters"),
        ({"agency_ori": "VA00700#0"}, "An ORI has 9 characters"),
        ({"agency_ori": "ZZ0070000"}, "“ZZ” is not one"),
    ],
)
def test_sign_up_refuses_missing_or_wrong_details_with_a_message_keeping_the_rest(
    sign_up, fields, message
):
    response = sign_up(**fields)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="pat.clerk@county-court.example"' in page  # what was typed is kept
    assert 'value="Arlington General District Court"' in page or "agency_name" in fields
    assert not User.objects.exists()


def test_a_confirmed_clerk_waits_and_the_supervisors_are_told(sign_up, confirm, supervisor, client):
    UserFactory(role=Role.ERO_REVIEWER, email="reviewer@ice.example")  # not a supervisor
    UserFactory(role=Role.ERO_SUPERVISOR, email="away@ice.example", is_active=False)
    sign_up()
    account = confirm("pat.clerk@county-court.example")
    assert account.status == Status.WAITING and account.requested_at is not None
    notices = [m for m in mail.outbox if "waits for approval" in m.subject]
    assert [m.to for m in notices] == [["supervisor@ice.example"]]
    body = notices[0].body
    for fact in ("Pat Clerk", "Deputy clerk", "Arlington General District Court", "VA0070000"):
        assert fact in body
    assert f"/admin/accounts/clerkaccount/{account.pk}/change/" in body
    assert "1 clerk account waits in the queue" in body

    # The clerk signs in to the page of their account, not the form.
    response = client.post(
        reverse("account_login"),
        {
            "login": "pat.clerk@county-court.example",
            "password": SIGN_UP_PASSWORD,
            "acknowledge_notice": "on",
        },
    )
    assert response.headers["Location"] == reverse("clerk_account_status")
    page = client.get(reverse("clerk_account_status")).content.decode()
    assert "Your account is waiting for approval" in page
    assert "VA0070000" in page and "Deputy clerk" in page


def test_a_waiting_clerk_is_refused_every_filing_page_with_the_waiting_page(db):
    user = waiting_clerk()
    client = signed_in_client(user)
    form = client.get(reverse("stakeholder_forms:request_create"))
    assert form.status_code == 403
    page = form.content.decode()
    assert "Your account is waiting for approval" in page
    assert "once an ERO supervisor has approved your account" in page
    assert "Fairfax County Circuit Court" in page  # their details are kept and shown
    assert client.get(reverse("stakeholder_forms:request_list")).status_code == 403
    filed = client.post(reverse("stakeholder_forms:request_create"), stakeholder_request_post())
    assert filed.status_code == 403
    assert not StakeholderRequest.objects.exists()


def test_the_supervisor_approves_in_the_admin_and_the_clerk_is_told_then_files(
    db, supervisor, smtp_server, django_capture_on_commit_callbacks
):
    user = waiting_clerk(email="lee@fairfax-court.example")
    account = user.clerk_account
    admin = signed_in_client(supervisor)
    queue = admin.get(reverse("admin:accounts_clerkaccount_changelist")).content.decode()
    assert "lee@fairfax-court.example" in queue and "VA0290000" in queue
    page = admin.get(reverse("admin:accounts_clerkaccount_change", args=[account.pk]))
    assert "Approve: may file requests" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("admin:accounts_clerkaccount_approve", args=[account.pk]),
            {"version": account.version},
        )
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.status == Status.APPROVED and account.decided_by == supervisor
    assert user.groups.filter(name=Role.CLERK).exists()
    [message] = smtp_server.messages
    assert message["To"] == "lee@fairfax-court.example"
    assert "approved" in message["Subject"]
    text = message.get_payload()[0].get_payload(decode=True).decode()
    assert "/stakeholder-requests/" in text
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.CLERK_APPROVED)
    assert event.actor_email == supervisor.email and event.email == user.email

    clerk = signed_in_client(User.objects.get(pk=user.pk))
    assert clerk.get(reverse("stakeholder_forms:request_create")).status_code == 200
    filed = clerk.post(reverse("stakeholder_forms:request_create"), stakeholder_request_post())
    assert filed.status_code == 302
    assert StakeholderRequest.objects.filter(clerk=user).count() == 1


def test_a_refusal_needs_a_reason_which_the_clerk_is_sent_and_shown(
    db, supervisor, django_capture_on_commit_callbacks
):
    user = waiting_clerk()
    account = user.clerk_account
    admin = signed_in_client(supervisor)
    url = reverse("admin:accounts_clerkaccount_refuse", args=[account.pk])
    blank = admin.post(url, {"reason": "  ", "version": account.version})
    assert blank.status_code == 200
    assert "Write the reason; the clerk is sent it." in blank.content.decode()
    reason = "The ORI VA0290000 is the circuit court's; your address is not on its domain."
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(url, {"reason": reason, "version": account.version})
    account.refresh_from_db()
    assert account.status == Status.REFUSED and account.refusal_reason == reason
    assert not user.groups.exists()
    [message] = [m for m in mail.outbox if user.email in m.to]
    assert "not approved" in message.subject and reason in message.body
    clerk = signed_in_client(user)
    page = clerk.get(reverse("clerk_account_status")).content.decode()
    assert "Your account was not approved" in page and "is the circuit court" in page
    assert clerk.get(reverse("stakeholder_forms:request_create")).status_code == 403
    # A refusal may be reconsidered: a supervisor who learns more approves it after all.
    account.approve(by=supervisor)
    assert user.groups.filter(name=Role.CLERK).exists()


def test_only_supervisors_decide_and_a_stale_page_is_told(db, supervisor):
    account = waiting_clerk().clerk_account
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    with pytest.raises(TransitionError, match="Only ERO supervisors"):
        account.approve(by=reviewer)
    response = signed_in_client(reviewer).post(
        reverse("admin:accounts_clerkaccount_approve", args=[account.pk]), {"version": 1}
    )
    assert response.status_code == 403
    seen = account.version
    ClerkAccount.objects.get(pk=account.pk).refuse(by=supervisor, reason="Unknown agency.")
    with pytest.raises(StaleRecord):
        account.approve(by=supervisor, seen_version=seen)
    with pytest.raises(TransitionError, match="cannot be refused"):
        ClerkAccount.objects.get(pk=account.pk).refuse(by=supervisor, reason="Again.")


def test_the_queue_lists_waiting_accounts_first_in_bounded_queries(
    db, supervisor, django_assert_max_num_queries
):
    for n in range(5):
        waiting_clerk(email=f"waiting{n}@court.example")
    UserFactory(role=Role.CLERK, email="approved@court.example")
    admin = signed_in_client(supervisor)
    with django_assert_max_num_queries(14):
        page = admin.get(reverse("admin:accounts_clerkaccount_changelist")).content.decode()
    assert page.count("@court.example") >= 5 and "approved@court.example" not in page
    every = admin.get(reverse("admin:accounts_clerkaccount_changelist"), {"status": "all"})
    assert "approved@court.example" in every.content.decode()


def test_the_list_action_approves_several_accounts(db, supervisor):
    accounts = [waiting_clerk(email=f"w{n}@court.example").clerk_account for n in range(3)]
    response = signed_in_client(supervisor).post(
        reverse("admin:accounts_clerkaccount_changelist"),
        {"action": "approve_selected", "_selected_action": [a.pk for a in accounts]},
    )
    assert response.status_code == 302
    assert set(ClerkAccount.objects.values_list("status", flat=True)) == {Status.APPROVED}


@pytest.mark.parametrize(
    ("listed", "subdomains", "email", "approved"),
    [
        ("vacourts.gov", False, "pat@vacourts.gov", True),
        ("vacourts.gov", False, "pat@arlington.vacourts.gov", False),
        ("vacourts.gov", True, "pat@arlington.vacourts.gov", True),
        ("vacourts.gov", True, "pat@notvacourts.gov", False),
        ("vacourts.gov", True, "pat@vacourts.gov.evil.example", False),
    ],
)
def test_an_address_on_a_listed_agency_domain_is_approved_once_confirmed(
    sign_up, confirm, supervisor, listed, subdomains, email, approved
):
    ApprovedAgencyDomain.objects.create(
        domain=listed, include_subdomains=subdomains, agency_name="Virginia courts"
    )
    sign_up(email=email)
    assert ClerkAccount.objects.get().status == Status.UNCONFIRMED  # not before confirming
    account = confirm(email)
    user = account.user
    subjects = [m.subject for m in mail.outbox]
    if approved:
        assert account.status == Status.APPROVED
        assert account.approved_domain == listed and account.decided_by is None
        assert user.groups.filter(name=Role.CLERK).exists()
        assert any("Your clerk account is approved" in s for s in subjects)
        assert not any("waits for approval" in s for s in subjects)  # nothing waits
    else:
        assert account.status == Status.WAITING
        assert not user.groups.exists()
        assert any("waits for approval" in s for s in subjects)


def test_supervisors_keep_the_domain_list_and_a_bad_domain_is_refused(db, supervisor):
    admin = signed_in_client(supervisor)
    url = reverse("admin:accounts_approvedagencydomain_add")
    bad = admin.post(url, {"domain": "pat@vacourts", "agency_name": "Virginia courts"})
    assert bad.status_code == 200
    assert "Enter a domain name with at least one dot" in bad.content.decode()
    good = admin.post(url, {"domain": " VACourts.gov. ", "agency_name": "Virginia courts"})
    assert good.status_code == 302
    listed = ApprovedAgencyDomain.objects.get()
    assert listed.domain == "vacourts.gov" and listed.added_by == supervisor.email


def test_supervisor_notices_are_limited_and_say_how_many_wait(
    sign_up, confirm, supervisor, settings
):
    settings.CLERK_WAITING_NOTICE_LIMIT = 2
    for n in range(3):
        sign_up(email=f"c{n}@court.example")
    for n in range(3):
        confirm(f"c{n}@court.example")
    notices = [m for m in mail.outbox if "waits for approval" in m.subject]
    assert len(notices) == 2
    assert "2 clerk accounts wait in the queue" in notices[-1].body
    assert ClerkAccount.objects.waiting().count() == 3  # the queue shows every one


def test_the_reviewer_sees_who_the_clerk_account_is(db, role_client):
    from ..factories import StakeholderRequestFactory

    item = StakeholderRequestFactory(agency_ori="VA0130000")
    client, _reviewer = role_client(Role.ERO_REVIEWER)
    page = client.get(
        reverse("admin:stakeholder_forms_stakeholderrequest_change", args=[item.pk])
    ).content.decode()
    assert item.clerk.get_full_name() in page
    assert "Deputy clerk" in page and "VA0070000" in page
    assert "The request names ORI VA0130000; the account&#x27;s is VA0070000." in page


def test_ero_supervisors_hold_the_approval_permission_and_reviewers_do_not(db):
    assert UserFactory(role=Role.ERO_SUPERVISOR).has_perm("accounts.approve_clerkaccount")
    assert not UserFactory(role=Role.ERO_REVIEWER).has_perm("accounts.approve_clerkaccount")
    assert UserFactory(is_superuser=True, is_staff=True).has_perm("accounts.approve_clerkaccount")

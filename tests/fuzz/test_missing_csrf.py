"""Every form and staff action refuses a post without its CSRF token: the styled 403 page,
nothing saved, nothing changed."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import DESK_ROLES, Role
from cyber_reports.desk import DeskNote, ReportRouting
from cyber_reports.models import CyberIncidentReport
from stakeholder_forms.certification import Certification
from stakeholder_forms.models import RequestDraft, StakeholderRequest
from stakeholder_forms.workflow import RequestEvent
from testkit.mfa import signed_in_client
from testkit.payloads import clerk_signup_post, stakeholder_request_post

from ..cyber_reports.conftest import report_data
from ..factories import StakeholderRequestFactory, UserFactory, approved_request, routed_report

pytestmark = pytest.mark.django_db


def _strict_client(user=None) -> Client:
    if user is None:
        return Client(enforce_csrf_checks=True)
    return signed_in_client(user, enforce_csrf_checks=True)


def _everything() -> list:
    return [
        StakeholderRequest.objects.count(),
        RequestEvent.objects.count(),
        RequestDraft.objects.count(),
        Certification.objects.filter(revoked_at__isnull=False).count(),
        CyberIncidentReport.objects.count(),
        list(ReportRouting.objects.values_list("status", flat=True).order_by("pk")),
        DeskNote.objects.count(),
        User.objects.count(),
    ]


def _cases():
    """(who posts, url, data) for every state-changing post of the portal."""
    clerk = UserFactory(role=Role.CLERK)
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    mine = StakeholderRequestFactory(clerk=clerk)
    waiting = StakeholderRequestFactory(clerk=clerk)
    waiting.claim(by=reviewer)
    waiting.ask_for_information(by=reviewer, message="Send the docket.")
    claimed = StakeholderRequestFactory()
    claimed.claim(by=reviewer)
    _approved, certification = approved_request()
    report = routed_report(incident_types=["ransomware"], sector="healthcare")
    routing = report.routings.select_related("agency").first()
    desk = UserFactory(role=DESK_ROLES[routing.agency.code])
    token = report.issue_update_token()
    report.save()
    draft = RequestDraft.objects.create(clerk=clerk, data={"subject_family_name": "Rivera"})

    def admin(action, pk):
        return reverse(f"admin:stakeholder_forms_stakeholderrequest_{action}", args=[pk])

    def desk_url(action):
        return reverse(
            f"cyber_reports:desk_{action}",
            kwargs={
                "agency": routing.agency.code.lower(),
                "tracking_number": report.tracking_number,
            },
        )

    return [
        (clerk, reverse("stakeholder_forms:request_create"), stakeholder_request_post()),
        (
            clerk,
            reverse("stakeholder_forms:draft_edit", args=[draft.pk]),
            stakeholder_request_post(),
        ),
        (clerk, reverse("stakeholder_forms:draft_delete", args=[draft.pk]), {}),
        (clerk, reverse("stakeholder_forms:request_answer", args=[waiting.pk]), {"message": "x"}),
        (clerk, reverse("stakeholder_forms:request_withdraw", args=[mine.pk]), {"version": "1"}),
        (None, reverse("verify_certification"), {"number": certification.number, "code": "x"}),
        (reviewer, admin("claim", mine.pk), {}),
        (reviewer, admin("release", claimed.pk), {}),
        (reviewer, admin("ask", claimed.pk), {"message": "More?", "version": claimed.version}),
        (reviewer, admin("deny", claimed.pk), {"reason": "no_record", "version": claimed.version}),
        (
            superuser,
            reverse("admin:stakeholder_forms_certification_revoke", args=[certification.pk]),
            {"reason": "Issued in error."},
        ),
        (None, reverse("cyber_reports:report_create"), report_data()),
        (None, reverse("cyber_reports:report_update", args=[token]), {"body": "More."}),
        (desk, desk_url("acknowledge"), {"case_number": "CISA-1"}),
        (desk, desk_url("note"), {"body": "Called them."}),
        (desk, desk_url("close"), {"note": "Done."}),
        (
            None,
            reverse("account_signup"),
            clerk_signup_post(
                email="n@court.example", password1="Str0ng-Pass!x", password2="Str0ng-Pass!x"
            ),
        ),
        (None, reverse("account_login"), {"login": clerk.email, "password": "x"}),
    ]


def test_no_post_without_its_csrf_token_changes_anything(db):
    cases = _cases()
    for user, url, data in cases:
        before = _everything()
        response = _strict_client(user).post(url, data)
        assert response.status_code == 403, url
        assert "Your form could not be sent" in response.content.decode(), url
        assert _everything() == before, url
    assert len(cases) == 18

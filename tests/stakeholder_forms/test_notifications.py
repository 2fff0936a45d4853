"""The clerk's e-mails: stored with the change, sent only after commit, retried on failure, and
never in the way of a decision."""

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from accounts.roles import Role
from leacorner.mail import retry_undelivered
from leacorner.models import OutgoingEmail

from ..factories import StakeholderRequestFactory, UserFactory, custody_findings


class RefusingBackend(BaseEmailBackend):
    """An SMTP relay that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("relay unreachable")


def test_each_notice_is_sent_after_commit_only(db, django_capture_on_commit_callbacks):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item.ask_for_information(by=reviewer, message="Send the docket.")
    notice = OutgoingEmail.objects.about(item).get()
    assert notice.status == OutgoingEmail.Status.QUEUED
    assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    assert "information needed" in mail.outbox[0].subject
    assert "Send the docket." in mail.outbox[0].body


def test_every_kind_of_notice(db, django_capture_on_commit_callbacks):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    approved = StakeholderRequestFactory()
    denied = StakeholderRequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        approved.claim(by=reviewer)
        certification = approved.approve(by=reviewer, findings=custody_findings(approved))
        certification.revoke(by=reviewer, reason="Wrong person.")
        denied.claim(by=reviewer)
        denied.deny(by=reviewer, reason="no_record", note="No record under that name.")
    subjects = [message.subject for message in mail.outbox]
    assert any("approved: certification issued" in s for s in subjects)
    assert any(f"Certification {certification.number} revoked" in s for s in subjects)
    assert any(f"Request {denied.tracking_number}: decision" in s for s in subjects)
    approval = next(m for m in mail.outbox if "approved" in m.subject)
    assert f"/stakeholder-requests/{approved.pk}/" in approval.body  # the request's page
    # Neither the findings nor the code: the clerk reads them signed in, and the outbox keeps
    # every body in the database (test_verification_codes).
    for part in (approval.body, approval.alternatives[0][0]):
        assert certification.verification_code not in part
        assert certification.statement not in part
        assert "Farmville Detention Center" not in part  # the facility found
        assert "Mexico" not in part  # the country of removal found
    assert "is approved" in approval.body and certification.number in approval.body
    denial = next(m for m in mail.outbox if "decision" in m.subject)
    assert "No ICE record matches" in denial.body and "No record under that name." in denial.body


def test_a_mail_outage_neither_blocks_nor_loses_a_decision(
    db, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.stakeholder_forms.test_notifications.RefusingBackend"
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        item.deny(by=reviewer, reason="duplicate", note="See CJS-2026-000001.")
    item.refresh_from_db()
    assert item.status == "denied"
    notice = OutgoingEmail.objects.about(item).get()
    assert notice.status == OutgoingEmail.Status.RETRYING
    assert notice.attempts == 1 and "relay unreachable" in notice.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_undelivered() == 1
    notice.refresh_from_db()
    assert notice.status == OutgoingEmail.Status.SENT and notice.attempts == 2
    assert len(mail.outbox) == 1

"""The daily review digest, delivered through a real SMTP listener: who hears of what, once a
day, and nobody with nothing to hear about."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import Role
from stakeholder_forms.models import ReviewDigestRun, StakeholderRequest
from stakeholder_forms.review_digest import send_review_digest

from ..factories import StakeholderRequestFactory, UserFactory

pytestmark = pytest.mark.django_db


def old(**kwargs) -> StakeholderRequest:
    """A request filed 30 days ago: past both the age target and the unassigned alert."""
    return StakeholderRequestFactory(submitted_at=timezone.now() - timedelta(days=30), **kwargs)


def by_recipient(smtp_server) -> dict[str, str]:
    return {
        m["To"]: next(p for p in m.walk() if p.get_content_type() == "text/plain")
        .get_payload(decode=True)
        .decode()
        for m in smtp_server.messages
    }


def test_each_reviewer_hears_of_their_own_work_and_supervisors_of_the_unassigned(
    smtp_server, django_capture_on_commit_callbacks, capsys
):
    supervisor = UserFactory(role=Role.ERO_SUPERVISOR)
    busy = UserFactory(role=Role.ERO_REVIEWER)
    idle = UserFactory(role=Role.ERO_REVIEWER)  # nothing overdue, nothing answered
    overdue = old()
    overdue.claim(by=busy)
    answered = StakeholderRequestFactory()
    answered.claim(by=busy)
    answered.ask_for_information(by=busy, message="Send the docket.")
    answered.answer_information_request(by=answered.clerk, message="Attached.")
    waiting = old()  # nobody took it
    recent = StakeholderRequestFactory()  # unassigned, but too new to alert about
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_digest")
    assert "queued the review digest for 2 reviewer(s)" in capsys.readouterr().out
    mails = by_recipient(smtp_server)
    assert set(mails) == {busy.email, supervisor.email}
    assert idle.email not in mails
    assert overdue.tracking_number in mails[busy.email]
    assert answered.tracking_number in mails[busy.email]
    assert waiting.tracking_number not in mails[busy.email]  # reviewers are not told of the queue
    assert waiting.tracking_number in mails[supervisor.email]
    assert recent.tracking_number not in mails[supervisor.email]
    assert "Answered by the clerk since the last digest" in mails[busy.email]
    assert f"/admin/stakeholder_forms/stakeholderrequest/{overdue.pk}/change/" in mails[busy.email]
    assert overdue.subject_family_name not in mails[busy.email]  # no personal data by e-mail


def test_a_second_run_the_same_day_sends_nothing(
    smtp_server, django_capture_on_commit_callbacks, capsys
):
    UserFactory(role=Role.ERO_SUPERVISOR)
    old()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_digest")
        call_command("send_review_digest")
    assert len(smtp_server.messages) == 1
    assert "sent already; nothing sent" in capsys.readouterr().out
    assert ReviewDigestRun.objects.get().recipients == 1


def test_answers_are_told_once_the_day_after_they_came(django_capture_on_commit_callbacks):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    item.ask_for_information(by=reviewer, message="Send the docket.")
    item.answer_information_request(by=item.clerk, message="Attached.")
    now = timezone.now()
    assert send_review_digest(now=now) == 1
    # The next day, nothing new was answered and nothing is overdue: no mail to the reviewer.
    assert send_review_digest(now=now + timedelta(days=1)) == 0
    item.refresh_from_db()
    item.ask_for_information(by=reviewer, message="And the bond order.")
    item.answer_information_request(by=item.clerk, message="Here.")
    # That answer came in the afternoon of the second day.
    item.events.filter(note="Here.").update(at=now + timedelta(days=1, hours=5))
    assert send_review_digest(now=now + timedelta(days=2)) == 1


def test_nobody_with_nothing_to_report_is_mailed(smtp_server, django_capture_on_commit_callbacks):
    UserFactory(role=Role.ERO_SUPERVISOR)
    UserFactory(role=Role.ERO_REVIEWER)
    StakeholderRequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_review_digest() == 0
    assert smtp_server.messages == []

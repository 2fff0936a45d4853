"""Supervisors assign and release requests: the `assign` transition and supervisors' `release`,
their refusals, their history and the e-mails to the reviewer (the admin's pages:
test_supervision_admin.py)."""

import pytest

from accounts.roles import Role
from leacorner.models import OutgoingEmail
from leacorner.transitions import StaleRecord, TransitionError
from stakeholder_forms.models import StakeholderRequest
from stakeholder_forms.workflow import reviewers

from ..factories import StakeholderRequestFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor():
    return UserFactory(role=Role.ERO_SUPERVISOR, full_name="Sam Supervisor")


def mails_to(user) -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(to=user.email).order_by("pk"))


def test_a_supervisor_assigns_a_new_request_which_goes_into_review(supervisor):
    reviewer = UserFactory(role=Role.ERO_REVIEWER, full_name="Rita Reviewer")
    item = StakeholderRequestFactory()
    item.assign(by=supervisor, to=reviewer)
    item.refresh_from_db()
    assert item.status == "in_review" and item.assigned_to == reviewer
    event = item.events.get(action="assigned")
    assert event.actor == supervisor and event.from_status == "submitted"
    assert event.note == "Assigned to Rita Reviewer by Sam Supervisor."
    assert not event.visible_to_clerk
    [mail] = mails_to(reviewer)
    assert mail.kind == "stakeholder_assigned"
    assert f"Request {item.tracking_number} is assigned to you" in mail.subject
    assert "Sam Supervisor assigned" in mail.body_text
    assert f"/admin/stakeholder_forms/stakeholderrequest/{item.pk}/change/" in mail.body_text
    # Staff mail carries no personal data of the request.
    assert item.subject_family_name not in mail.body_text + mail.body_html
    assert mails_to(item.clerk) == []  # the clerk's timeline does not change hands


def test_re_assigning_names_who_had_it_and_keeps_the_state(supervisor):
    first = UserFactory(role=Role.ERO_REVIEWER, full_name="Ann First")
    second = UserFactory(role=Role.ERO_REVIEWER, full_name="Bo Second")
    item = StakeholderRequestFactory()
    item.claim(by=first)
    item.ask_for_information(by=first, message="Send the docket.")
    item.assign(by=supervisor, to=second)
    item.refresh_from_db()
    assert item.status == "needs_info" and item.assigned_to == second
    assert item.events.last().note == "Re-assigned from Ann First to Bo Second by Sam Supervisor."
    # The new assignee may now work it; the old one may not.
    assert "deny" in item.allowed_actions(second)
    assert "deny" not in item.allowed_actions(first)


def test_who_may_assign_and_to_whom(supervisor):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    with pytest.raises(TransitionError, match="Only ERO supervisors may assign"):
        item.assign(by=reviewer, to=reviewer)
    assert "assign" not in item.allowed_actions(reviewer)
    assert "assign" in item.allowed_actions(supervisor)
    for not_a_reviewer in (
        UserFactory(role=Role.CLERK),
        UserFactory(role=Role.CONTENT_EDITOR),
        UserFactory(role=Role.ERO_REVIEWER, is_active=False),
    ):
        with pytest.raises(TransitionError, match="only be assigned to an active ERO reviewer"):
            item.assign(by=supervisor, to=not_a_reviewer)
    item.assign(by=supervisor, to=reviewer)
    with pytest.raises(TransitionError, match="has this request already"):
        item.assign(by=supervisor, to=reviewer)
    assert StakeholderRequest.objects.get(pk=item.pk).events.filter(action="assigned").count() == 1


def test_a_supervisor_may_take_a_request_themselves_without_mailing_themselves(supervisor):
    item = StakeholderRequestFactory()
    item.assign(by=supervisor, to=supervisor)
    assert StakeholderRequest.objects.get(pk=item.pk).assigned_to == supervisor
    assert mails_to(supervisor) == []


@pytest.mark.parametrize("closing", ["deny", "withdraw"])
def test_a_closed_request_cannot_be_assigned(supervisor, closing):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    if closing == "deny":
        item.claim(by=reviewer)
        item.deny(by=reviewer, reason="no_record")
    else:
        item.withdraw(by=item.clerk)
    with pytest.raises(TransitionError, match="cannot be assigned"):
        item.assign(by=supervisor, to=reviewer)


def test_assigning_from_a_stale_page_is_refused(supervisor):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    colleague = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    seen = item.version
    StakeholderRequest.objects.get(pk=item.pk).claim(by=colleague)
    with pytest.raises(StaleRecord):
        item.assign(by=supervisor, to=reviewer, seen_version=seen)
    assert StakeholderRequest.objects.get(pk=item.pk).assigned_to == colleague


def test_a_supervisor_releases_anyones_request_a_reviewer_only_their_own(supervisor):
    owner = UserFactory(role=Role.ERO_REVIEWER, full_name="Olga Owner")
    colleague = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=owner)
    with pytest.raises(TransitionError, match="Only the assigned reviewer"):
        item.release(by=colleague)
    item.release(by=supervisor)
    item.refresh_from_db()
    assert item.assigned_to is None and item.status == "in_review"
    assert item.events.last().note == "Released from Olga Owner by Sam Supervisor."
    with pytest.raises(TransitionError, match="Nobody has this request"):
        item.release(by=supervisor)


def test_the_assignee_is_told_when_the_clerk_answers(supervisor):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.assign(by=supervisor, to=reviewer)
    item.ask_for_information(by=reviewer, message="Send the docket.")
    item.answer_information_request(by=item.clerk, message="Docket attached.")
    answered = [m for m in mails_to(reviewer) if m.kind == "stakeholder_info_provided"]
    assert len(answered) == 1
    assert f"Request {item.tracking_number}: the clerk answered" in answered[0].subject
    assert "Docket attached." not in answered[0].body_text  # read it behind the sign-in


def test_an_answer_to_a_released_request_mails_no_reviewer(supervisor):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    item.ask_for_information(by=reviewer, message="Send the docket.")
    item.release(by=supervisor)
    item.answer_information_request(by=item.clerk, message="Docket attached.")
    assert not OutgoingEmail.objects.filter(kind="stakeholder_info_provided").exists()


def test_the_reviewers_to_choose_from():
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    supervisor = UserFactory(role=Role.ERO_SUPERVISOR)
    UserFactory(role=Role.ERO_REVIEWER, is_active=False)
    UserFactory(role=Role.CLERK)
    UserFactory(role=Role.CONTENT_EDITOR)
    UserFactory(is_staff=True, is_superuser=True)  # operators are not in the list
    assert set(reviewers()) == {reviewer, supervisor}

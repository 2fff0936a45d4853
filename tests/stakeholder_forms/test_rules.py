"""Rules the queue, the forms and the admin all apply, each written once on the model."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from stakeholder_forms.forms import DenialForm
from stakeholder_forms.models import StakeholderRequest, older_than_cutoff
from stakeholder_forms.working_days import working_days_between

from ..factories import StakeholderRequestFactory, UserFactory, approved_request

pytestmark = pytest.mark.django_db


def test_overdue_in_the_queue_and_on_the_badge_is_the_same_rule(settings):
    """Requests filed every day of six weeks (weekends and a holiday among them): the overdue
    query, each request's badge and the age in working days agree on every one."""
    settings.STAKEHOLDER_AGE_WARNING_WORKING_DAYS = 10
    today = datetime.date(2026, 12, 3)
    for days_ago in range(42):
        filed = timezone.make_aware(
            datetime.datetime.combine(today - datetime.timedelta(days=days_ago), datetime.time(9))
        )
        StakeholderRequestFactory(submitted_at=filed)
    withdrawn = StakeholderRequestFactory(submitted_at=timezone.now() - datetime.timedelta(days=60))
    withdrawn.withdraw(by=withdrawn.clerk)

    everything = list(StakeholderRequest.objects.all())
    overdue = set(StakeholderRequest.objects.overdue(today))
    by_badge = {r for r in everything if r.is_overdue(today)}
    by_age = {
        r
        for r in everything
        if r.is_open and working_days_between(timezone.localdate(r.submitted_at), today) > 10
    }
    assert overdue == by_badge == by_age
    assert 0 < len(overdue) < 42 and withdrawn not in overdue
    older = set(StakeholderRequest.objects.older_than(10, today))
    assert older == by_age | {withdrawn}
    assert set(StakeholderRequest.objects.not_older_than(10, today)) == set(everything) - older


def test_the_age_cutoff_falls_at_the_start_of_a_day():
    cutoff = older_than_cutoff(10, datetime.date(2026, 12, 3))
    local = timezone.localtime(cutoff)
    assert (local.hour, local.minute) == (0, 0)
    # Ten working days before 3 December 2026 (Thanksgiving on the 26th is not one).
    assert local.date() == datetime.date(2026, 11, 18)


@pytest.mark.parametrize(
    ("reason", "note", "problem"),
    [
        ("other", "  ", ("note", "Explain the reason in the note.")),
        ("because", "", ("reason", "Choose a reason from the list.")),
        ("other", "Duplicate filed by the sheriff.", None),
        ("no_record", "", None),
    ],
)
def test_the_denial_rule_is_the_models_in_the_form_too(reason, note, problem):
    assert StakeholderRequest.denial_problem(reason, note) == problem
    form = DenialForm({"reason": reason, "note": note, "version": 1})
    if problem is None:
        assert form.is_valid(), form.errors
    else:
        assert not form.is_valid()
        assert problem[1] in str(form.errors)


def test_who_may_revoke_is_the_certifications_rule(reviewer, reviewer_client):
    _item, certification = approved_request(reviewer=reviewer)
    editor = UserFactory(role=Role.CONTENT_EDITOR)
    assert certification.allowed_actions(reviewer) == ["revoke"]
    assert certification.allowed_actions(editor) == []
    change = reverse("admin:stakeholder_forms_certification_change", args=[certification.pk])
    revoke = reverse("admin:stakeholder_forms_certification_revoke", args=[certification.pk])
    assert revoke in reviewer_client.get(change).content.decode()
    certification.revoke(by=reviewer, reason="Wrong person.")
    assert certification.allowed_actions(reviewer) == []
    assert revoke not in reviewer_client.get(change).content.decode()
    again = reviewer_client.get(revoke, follow=True)
    assert "This certification is already revoked." in again.content.decode()

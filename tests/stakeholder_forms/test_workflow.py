"""Every transition from every state for every kind of actor, and what each one records."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.roles import Role
from leacorner import numbering
from leacorner.numbering import Prefix
from leacorner.transitions import StaleRecord, TransitionError
from stakeholder_forms.certification import Certification
from stakeholder_forms.models import StakeholderRequest
from stakeholder_forms.workflow import RequestEvent

from ..factories import StakeholderRequestFactory, UserFactory, custody_findings

Status = StakeholderRequest.Status
ACTORS = [
    "owner",
    "other_clerk",
    "reviewer",
    "other_reviewer",
    "content_editor",
    "agency_desk",
    "superuser",
]
ACTIONS = [
    "claim",
    "release",
    "ask_for_information",
    "answer_information_request",
    "approve",
    "deny",
    "withdraw",
]
# Who may take each action from each state ("reviewer" is the assigned one, where there is one).
ALLOWED = {
    "submitted": {
        "claim": {"reviewer", "other_reviewer", "superuser"},
        "withdraw": {"owner"},
    },
    "in_review": {
        "release": {"reviewer", "superuser"},
        "ask_for_information": {"reviewer"},
        "approve": {"reviewer"},
        "deny": {"reviewer"},
        "withdraw": {"owner"},
    },
    "needs_info": {
        "release": {"reviewer", "superuser"},
        "answer_information_request": {"owner"},
        "deny": {"reviewer"},
        "withdraw": {"owner"},
    },
    "approved": {},
    "denied": {},
    "withdrawn": {},
}
RESULT = {
    "claim": Status.IN_REVIEW,
    "ask_for_information": Status.NEEDS_INFO,
    "answer_information_request": Status.IN_REVIEW,
    "approve": Status.APPROVED,
    "deny": Status.DENIED,
    "withdraw": Status.WITHDRAWN,
}


def _in_state(state: str, reviewer) -> StakeholderRequest:
    item = StakeholderRequestFactory()
    if state == "submitted":
        return item
    if state == "withdrawn":
        item.withdraw(by=item.clerk)
        return item
    item.claim(by=reviewer)
    if state == "needs_info":
        item.ask_for_information(by=reviewer, message="Send the docket sheet.")
    elif state == "approved":
        item.approve(by=reviewer, findings=custody_findings(item))
    elif state == "denied":
        item.deny(by=reviewer, reason="no_record")
    return item


def _kwargs(action: str, item: StakeholderRequest) -> dict:
    return {
        "ask_for_information": {"message": "Which courtroom?"},
        "answer_information_request": {"message": "Courtroom 4B."},
        "approve": {"findings": custody_findings(item)},
        "deny": {"reason": "insufficient_identity", "note": "No date of birth match."},
    }.get(action, {})


@pytest.mark.parametrize("state", list(ALLOWED))
@pytest.mark.parametrize("action", ACTIONS)
def test_every_transition_from_every_state_for_every_actor(db, state, action):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    actors_template = {
        "other_clerk": UserFactory(role=Role.CLERK),
        "reviewer": reviewer,
        "other_reviewer": UserFactory(role=Role.ERO_REVIEWER),
        "content_editor": UserFactory(role=Role.CONTENT_EDITOR),
        "agency_desk": UserFactory(role=Role.DESK_HSI),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    for actor_name in ACTORS:
        item = _in_state(state, reviewer)
        actor = item.clerk if actor_name == "owner" else actors_template[actor_name]
        before = StakeholderRequest.objects.get(pk=item.pk)
        events_before = item.events.count()
        allowed = actor_name in ALLOWED[state].get(action, set())
        label = f"{action} from {state} by {actor_name}"
        if not allowed:
            with pytest.raises(TransitionError):
                getattr(item, action)(by=actor, **_kwargs(action, item))
            after = StakeholderRequest.objects.get(pk=item.pk)
            assert (after.status, after.assigned_to_id) == (
                before.status,
                before.assigned_to_id,
            ), label
            assert after.version == before.version, label
            assert item.events.count() == events_before, label
            continue
        getattr(item, action)(by=actor, **_kwargs(action, item))
        after = StakeholderRequest.objects.get(pk=item.pk)
        expected = RESULT.get(action, before.status)
        assert after.status == expected, label
        assert after.version == before.version + 1, label
        event = item.events.order_by("-at", "-pk").first()
        assert item.events.count() == events_before + 1, label
        assert (event.actor, event.from_status, event.to_status) == (actor, state, expected), label
        if action == "claim":
            assert after.assigned_to == actor
        if action in {"release", "withdraw"}:
            assert after.assigned_to is None
        if action == "approve":
            assert Certification.objects.filter(request=item).count() == 1


def test_history_records_notes_and_states(db):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    item.ask_for_information(by=reviewer, message="  Please send the bench warrant.  ")
    item.answer_information_request(by=item.clerk, message="Attached.")
    item.deny(by=reviewer, reason="no_record", note="Nothing under that A-number.")
    rows = list(item.events.values_list("action", "from_status", "to_status", "note"))
    assert rows == [
        ("submitted", "submitted", "submitted", ""),
        ("claimed", "submitted", "in_review", ""),
        ("info_requested", "in_review", "needs_info", "Please send the bench warrant."),
        ("info_provided", "needs_info", "in_review", "Attached."),
        ("denied", "in_review", "denied", "Nothing under that A-number."),
    ]
    item.refresh_from_db()
    assert item.decided_at is not None
    assert item.denial_reason == "no_record"


def test_a_stale_page_is_refused(db):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    seen = item.version
    item.claim(by=reviewer)
    item.release(by=reviewer)
    # Same state as when the page was opened, but the record moved on meanwhile.
    with pytest.raises(StaleRecord, match="changed"):
        item.claim(by=reviewer, seen_version=seen)


def test_the_second_of_two_approvals_loses_and_one_certification_exists(db):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    first = StakeholderRequest.objects.get(pk=item.pk)
    second = StakeholderRequest.objects.get(pk=item.pk)
    first.approve(by=reviewer, findings=custody_findings(item))
    with pytest.raises(StaleRecord, match="reload"):
        second.approve(by=reviewer, findings=custody_findings(item))
    assert Certification.objects.filter(request=item).count() == 1


def test_deny_needs_a_listed_reason_and_a_note_for_other(db):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    with pytest.raises(TransitionError, match="list"):
        item.deny(by=reviewer, reason="because")
    with pytest.raises(TransitionError, match="note"):
        item.deny(by=reviewer, reason="other", note=" ")
    with pytest.raises(TransitionError):
        item.ask_for_information(by=reviewer, message="   ")
    assert StakeholderRequest.objects.get(pk=item.pk).status == Status.IN_REVIEW


def test_tracking_numbers_are_sequential_per_year(db):
    year = datetime.date.today().year
    first = numbering.allocate(Prefix.STAKEHOLDER_REQUEST)
    second = numbering.allocate(Prefix.STAKEHOLDER_REQUEST)
    assert str(first) == f"CJS-{year}-000001"
    assert str(second) == f"CJS-{year}-000002"
    assert str(numbering.allocate(Prefix.STAKEHOLDER_REQUEST, year=year + 1)) == (
        f"CJS-{year + 1}-000001"
    )
    assert str(numbering.allocate(Prefix.CERTIFICATION)) == f"CERT-{year}-000001"
    item = StakeholderRequestFactory()
    assert item.tracking_number == f"CJS-{year}-000003"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"custody_to": None, "custody_from": None}, "custody_from"),  # in custody, no dates
        (
            {"custody_from": datetime.date(2000, 1, 10), "custody_to": datetime.date(2000, 1, 1)},
            "custody_to",
        ),
        ({"facility": ""}, "facility"),
        ({"removal_country": ""}, "removal_country"),
        ({"current_status": "released"}, "released_on"),
        ({"in_custody_on_date": False}, "in_custody_on_date"),  # dates cover the obligation
        ({"released_on": datetime.date.today() + datetime.timedelta(days=2)}, "released_on"),
    ],
)
def test_findings_are_validated(db, overrides, field):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    with pytest.raises(ValidationError) as refused:
        item.approve(by=reviewer, findings=custody_findings(item, **overrides))
    assert field in refused.value.message_dict
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert not Certification.objects.exists()


def test_in_custody_yes_requires_the_obligation_inside_the_dates(db):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    day = item.obligation_date
    findings = custody_findings(
        item,
        custody_from=day + datetime.timedelta(days=1),
        custody_to=day + datetime.timedelta(days=2),
        removed_on=day + datetime.timedelta(days=2),
    )
    with pytest.raises(ValidationError) as refused:
        item.approve(by=reviewer, findings=findings)
    assert "outside the custody dates" in str(refused.value.message_dict["in_custody_on_date"])
    # Stated as "not in custody that day", the same dates are consistent.
    findings["in_custody_on_date"] = False
    certification = item.approve(by=reviewer, findings=findings)
    assert "do not show the person in ICE custody" in certification.statement


def test_certification_is_composed_numbered_and_never_edited(db):
    reviewer = UserFactory(role=Role.ERO_REVIEWER, full_name="Dana Officer")
    item = StakeholderRequestFactory(subject_family_name="Garcia", subject_given_names="Luis")
    item.claim(by=reviewer)
    certification = item.approve(by=reviewer, findings=custody_findings(item))
    year = datetime.date.today().year
    assert certification.number == f"CERT-{year}-000001"
    assert certification.officer_name == "Dana Officer"
    assert "Luis Garcia" in certification.statement
    assert "was in ICE custody on" in certification.statement
    assert "removed from the United States to Mexico" in certification.statement
    assert len(certification.verification_code) == 11
    certification.facility = "Elsewhere"
    with pytest.raises(TransitionError, match="cannot be edited"):
        certification.save()
    assert Certification.objects.get().facility == "Farmville Detention Center"


def test_revocation_needs_permission_and_reason_and_happens_once(db):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    certification = item.approve(by=reviewer, findings=custody_findings(item))
    with pytest.raises(TransitionError):
        certification.revoke(by=item.clerk, reason="Wrong person")
    with pytest.raises(TransitionError):
        certification.revoke(by=UserFactory(role=Role.CONTENT_EDITOR), reason="Wrong person")
    with pytest.raises(TransitionError, match="reason"):
        certification.revoke(by=reviewer, reason="  ")
    certification.revoke(by=reviewer, reason="Issued for the wrong person.")
    stored = Certification.objects.get()
    assert stored.is_revoked and stored.revocation_reason == "Issued for the wrong person."
    assert item.events.filter(action=RequestEvent.Action.REVOKED).count() == 1
    with pytest.raises(StaleRecord):
        Certification.objects.get().revoke(by=reviewer, reason="Again")


def test_possible_duplicates_are_open_requests_on_the_same_person_and_day(db):
    item = StakeholderRequestFactory(subject_family_name="Nguyen", subject_given_names="An")
    found = StakeholderRequest.objects.possible_duplicates(
        family_name="nguyen ",
        given_names="AN",
        date_of_birth=item.subject_date_of_birth,
        obligation_date=item.obligation_date,
    )
    assert list(found) == [item]
    item.withdraw(by=item.clerk)
    assert not found.all().exists()

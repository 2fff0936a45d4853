"""Filing through the form: failed submits keep one draft; an older A-number is accepted."""

import re

from django.urls import reverse

from accounts.roles import Role
from stakeholder_forms.models import RequestDraft, StakeholderRequest
from testkit.mfa import signed_in_client
from testkit.payloads import stakeholder_request_post

from ..factories import UserFactory

NEW = reverse("stakeholder_forms:request_create")


def _page_key_and_action(html: str) -> tuple[str, str]:
    key = re.search(r'name="draft_key" value="([0-9a-f-]{36})"', html).group(1)
    action = re.search(r'<form id="request-form" method="post" action="([^"]+)"', html).group(1)
    return key, action


def test_six_failed_submits_keep_one_draft_and_say_it_is_saved(clerk, clerk_client):
    key, action = _page_key_and_action(clerk_client.get(NEW).content.decode())
    assert action == NEW
    spoiled = stakeholder_request_post(subject_date_of_birth="", draft_key=key)
    for attempt in range(6):
        # Half the tries post the page again as it was first loaded (a reload of the
        # failed-submit page, the back button, the autosave racing the button), half post to
        # the address the page shown after the failure gives.
        target = NEW if attempt % 2 == 0 else action
        response = clerk_client.post(target, {**spoiled, "case_number": f"GC26-{attempt}"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Nothing was submitted yet. Your answers are saved in your draft" in html
        assert "Enter the date of birth" in html or "This field is required" in html
        key_again, action = _page_key_and_action(html)
        assert key_again == key
    draft = RequestDraft.objects.get(clerk=clerk)
    assert action == draft.get_absolute_url()
    assert draft.data["case_number"] == "GC26-5"  # the last try's answers
    assert not StakeholderRequest.objects.exists()
    response = clerk_client.post(action, stakeholder_request_post(draft_key=key))
    assert response.status_code == 302
    assert StakeholderRequest.objects.count() == 1
    assert not RequestDraft.objects.exists()


def test_a_new_page_is_a_new_draft(clerk, clerk_client):
    for _ in range(2):
        key, _action = _page_key_and_action(clerk_client.get(NEW).content.decode())
        clerk_client.post(
            NEW, {"subject_family_name": "Okafor", "draft_key": key, "action": "save"}
        )
    assert RequestDraft.objects.filter(clerk=clerk).count() == 2


def test_a_key_is_one_clerks_only(clerk_client, clerk):
    key, _action = _page_key_and_action(clerk_client.get(NEW).content.decode())
    clerk_client.post(NEW, {"subject_family_name": "Okafor", "draft_key": key, "action": "save"})
    other = UserFactory(role=Role.CLERK)
    signed_in_client(other).post(
        NEW, {"subject_family_name": "Mensah", "draft_key": key, "action": "save"}
    )
    assert RequestDraft.objects.get(clerk=clerk).data["subject_family_name"] == "Okafor"
    assert RequestDraft.objects.get(clerk=other).data["subject_family_name"] == "Mensah"


def test_an_older_eight_digit_a_number_is_filed_with_its_leading_zero(clerk_client):
    response = clerk_client.post(NEW, stakeholder_request_post(a_number="A12345678"))
    assert response.status_code == 302
    filed = StakeholderRequest.objects.get()
    assert filed.a_number == "012345678"
    assert filed.a_number_display == "A012-345-678"


def test_the_form_says_how_an_older_a_number_is_kept(clerk_client):
    html = clerk_client.get(NEW).content.decode()
    assert "An older 8-digit number (A12345678) is kept with a 0 in front" in html

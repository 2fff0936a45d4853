"""Hostile input to the stakeholder-request pages: the clerk's request form (submit and save
as draft), answer and withdraw; the public verification page; the reviewers' admin forms."""

from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.roles import Role
from stakeholder_forms.certification import Certification
from stakeholder_forms.models import StakeholderRequest
from stakeholder_forms.workflow import RequestEvent
from testkit.mfa import signed_in_client
from testkit.payloads import stakeholder_request_post
from testkit.previews import confirm, is_preview

from ..factories import (
    StakeholderRequestFactory,
    UserFactory,
    approval_post,
    approved_request,
)
from .checks import assert_refused_clearly, is_empty_post, shows_an_error
from .strategies import hostile_file, hostile_text, spoil

pytestmark = pytest.mark.django_db

NEW = reverse("stakeholder_forms:request_create")


def _request_counts() -> dict:
    return {
        "requests": StakeholderRequest.objects.count(),
        "events": RequestEvent.objects.count(),
        "certifications": Certification.objects.count(),
    }


@given(post=spoil(stakeholder_request_post()), document=st.one_of(st.none(), hostile_file))
def test_request_form_submit(clerk_client, post, document):
    """Submit: a request is filed only from a valid post; anything else is named on the page.
    (Every post is kept as a draft first, by design: nothing typed is lost.)"""
    post = {**post, "action": "submit"}
    if document is not None:
        post["document"] = document
    before = _request_counts()
    response = clerk_client.post(NEW, post)
    after = _request_counts()
    if response.status_code == 302 and "/submitted/" in response["Location"]:
        assert after["requests"] == before["requests"] + 1
        filed = StakeholderRequest.objects.latest("pk")
        filed.full_clean()  # whatever was accepted is valid by the model's own rules
    elif 'id="duplicate-warning"' in response.content.decode():
        # A valid post like an earlier example's: the warning comes before anything is saved.
        assert after == before
    else:
        assert_refused_clearly(response, counts_before=before, counts_after=after)


@given(post=spoil(stakeholder_request_post()), document=st.one_of(st.none(), hostile_file))
def test_request_form_save_draft(clerk_client, post, document):
    """Save and finish later: the draft is saved whatever was typed, and it opens again."""
    post = {**post, "action": "save"}
    if document is not None:
        post["document"] = document
    before = _request_counts()
    response = clerk_client.post(NEW, post)
    assert response.status_code == 302
    assert _request_counts() == before
    assert clerk_client.get(response["Location"]).status_code == 200


def _needs_info(clerk) -> StakeholderRequest:
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory(clerk=clerk)
    item.claim(by=reviewer)
    item.ask_for_information(by=reviewer, message="Send the docket sheet.")
    return item


@given(
    message=st.one_of(st.none(), hostile_text),
    document=st.one_of(st.none(), hostile_file),
)
def test_answer_form(clerk, clerk_client, message, document):
    needs_info_request = _needs_info(clerk)
    post = {}
    if message is not None:
        post["message"] = message
    if document is not None:
        post["document"] = document
    before = _request_counts()
    response = clerk_client.post(
        reverse("stakeholder_forms:request_answer", args=[needs_info_request.pk]), post
    )
    after = _request_counts()
    if response.status_code == 302:
        # Answered (or refused with a message because it was answered already).
        page = clerk_client.get(response["Location"])
        assert "usa-alert--success" in page.content.decode() or shows_an_error(page)
    else:
        assert_refused_clearly(response, counts_before=before, counts_after=after)


@given(post=st.dictionaries(st.sampled_from(["note", "version"]), hostile_text, max_size=2))
def test_withdraw_form(clerk, clerk_client, post):
    item = StakeholderRequestFactory(clerk=clerk)
    before = _request_counts()
    response = clerk_client.post(
        reverse("stakeholder_forms:request_withdraw", args=[item.pk]), post
    )
    after = _request_counts()
    item.refresh_from_db()
    if response.status_code == 302:
        page = clerk_client.get(response["Location"])
        assert item.status == "withdrawn" or shows_an_error(page)
    else:
        # (An empty post is read as no post at all: the confirmation is asked again.)
        assert item.status == "submitted"
        assert_refused_clearly(response, counts_before=before, counts_after=after, post=post)


class _OutcomeElements(HTMLParser):
    """Collects the `data-outcome` of every element with id="verify-outcome"."""

    def __init__(self) -> None:
        super().__init__()
        self.outcomes: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id") == "verify-outcome":
            self.outcomes.append(attributes.get("data-outcome"))


def announced_outcomes(response) -> list[str | None]:
    """The outcomes the verify page announces (one at most), read from its outcome element."""
    parser = _OutcomeElements()
    parser.feed(response.content.decode())
    parser.close()
    return parser.outcomes


@given(
    post=st.dictionaries(
        st.sampled_from(["number", "code"]),
        st.one_of(hostile_text, st.lists(hostile_text, max_size=3)),
        max_size=2,
    )
)
def test_verify_page(client, post):
    """No certification exists, so nothing typed can match one: the answer is "not found", or the
    form names what is wrong and announces no outcome (a post of nothing shows the form again)."""
    cache.clear()  # the per-address limit is tried once, below, not by accident
    response = client.post(reverse("verify_certification"), post)
    assert response.status_code == 200
    outcomes = announced_outcomes(response)
    if outcomes:
        assert outcomes == ["unknown"]
    else:
        assert is_empty_post(post) or shows_an_error(response)


@given(
    upload=hostile_file,
    spoiled=st.sampled_from(["", "number", "code"]),
    junk=hostile_text,
)
def test_verify_comparison(client, upload, spoiled, junk):
    """Whatever file is compared, with the real number and code or a spoiled one, the page
    answers 200, keeps the facts only for the right pair, and compares only a PDF-looking
    file: either an outcome of the comparison or the file's error, never a 500."""
    cache.clear()
    certification = Certification.objects.first() or approved_request()[1]
    post = {
        "number": certification.number,
        "code": certification.verification_code,
        "action": "compare",
        "pdf": upload,
    }
    if spoiled:
        post[spoiled] = junk
    upload.seek(0)
    response = client.post(reverse("verify_certification"), post)
    assert response.status_code == 200
    outcome = announced_outcomes(response)
    comparison = response.context["comparison"]
    if outcome == ["valid"]:
        assert comparison in {"different", "issued"} or shows_an_error(response)
    else:
        assert outcome == ["unknown"] and comparison is None


def test_verify_page_limit_is_a_clear_429(client, settings):
    settings.STAKEHOLDER_VERIFY_LIMIT = 2
    for _ in range(2):
        client.post(reverse("verify_certification"), {"number": "x", "code": "y"})
    response = client.post(reverse("verify_certification"), {"number": "x", "code": "y"})
    assert response.status_code == 429
    assert "usa-alert" in response.content.decode()


# --- The reviewers' admin forms ------------------------------------------------------------


def _admin(action: str, pk: int) -> str:
    return reverse(f"admin:stakeholder_forms_stakeholderrequest_{action}", args=[pk])


def _claimed(reviewer) -> StakeholderRequest:
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    return item


def _check_transition(client, item, url, post, *, done_status):
    before = _request_counts()
    status_before = item.status
    response = client.post(url, post)
    if is_preview(response):
        # A valid post is previewed first: nothing changes until the reviewer confirms.
        assert _request_counts() == before
        item.refresh_from_db()
        assert item.status == status_before
        response = confirm(client, url, response)
    after = _request_counts()
    item.refresh_from_db()
    if response.status_code == 302:
        if item.status != done_status:
            # Refused by the workflow (e.g. a stale version): said so on the next page.
            assert item.status == status_before
            assert after == before
            page = client.get(response["Location"])
            assert "error" in page.content.decode()
    else:
        assert item.status == status_before
        assert_refused_clearly(response, counts_before=before, counts_after=after, post=post)


@given(post=spoil({"message": "Send the docket sheet.", "version": "1"}))
def test_admin_ask_for_information(reviewer, reviewer_client, post):
    item = _claimed(reviewer)
    post = {"version": str(item.version), **post} if "version" not in post else post
    _check_transition(reviewer_client, item, _admin("ask", item.pk), post, done_status="needs_info")


@given(post=spoil({"reason": "no_record", "note": "No record of custody.", "version": "1"}))
def test_admin_deny(reviewer, reviewer_client, post):
    item = _claimed(reviewer)
    _check_transition(reviewer_client, item, _admin("deny", item.pk), post, done_status="denied")


@given(data=st.data())
def test_admin_approve(reviewer, reviewer_client, data):
    item = _claimed(reviewer)
    post = data.draw(spoil(approval_post(item)))
    _check_transition(
        reviewer_client, item, _admin("approve", item.pk), post, done_status="approved"
    )
    assert Certification.objects.filter(request=item).count() == (item.status == "approved")


@given(action=st.sampled_from(["claim", "release"]), version=st.one_of(st.none(), hostile_text))
def test_admin_claim_and_release(reviewer, reviewer_client, action, version):
    item = StakeholderRequestFactory() if action == "claim" else _claimed(reviewer)
    response = reviewer_client.post(
        _admin(action, item.pk), {} if version is None else {"version": version}
    )
    assert response.status_code == 302
    assert reviewer_client.get(response["Location"]).status_code == 200


@given(reason=st.one_of(st.none(), hostile_text))
def test_admin_revoke(reason):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client = signed_in_client(superuser)
    _item, certification = approved_request()
    url = reverse("admin:stakeholder_forms_certification_revoke", args=[certification.pk])
    response = client.post(url, {} if reason is None else {"reason": reason})
    certification.refresh_from_db()
    if response.status_code == 302:
        assert certification.is_revoked
    else:
        assert not certification.is_revoked
        assert response.status_code == 200
        assert reason is None or shows_an_error(response)

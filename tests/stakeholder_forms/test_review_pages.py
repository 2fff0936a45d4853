"""The reviewer's request page: it speaks to staff, its history names each change, and the
certificate is shown as it will be issued before one click issues it."""

import re
from html import unescape

from django.urls import reverse

from stakeholder_forms.certification import Certification
from stakeholder_forms.certification_pdf import certificate_text
from testkit.previews import confirm

from ..factories import StakeholderRequestFactory, custody_findings


def action_url(item, name: str) -> str:
    return reverse(f"admin:stakeholder_forms_stakeholderrequest_{name}", args=[item.pk])


def change_url(item) -> str:
    return reverse("admin:stakeholder_forms_stakeholderrequest_change", args=[item.pk])


def _findings_post(item) -> dict:
    findings = custody_findings(item)
    return {
        "version": item.version,
        "in_custody_on_date": "yes",
        "custody_from": findings["custody_from"].isoformat(),
        "custody_to": "",
        "facility": "Farmville Detention Center",
        "removed_on": "",
        "removal_country": "",
        "released_on": "",
        "current_status": "in_custody",
    }


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_certificate_is_shown_as_it_will_be_issued_then_issued_in_one_click(
    reviewer, reviewer_client
):
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    url = action_url(item, "approve")
    preview = reviewer_client.post(url, _findings_post(item))
    assert preview.status_code == 200
    assert not Certification.objects.exists()  # the preview issues nothing
    html = preview.content.decode()
    shown = _text(html)

    done = confirm(reviewer_client, url, preview, follow=True)
    assert "is issued and the clerk is notified" in done.content.decode()
    issued = Certification.objects.get(request=item)
    # Every word of the issued certificate's PDF text was on the preview, in the same order,
    # but for the number and code, which are given on issue.
    words = certificate_text(
        issued, number="given when it is issued", code="given when it is issued"
    )
    expected = [words.title]
    for section in words.sections:
        expected += [section.heading, *(part for row in section.rows for part in row)]
        expected.append(section.text)
    expected.append(words.closing)
    position = 0
    for piece in filter(None, expected):
        found = shown.find(" ".join(str(piece).split()), position)
        assert found >= 0, piece
        position = found
    assert issued.statement in shown
    assert issued.officer_name == reviewer.get_full_name() and issued.officer_name in shown


def test_change_the_findings_keeps_them_and_a_stale_issue_is_refused(reviewer, reviewer_client):
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    url = action_url(item, "approve")
    preview = reviewer_client.post(url, _findings_post(item))
    back = confirm(reviewer_client, url, preview, edit="1")  # "Change" wins
    assert 'value="Farmville Detention Center"' in back.content.decode()
    item.release(by=reviewer)
    item.claim(by=reviewer)  # a new version since the preview
    refused = confirm(reviewer_client, url, preview, follow=True)
    assert "changed while you were working on it" in refused.content.decode()
    assert 'value="Farmville Detention Center"' in refused.content.decode()  # kept
    assert not Certification.objects.exists()


def test_the_request_page_speaks_to_staff_and_names_each_change(reviewer, reviewer_client):
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    item.ask_for_information(by=reviewer, message="The docket, please.")
    item.answer_information_request(by=item.clerk, message="Attached.")
    item.deny(by=reviewer, reason="no_record")
    html = reviewer_client.get(change_url(item)).content.decode()
    text = _text(html)
    for clerk_words in ("Your name", "For example: Deputy clerk.", "Your account's address"):
        assert clerk_words not in text
    assert "Clerk's name:" in text and "Clerk's e-mail:" in text
    history = _text(html.split('id="history"')[1].split('id="notices"')[0])
    for step in (
        "Filed",
        f"Claimed by {reviewer.get_full_name()}",
        "Asked for information",
        "Answered by the clerk",
        "Denied: No ICE record matches the subject described",
    ):
        assert step in history
    assert "Submitted → Submitted" not in history
    assert "Submitted → In review" in history and "In review → Denied" in history


def test_the_history_is_bounded_in_queries(
    reviewer, reviewer_client, django_assert_max_num_queries
):
    item = StakeholderRequestFactory()
    for _ in range(5):
        item.claim(by=reviewer)
        item.release(by=reviewer)
    with django_assert_max_num_queries(30) as captured:
        reviewer_client.get(change_url(item))
    few = len(captured)
    for _ in range(10):
        item.claim(by=reviewer)
        item.release(by=reviewer)
    with django_assert_max_num_queries(few):
        reviewer_client.get(change_url(item))

"""The ERO workbench end to end, in Chromium, as issue 13's "done when" says: a supervisor
reads the queue dashboard and gives ten requests to a reviewer at once; a clerk answers the
reviewer's question and the reviewer is e-mailed; the reviewer previews a denial built from
the letter template a supervisor edited, and sends exactly what was previewed.

The digest on a real SMTP listener is tests/stakeholder_forms/test_review_digest.py; the
retention run, dry and real, is tests/test_retention.py."""

import re

from django.core import mail

from accounts.roles import Role
from stakeholder_forms.message_templates import LetterKind, MessageTemplate
from stakeholder_forms.models import StakeholderRequest
from stakeholder_forms.vocabulary import DenialReason
from testkit.mfa import enrol_totp

from ..factories import PASSWORD, StakeholderRequestFactory, UserFactory
from .conftest import screenshot, sign_in
from .test_stakeholder_forms_flow import accessible_admin, staff_page

QUEUE = "/admin/stakeholder_forms/stakeholderrequest/"


def test_supervisor_assigns_ten_the_clerk_answers_the_reviewer_denies_from_a_template(
    page, browser, live_server
):
    supervisor = UserFactory(role=Role.ERO_SUPERVISOR, full_name="Sam Supervisor")
    reviewer = UserFactory(role=Role.ERO_REVIEWER, full_name="Rita Reviewer")
    clerk = UserFactory(role=Role.CLERK, full_name="Pat Clerk")
    requests = [StakeholderRequestFactory(clerk=clerk) for _ in range(10)]
    answered = requests[3]

    # --- The supervisor: the dashboard, a template, then ten requests to Rita at once ---------
    context, admin = staff_page(browser, live_server)
    sign_in(admin, supervisor.email, PASSWORD, totp_secret=enrol_totp(supervisor))
    admin.goto("/stakeholder-requests/dashboard/")
    assert admin.get_by_role("heading", level=1).inner_text() == "Stakeholder queue dashboard"
    assert "10" in admin.locator(".dashboard-figures").first.inner_text()
    accessible_admin(admin)

    template = MessageTemplate.objects.get(
        kind=LetterKind.DENIAL, denial_reason=DenialReason.NO_RECORD
    )
    admin.goto(f"/admin/stakeholder_forms/messagetemplate/{template.pk}/change/")
    body = admin.locator("#id_body")
    body.fill(body.input_value() + "\n\nOur field office in Fairfax can be reached by phone.")
    admin.get_by_role("button", name="Save", exact=True).click()
    admin.wait_for_url(re.compile(r"/messagetemplate/$"))

    admin.goto(QUEUE)
    admin.locator("#action-toggle").check()  # every request on the page: the ten
    admin.select_option('select[name="action"]', "assign_selected")
    admin.get_by_role("button", name="Go").click()
    admin.wait_for_selector("text=You chose 10 requests")
    accessible_admin(admin)
    admin.get_by_label("Assign to").select_option(label=f"Rita Reviewer <{reviewer.email}>")
    admin.get_by_role("button", name="Assign").click()
    admin.wait_for_selector("text=10 assigned to Rita Reviewer.")
    accessible_admin(admin)
    assert StakeholderRequest.objects.filter(assigned_to=reviewer).count() == 10
    assert sum(reviewer.email in m.to for m in mail.outbox) == 10  # one notice per request
    context.close()

    # --- Rita asks the clerk a question on one of them -------------------------------------
    context, admin = staff_page(browser, live_server)
    sign_in(admin, reviewer.email, PASSWORD, totp_secret=enrol_totp(reviewer))
    admin.goto(f"{QUEUE}{answered.pk}/change/")
    admin.get_by_role("link", name="Ask for information").click()
    admin.locator("#id_message").fill("Please upload the docket entry for the missed hearing.")
    admin.get_by_role("button", name="Preview the e-mail").click()
    admin.get_by_role("button", name="Send the e-mail").click()
    admin.wait_for_selector("text=The clerk has been asked")

    # --- The clerk answers; Rita is told --------------------------------------------------
    sign_in(page, clerk.email, PASSWORD)
    page.goto(f"/stakeholder-requests/{answered.pk}/")
    page.locator("#id_message").fill("The docket shows no record of the subject at that date.")
    page.get_by_role("button", name="Send the answer").click()
    page.wait_for_selector("text=Your answer is with the reviewer")
    told = [m for m in mail.outbox if m.to == [reviewer.email] and "answered" in m.subject]
    assert [m.subject for m in told] == [
        f"[LEA Corner] Request {answered.tracking_number}: the clerk answered"
    ]

    # --- Rita previews the denial built from the edited template and sends it ---------------
    admin.goto(f"{QUEUE}{answered.pk}/change/")
    admin.get_by_role("link", name="Deny…").click()
    admin.locator("#id_reason").select_option(DenialReason.NO_RECORD.value)
    admin.get_by_role("button", name="Preview the denial letter").click()
    preview = admin.locator("#letter-body").inner_text()
    assert "Our field office in Fairfax can be reached by phone." in preview
    assert answered.tracking_number in preview
    accessible_admin(admin)
    screenshot(admin, "workbench-denial-from-template")
    admin.get_by_role("button", name="Send the e-mail").click()
    admin.wait_for_selector("text=Denied. The clerk is notified.")
    context.close()

    answered.refresh_from_db()
    assert (answered.status, answered.denial_reason) == ("denied", DenialReason.NO_RECORD)
    (letter,) = [m for m in mail.outbox if m.to == [clerk.email] and "Fairfax" in m.body]
    assert letter.body.strip() == preview.strip()
    stored = answered.events.exclude(letter_text="").latest("pk")
    assert stored.letter_text.strip() == preview.strip()

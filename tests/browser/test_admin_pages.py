"""The admin pages the portal's roles work in, checked like every other page: axe-core finds
nothing, and each fits a 1,280 px window without scrolling sideways. The reviewers' queue and
request pages are walked through in test_stakeholder_forms_flow.py too."""

from accounts.roles import Role
from programs.models import Category, FieldOffice, Program
from testkit.mfa import enrol_totp

from ..factories import PASSWORD, StakeholderRequestFactory, UserFactory
from .conftest import assert_accessible, screenshot, sign_in


def assert_fits(page, width: int = 1280) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {width + overflow}px wide in a {width}px window"


def signed_in_as(page, role: Role):
    user = UserFactory(role=role)
    sign_in(page, user.email, PASSWORD, totp_secret=enrol_totp(user))
    return user


def editor_pages() -> dict[str, str]:
    program = Program.objects.filter(contacts__isnull=False, links__isnull=False).first()
    office = FieldOffice.objects.filter(areas__isnull=False).first()
    return {
        "program-list": "/admin/programs/program/",
        "program-edit": f"/admin/programs/program/{program.pk}/change/",
        "program-add": "/admin/programs/program/add/",
        "category-list": "/admin/programs/category/",
        "category-edit": f"/admin/programs/category/{Category.objects.first().pk}/change/",
        "faq-list": "/admin/programs/faq/",
        "field-office-list": "/admin/programs/fieldoffice/",
        "field-office-edit": f"/admin/programs/fieldoffice/{office.pk}/change/",
    }


def test_the_content_editors_admin_pages_are_accessible_and_fit(page):
    signed_in_as(page, Role.CONTENT_EDITOR)
    for name, path in editor_pages().items():
        page.goto(path)
        assert page.locator("#content").is_visible(), path
        assert_accessible(page)
        assert_fits(page)
        if name in {"program-list", "program-edit"}:
            screenshot(page, f"admin-{name}")


def test_the_reviewers_queue_and_request_page_fit_1280_pixels(page):
    signed_in_as(page, Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    for path in (
        "/admin/stakeholder_forms/stakeholderrequest/",
        f"/admin/stakeholder_forms/stakeholderrequest/{item.pk}/change/",
        "/admin/stakeholder_forms/certification/",
    ):
        page.goto(path)
        assert_accessible(page)
        assert_fits(page)


def _letter_pages(page, item) -> None:
    """The question's and the certificate's previews of `item`, checked on the way."""
    page.goto(f"/admin/stakeholder_forms/stakeholderrequest/{item.pk}/ask/")
    page.locator("#id_message").fill("Please upload the capias issued for case GC26-1234.")
    page.get_by_role("button", name="Preview the e-mail").click()
    page.wait_for_selector("#letter-body")
    assert_accessible(page)


def test_the_letter_templates_and_the_previews_are_accessible_and_fit(page):
    from stakeholder_forms.message_templates import MessageTemplate

    supervisor = UserFactory(role=Role.ERO_SUPERVISOR)
    secret = enrol_totp(supervisor)
    sign_in(page, supervisor.email, PASSWORD, totp_secret=secret)
    template = MessageTemplate.objects.get(denial_reason="no_record")
    page.goto("/admin/stakeholder_forms/messagetemplate/")
    assert_accessible(page)
    assert_fits(page)
    screenshot(page, "admin-letter-templates")
    page.goto(f"/admin/stakeholder_forms/messagetemplate/{template.pk}/change/")
    page.locator("#id_body").fill("Dear {clerk_nmae},\n{reason}\n{note}")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("text=Unknown placeholder {clerk_nmae}.")
    assert_accessible(page)
    assert_fits(page)
    screenshot(page, "admin-letter-template-error")

    item = StakeholderRequestFactory(subject_family_name="Nguyễn", subject_given_names="Thị Lan")
    item.claim(by=supervisor)
    for width in (1280, 375):
        view = page
        view.set_viewport_size({"width": width, "height": 900})
        _letter_pages(view, item)
        assert_fits(view, width)
        if width == 375:
            screenshot(view, "stakeholder-admin-letter-preview-375")
        view.goto(f"/admin/stakeholder_forms/stakeholderrequest/{item.pk}/approve/")
        view.locator("#id_in_custody_on_date_1").check()  # not in custody that day
        view.locator("#id_current_status_3").check()  # not in ICE custody
        view.get_by_role("button", name="Preview the certificate").click()
        view.wait_for_selector("#certificate-statement")
        assert_accessible(view)
        assert_fits(view, width)
        if width == 375:
            screenshot(view, "stakeholder-admin-certificate-preview-375")

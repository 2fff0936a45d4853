"""The read-only admin pages (leacorner/read_only_admin.py): who sees each, and that nobody,
superusers included, adds, changes or deletes a row through them."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from accounts.models import SecurityEvent
from accounts.roles import Role
from cyber_reports.admin import CyberIncidentReportAdmin, ReportRoutingInline
from cyber_reports.models import CyberIncidentReport
from leacorner.models import OutgoingEmail
from leacorner.read_only_admin import ReadOnlyAdminMixin
from stakeholder_forms.certification import Certification
from stakeholder_forms.models import RecordView, StakeholderRequest

from .factories import UserFactory

#: Model → may an ERO reviewer see it? (Superusers see them all; other staff none.)
READ_ONLY_PAGES = {
    SecurityEvent: False,
    OutgoingEmail: False,
    RecordView: False,
    CyberIncidentReport: False,
    StakeholderRequest: True,
    Certification: True,
}


def as_user(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.fixture
def people(db):
    return {
        "superuser": UserFactory(is_staff=True, is_superuser=True),
        "reviewer": UserFactory(role=Role.ERO_REVIEWER),
        "desk": UserFactory(role=Role.DESK_FBI),
        "editor": UserFactory(role=Role.CONTENT_EDITOR),
        "inactive superuser": UserFactory(is_staff=True, is_superuser=True, is_active=False),
    }


def test_every_read_only_page_uses_the_one_mixin():
    for model in READ_ONLY_PAGES:
        assert isinstance(admin.site._registry[model], ReadOnlyAdminMixin), model
    assert issubclass(ReportRoutingInline, ReadOnlyAdminMixin)


@pytest.mark.parametrize("model", list(READ_ONLY_PAGES), ids=lambda m: m.__name__)
def test_who_sees_each_read_only_page(model, people):
    model_admin = admin.site._registry[model]
    expected = {
        "superuser": True,
        "reviewer": READ_ONLY_PAGES[model],
        "desk": False,
        "editor": False,
        "inactive superuser": False,
    }
    seen = {
        who: model_admin.has_view_permission(as_user(user))
        and model_admin.has_module_permission(as_user(user))
        for who, user in people.items()
    }
    assert seen == expected
    for user in people.values():
        request = as_user(user)
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)


def test_the_report_inlines_are_read_only_for_superusers_too(people):
    inline = ReportRoutingInline(CyberIncidentReport, admin.site)
    request = as_user(people["superuser"])
    assert inline.has_view_permission(request)
    assert not inline.has_add_permission(request, obj=None)
    assert not inline.has_change_permission(request)
    assert not inline.has_delete_permission(request)
    assert not inline.has_view_permission(as_user(people["reviewer"]))


def test_a_permission_given_by_hand_does_not_open_a_superusers_only_page(people):
    """The cyber reports are superusers' only: a desk holding the model's view permission
    still may not list every agency's reports in the admin."""
    from django.contrib.auth.models import Permission

    desk = people["desk"]
    desk.user_permissions.add(Permission.objects.get(codename="view_cyberincidentreport"))
    desk = type(desk).objects.get(pk=desk.pk)  # a fresh permission cache
    assert desk.has_perm("cyber_reports.view_cyberincidentreport")
    assert not CyberIncidentReportAdmin(CyberIncidentReport, admin.site).has_view_permission(
        as_user(desk)
    )

"""Clerks who had accounts before approval began keep filing: the data migration approves
them, with the title, agency and ORI of the newest request each filed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import ClerkAccount
from accounts.roles import Role
from stakeholder_forms.models import StakeholderRequest
from testkit.mfa import signed_in_client

from ..factories import StakeholderRequestFactory, UserFactory

BEFORE = [("accounts", "0003_staff_enrolment_links")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_clerks_are_approved_with_the_details_of_their_newest_request():
    filer = StakeholderRequestFactory(agency_ori="VA0130000", requester_title="Clerk II").clerk
    quiet = UserFactory(role=Role.CLERK)  # a clerk who has filed nothing yet
    staff = UserFactory(role=Role.ERO_REVIEWER)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # as the database was: no clerk accounts

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    account = ClerkAccount.objects.get(user=filer)
    newest = StakeholderRequest.objects.filter(clerk=filer).latest("pk")
    assert account.status == ClerkAccount.Status.APPROVED
    assert (account.title, account.agency_name, account.agency_ori) == (
        "Clerk II",
        newest.agency_name,
        "VA0130000",
    )
    assert ClerkAccount.objects.get(user=quiet).status == ClerkAccount.Status.APPROVED
    assert not ClerkAccount.objects.filter(user=staff).exists()
    page = signed_in_client(quiet).get("/stakeholder-requests/new/")
    assert page.status_code == 200  # still files as before

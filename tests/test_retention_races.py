"""A legal hold placed while a retention run is at the record (PostgreSQL, real connections)."""

import threading
import time
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from accounts.roles import Role
from leacorner.legal_holds import place_hold
from stakeholder_forms.models import StakeholderRequest

from .factories import StakeholderRequestFactory, UserFactory
from .races import RACES

pytestmark = RACES


def test_a_hold_committed_while_the_run_waits_for_the_row_keeps_the_record():
    supervisor = UserFactory(role=Role.ERO_SUPERVISOR)
    request = StakeholderRequestFactory()
    request.withdraw(by=request.clerk)
    long_ago = timezone.now() - timedelta(days=7 * 365)
    StakeholderRequest.objects.filter(pk=request.pk).update(
        submitted_at=long_ago, updated_at=long_ago
    )
    out = StringIO()

    def run():
        try:
            call_command("apply_retention", "--kind", "stakeholder_requests", stdout=out)
        finally:
            connection.close()

    runner = threading.Thread(target=run)
    with transaction.atomic():
        # The hold holds the request's row lock until this block commits; the run has chosen
        # the request (it sees no hold yet) and waits on that lock.
        place_hold(request, by=supervisor, reason="Subpoena served today")
        runner.start()
        time.sleep(1.0)
    runner.join(timeout=30)
    assert "stakeholder_requests: 0 record(s) anonymised" in out.getvalue()
    request.refresh_from_db()
    assert request.anonymised_at is None and request.subject_family_name


def test_without_a_hold_the_same_run_anonymises_it():
    request = StakeholderRequestFactory()
    request.withdraw(by=request.clerk)
    long_ago = timezone.now() - timedelta(days=7 * 365)
    StakeholderRequest.objects.filter(pk=request.pk).update(
        submitted_at=long_ago, updated_at=long_ago
    )
    call_command("apply_retention", "--kind", "stakeholder_requests", stdout=StringIO())
    request.refresh_from_db()
    assert request.anonymised_at is not None

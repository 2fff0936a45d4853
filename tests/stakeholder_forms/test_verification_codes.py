"""Verification codes are kept as a keyed hash (and a sealed copy for the pages that print
them), never as they are; /verify/ answers as before (stakeholder_forms/verification_codes.py)."""

import hashlib

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from stakeholder_forms import verification_codes
from stakeholder_forms.certification import Certification
from stakeholder_forms.certification_pdf import render_certification_pdf
from testkit.mfa import signed_in_client

from ..factories import approved_request
from .test_certification import pdf_text

VERIFY = reverse("verify_certification")


def stored_row(certification) -> dict:
    """The certification's row as the database holds it (what a copy of it would give)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM {Certification._meta.db_table} WHERE id = %s",  # noqa: S608
            [certification.pk],
        )
        columns = [column[0] for column in cursor.description]
        return dict(zip(columns, cursor.fetchone(), strict=True))


def test_the_code_is_not_in_the_database_as_it_is(db):
    _item, certification = approved_request()
    code = certification.verification_code
    assert len(code) == 11
    row = " ".join(str(value) for value in stored_row(certification).values())
    assert code not in row and code.replace("-", "") not in row
    # Nor as a plain hash, which 49 bits of code would let anyone reverse by trying them all.
    assert hashlib.sha256(code.encode()).hexdigest() not in row


def test_the_stored_digest_is_useless_without_the_key(db, settings):
    _item, certification = approved_request()
    code = certification.verification_code
    assert verification_codes.matches(code, certification.verification_digest)
    settings.CERTIFICATION_CODE_KEY = "another-key-as-a-thief-would-guess-it-0123456789"
    assert not verification_codes.matches(code, certification.verification_digest)


def check(client, number, code):
    return client.post(VERIFY, {"number": number, "code": code})


def test_verify_answers_exactly_as_before(client, db):
    _item, certification = approved_request()
    code = certification.verification_code
    assert check(client, certification.number, code).context["outcome"] == "valid"
    typed = code.lower().replace("-", " ")
    assert check(client, certification.number.lower(), typed).context["outcome"] == "valid"
    assert check(client, certification.number, "ZZZZZ-ZZZZZ").context["outcome"] == "unknown"
    assert check(client, "CERT-1999-000001", code).context["outcome"] == "unknown"


def test_the_clerk_still_sees_the_code_and_the_pdf_still_prints_it(db):
    item, certification = approved_request()
    code = Certification.objects.get(pk=certification.pk).verification_code  # read back
    page = signed_in_client(item.clerk).get(item.get_absolute_url()).content.decode()
    assert code in page
    assert code in pdf_text(render_certification_pdf(certification))


def test_the_approval_email_says_where_the_code_is_without_carrying_it(
    db, django_capture_on_commit_callbacks
):
    # Every message is kept in the outbox table: a code in the mail is a code in the database.
    with django_capture_on_commit_callbacks(execute=True):
        _item, certification = approved_request()
    approval = next(m for m in mail.outbox if "approved" in m.subject)
    assert certification.verification_code not in approval.body
    assert certification.verification_code not in approval.alternatives[0][0]
    assert "verification code printed on the certification" in approval.body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_hashes_and_seals_the_codes_stored_before():
    _item, certification = approved_request()
    issued = certification.verification_code
    executor = MigrationExecutor(connection)
    before = [("stakeholder_forms", "0004_counters_move_to_sequences")]
    executor.migrate(before)  # back to plain codes: the reverse unseals them
    old_model = executor.loader.project_state(before).apps.get_model(
        "stakeholder_forms", "Certification"
    )
    old = old_model.objects.get(pk=certification.pk)
    assert old.verification_code == issued
    old.verification_code = "ABCDE-23456"  # a code stored before this change
    old.save(update_fields=["verification_code"])

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    migrated = Certification.objects.get(pk=certification.pk)
    assert migrated.verification_code == "ABCDE-23456"
    assert verification_codes.matches("abcde 23456", migrated.verification_digest)
    assert "ABCDE-23456" not in " ".join(str(v) for v in stored_row(migrated).values())

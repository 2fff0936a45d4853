"""Verification codes become a keyed hash and a sealed copy (stakeholder_forms/
verification_codes.py): the new columns are filled from each stored code here; 0006 drops the
plain column (a migration of its own: PostgreSQL refuses to alter a table in the transaction
that just updated its rows under deferred foreign keys). Reversible: going back unseals every
code into the old column."""

from django.db import migrations, models

from stakeholder_forms import verification_codes


def hash_and_seal(apps, schema_editor):
    Certification = apps.get_model("stakeholder_forms", "Certification")
    batch = []
    for certification in Certification.objects.only("pk", "verification_code").iterator(
        chunk_size=2000
    ):
        code = certification.verification_code
        certification.verification_digest = verification_codes.digest(code)
        certification.sealed_verification_code = verification_codes.seal(code)
        batch.append(certification)
        if len(batch) >= 2000:
            Certification.objects.bulk_update(
                batch, ["verification_digest", "sealed_verification_code"]
            )
            batch.clear()
    Certification.objects.bulk_update(batch, ["verification_digest", "sealed_verification_code"])


def unseal(apps, schema_editor):
    Certification = apps.get_model("stakeholder_forms", "Certification")
    for certification in Certification.objects.iterator(chunk_size=2000):
        certification.verification_code = verification_codes.unseal(
            certification.sealed_verification_code
        )
        certification.save(update_fields=["verification_code"])


class Migration(migrations.Migration):
    dependencies = [("stakeholder_forms", "0004_counters_move_to_sequences")]

    operations = [
        migrations.AddField(
            model_name="certification",
            name="verification_digest",
            field=models.CharField(
                default="",
                editable=False,
                help_text="HMAC-SHA256 of the verification code.",
                max_length=64,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="certification",
            name="sealed_verification_code",
            field=models.CharField(
                default="",
                editable=False,
                help_text="The verification code, encrypted.",
                max_length=200,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(hash_and_seal, unseal, elidable=False),
    ]

"""Clerk accounts that existed before approval began keep working: each member of the Clerk
group gets an approved ClerkAccount, its title, agency and ORI taken from the newest request
the clerk filed (blank when they filed none; the reviewer's page then shows a dash)."""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    user_model = apps.get_model("accounts", "User")
    clerk_account = apps.get_model("accounts", "ClerkAccount")
    stakeholder_request = apps.get_model("stakeholder_forms", "StakeholderRequest")
    now = timezone.now()
    clerks = user_model.objects.filter(groups__name="Clerk", clerk_account__isnull=True)
    for user in clerks.distinct().iterator():
        latest = (
            stakeholder_request.objects.filter(clerk=user)
            .order_by("-pk")
            .values("requester_title", "agency_name", "agency_ori")
            .first()
            or {}
        )
        clerk_account.objects.create(
            user=user,
            title=latest.get("requester_title", ""),
            agency_name=latest.get("agency_name", ""),
            agency_ori=latest.get("agency_ori", ""),
            status="approved",
            created_at=user.date_joined,
            requested_at=user.date_joined,
            decided_at=now,
            approved_domain="",
            refusal_reason="",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_clerk_accounts_and_agency_domains"),
        ("stakeholder_forms", "0007_supervisor_permission"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

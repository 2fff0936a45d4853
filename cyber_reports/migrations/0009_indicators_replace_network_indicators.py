"""The old `NetworkIndicator` table goes, once its rows are `Indicator`s (0008), and the
indicators get their match indexes and constraints."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cyber_reports", "0008_coordination_data")]

    operations = [
        migrations.RemoveField(
            model_name="networkindicator",
            name="report",
        ),
        migrations.DeleteModel(
            name="NetworkIndicator",
        ),
        migrations.AddIndex(
            model_name="indicator",
            index=models.Index(
                fields=["fingerprint", "-report_submitted_at"], name="cyber_indicator_match"
            ),
        ),
        migrations.AddIndex(
            model_name="indicator",
            index=models.Index(
                condition=models.Q(("ip_start", ""), _negated=True),
                fields=["ip_start"],
                name="cyber_indicator_ip",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(("port__isnull", True), ("port__lte", 65535), _connector="OR"),
                name="cyber_indicator_port_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(("value", ""), _negated=True), name="cyber_indicator_not_empty"
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("port__isnull", True), ("kind__in", ["ip", "port"]), _connector="OR"
                ),
                name="cyber_indicator_port_of_an_address",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(("currency", ""), ("kind", "wallet"), _connector="OR"),
                name="cyber_indicator_currency_of_a_wallet",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportermessage",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("answered_at__isnull", True), ("kind", "question"), _connector="OR"
                ),
                name="cyber_only_questions_are_answered",
            ),
        ),
        migrations.AddIndex(
            model_name="routingevent",
            index=models.Index(fields=["report", "at"], name="cyber_event_report_at"),
        ),
    ]

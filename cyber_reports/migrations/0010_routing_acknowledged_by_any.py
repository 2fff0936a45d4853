"""Each routing carries whether some agency has acknowledged its report, with an index of the
desk's reports no agency has acknowledged yet.

Asked live (no routing of the report with an acknowledgement), the desk's filter "acknowledged
by no agency yet" probed the report's routings for every routing of the desk until it had
counted 10,000 matches: 1.7 s at a million reports (docs/performance.md). The first
acknowledgement of a report sets the copy on all its routings in the transaction that
acknowledges (every routing of the report is locked then), and a routing added later takes it
from the routing that added it. Existing routings get it from their report's acknowledgements.
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def copy_acknowledgements(apps, schema_editor):
    routing = apps.get_model("cyber_reports", "ReportRouting")
    acknowledged = routing.objects.filter(
        report_id=OuterRef("report_id"), acknowledged_at__isnull=False
    )
    routing.objects.filter(Exists(acknowledged)).update(acknowledged_by_any=True)


class Migration(migrations.Migration):
    dependencies = [("cyber_reports", "0009_indicators_replace_network_indicators")]

    operations = [
        migrations.AddField(
            model_name="reportrouting",
            name="acknowledged_by_any",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text=(
                    "Some agency has acknowledged the report: a copy on each of its routings, "
                    "set by the first acknowledgement, for the desks' “acknowledged by no "
                    "agency yet”."
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="reportrouting",
            index=models.Index(
                condition=models.Q(("acknowledged_by_any", False)),
                fields=["agency", "report_submitted_at", "id"],
                name="cyber_desk_unacknowledged",
            ),
        ),
        migrations.RunPython(copy_acknowledgements, migrations.RunPython.noop),
    ]

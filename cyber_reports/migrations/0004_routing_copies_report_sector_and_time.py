"""Copy each report's sector and filing time onto its routings, for the desk's index.

The desk lists one agency's routings by status and sector, newest first. With the sector and
the time on the report, PostgreSQL joined every "new" routing of the agency to its report to
test the sector (674 ms at a million reports, docs/performance.md). A report is never edited
after filing, so the copies cannot drift; `ReportRouting.of_report()` sets them when a report
is routed. The index on (agency, status, sector, time) starts with (agency, status), so it
replaces the index on those two columns.

The rows are filled in between adding the columns and making them required: one UPDATE with
correlated subqueries, which SQLite and PostgreSQL both run.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

SECTORS = [
    ("chemical", "Chemical"),
    ("commercial_facilities", "Commercial facilities"),
    ("communications", "Communications"),
    ("critical_manufacturing", "Critical manufacturing"),
    ("dams", "Dams"),
    ("defense_industrial_base", "Defense industrial base"),
    ("emergency_services", "Emergency services"),
    ("energy", "Energy"),
    ("financial_services", "Financial services"),
    ("food_and_agriculture", "Food and agriculture"),
    ("government_facilities", "Government facilities"),
    ("healthcare", "Healthcare and public health"),
    ("information_technology", "Information technology"),
    ("nuclear", "Nuclear reactors, materials and waste"),
    ("transportation", "Transportation systems"),
    ("water", "Water and wastewater systems"),
    ("none", "None of these"),
    ("unknown", "Not known"),
]
SECTOR_HELP = "A copy of the report's sector, kept for the desk's index."
SUBMITTED_HELP = "A copy of the report's filing time, kept for the desk's index."


def copy_from_reports(apps, schema_editor):
    report_model = apps.get_model("cyber_reports", "CyberIncidentReport")
    routing_model = apps.get_model("cyber_reports", "ReportRouting")
    report = report_model.objects.filter(pk=OuterRef("report_id"))
    routing_model.objects.update(
        sector=Subquery(report.values("sector")[:1]),
        report_submitted_at=Subquery(report.values("submitted_at")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [("cyber_reports", "0003_trigram_search_indexes")]

    operations = [
        # Dropped first: one index fewer to update for every row filled in below.
        migrations.RemoveIndex(model_name="reportrouting", name="cyber_repor_agency__bb1012_idx"),
        migrations.AddField(
            model_name="reportrouting",
            name="sector",
            field=models.CharField(
                "critical-infrastructure sector",
                max_length=32,
                choices=SECTORS,
                editable=False,
                null=True,
                help_text=SECTOR_HELP,
            ),
        ),
        migrations.AddField(
            model_name="reportrouting",
            name="report_submitted_at",
            field=models.DateTimeField(
                "report received", editable=False, null=True, help_text=SUBMITTED_HELP
            ),
        ),
        migrations.RunPython(copy_from_reports, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="reportrouting",
            name="sector",
            field=models.CharField(
                "critical-infrastructure sector",
                max_length=32,
                choices=SECTORS,
                editable=False,
                help_text=SECTOR_HELP,
            ),
        ),
        migrations.AlterField(
            model_name="reportrouting",
            name="report_submitted_at",
            field=models.DateTimeField("report received", editable=False, help_text=SUBMITTED_HELP),
        ),
        migrations.AddIndex(
            model_name="reportrouting",
            index=models.Index(
                fields=["agency", "status", "sector", "report_submitted_at", "id"],
                name="cyber_desk_status_sector",
            ),
        ),
        migrations.AddIndex(
            model_name="reportrouting",
            index=models.Index(
                fields=["agency", "report_submitted_at", "id"], name="cyber_desk_newest"
            ),
        ),
    ]

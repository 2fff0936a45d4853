"""Trigram indexes for searching reports by entity, organization or part of a tracking number.

On PostgreSQL only, for the same reason as `stakeholder_forms` 0002: the desk's search and the
admin's search send `UPPER(column) LIKE UPPER('%term%')`, which no B-tree index serves; at a
million reports it read the whole table. The expression must be exactly the one Django sends.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.db.models.functions import Upper

INDEXES = {
    "tracking_number": "cyber_report_tracking_trgm",
    "entity_name": "cyber_report_entity_trgm",
    "reporter_organization": "cyber_report_organization_trgm",
}


def trigram_index(column: str) -> GinIndex:
    return GinIndex(OpClass(Upper(column), name="gin_trgm_ops"), name=INDEXES[column])


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("cyber_reports", "CyberIncidentReport")
    for column in INDEXES:
        schema_editor.add_index(model, trigram_index(column))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("cyber_reports", "CyberIncidentReport")
    for column in INDEXES:
        schema_editor.remove_index(model, trigram_index(column))


class Migration(migrations.Migration):
    dependencies = [("cyber_reports", "0002_seed_agencies_and_incident_types")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]

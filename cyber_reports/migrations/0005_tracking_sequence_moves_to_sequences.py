"""The report counter moves to django-sequences (leacorner.numbering).

Each TrackingSequence row (year, last_value) becomes the Sequence named "CIR-<year>" with the
same last value, so the next tracking number continues the series; then the old table goes.
"""

from django.db import migrations


def counters_to_sequences(apps, schema_editor):
    TrackingSequence = apps.get_model("cyber_reports", "TrackingSequence")
    Sequence = apps.get_model("sequences", "Sequence")
    for counter in TrackingSequence.objects.all():
        sequence, created = Sequence.objects.get_or_create(
            name=f"CIR-{counter.year}", defaults={"last": counter.last_value}
        )
        if not created and sequence.last < counter.last_value:
            sequence.last = counter.last_value
            sequence.save(update_fields=["last"])


def sequences_to_counters(apps, schema_editor):
    TrackingSequence = apps.get_model("cyber_reports", "TrackingSequence")
    Sequence = apps.get_model("sequences", "Sequence")
    for sequence in Sequence.objects.filter(name__startswith="CIR-"):
        year = sequence.name.removeprefix("CIR-")
        if year.isdigit():
            TrackingSequence.objects.update_or_create(
                year=int(year), defaults={"last_value": sequence.last}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("sequences", "0002_alter_sequence_last"),
        ("cyber_reports", "0004_routing_copies_report_sector_and_time"),
    ]

    operations = [
        migrations.RunPython(counters_to_sequences, sequences_to_counters),
        migrations.DeleteModel(name="TrackingSequence"),
    ]

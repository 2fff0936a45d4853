"""The request and certification counters move to django-sequences (leacorner.numbering).

Each NumberCounter row (prefix, year, last_number) becomes the Sequence named "<prefix>-<year>"
with the same last value, so the next number continues the series; then the old table goes.
"""

from django.db import migrations


def counters_to_sequences(apps, schema_editor):
    NumberCounter = apps.get_model("stakeholder_forms", "NumberCounter")
    Sequence = apps.get_model("sequences", "Sequence")
    for counter in NumberCounter.objects.all():
        sequence, created = Sequence.objects.get_or_create(
            name=f"{counter.prefix}-{counter.year}", defaults={"last": counter.last_number}
        )
        if not created and sequence.last < counter.last_number:
            sequence.last = counter.last_number
            sequence.save(update_fields=["last"])


def sequences_to_counters(apps, schema_editor):
    NumberCounter = apps.get_model("stakeholder_forms", "NumberCounter")
    Sequence = apps.get_model("sequences", "Sequence")
    for prefix in ("CJS", "CERT"):
        for sequence in Sequence.objects.filter(name__startswith=f"{prefix}-"):
            year = sequence.name.removeprefix(f"{prefix}-")
            if year.isdigit():
                NumberCounter.objects.update_or_create(
                    prefix=prefix, year=int(year), defaults={"last_number": sequence.last}
                )


class Migration(migrations.Migration):
    dependencies = [
        ("sequences", "0002_alter_sequence_last"),
        ("stakeholder_forms", "0003_assignee_queue_index"),
    ]

    operations = [
        migrations.RunPython(counters_to_sequences, sequences_to_counters),
        migrations.DeleteModel(name="NumberCounter"),
    ]

"""Officers who type just "cyber" most often want to report an incident: make "cyber" one of the
reporting guidance's other names, so search puts that page first."""

from django.db import migrations


def add_alias(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    program = Program.objects.filter(slug="cyber-incident-reporting").first()
    if program is None or "cyber" in program.aliases.lower().splitlines():
        return
    program.aliases = "cyber\n" + program.aliases
    program.lookup_keys = program.lookup_keys.rstrip() + " cyber "
    program.save(update_fields=["aliases", "lookup_keys"])


class Migration(migrations.Migration):
    dependencies = [("programs", "0003_seed_directory")]

    operations = [migrations.RunPython(add_alias, migrations.RunPython.noop)]

"""The source pages do not say which ICE office publishes the Tool Kit for Prosecutors; the seed
had named OPLA. Show it as agency-wide until an editor confirms the office."""

from django.db import migrations


def agency_wide(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    Program.objects.filter(slug="tool-kit-for-prosecutors", component="OPLA").update(
        component="ICE"
    )


class Migration(migrations.Migration):
    dependencies = [("programs", "0004_cyber_alias")]

    operations = [migrations.RunPython(agency_wide, migrations.RunPython.noop)]

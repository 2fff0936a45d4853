from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("stakeholder_forms", "0005_verification_codes_hashed")]

    operations = [migrations.RemoveField(model_name="certification", name="verification_code")]

from django.db import migrations, models

from kyodo.core.forms import normalize_address
from kyodo.organizations.models import similar_key


def fill_similar_key_and_addresses(apps, schema_editor):
    # The groups saved before: the duplicate hint's key, and the address and area in the one
    # form save() now writes (half-width digits and hyphens), so that the CSV and the directory's
    # area filter see old rows as they see new ones.
    Organization = apps.get_model("organizations", "Organization")
    rows = Organization.objects.values_list("pk", "name_reading", "address", "area")
    for pk, reading, address, area in rows.iterator():
        Organization.objects.filter(pk=pk).update(
            similar_key=similar_key(reading),
            address=normalize_address(address or ""),
            area=normalize_address(area or ""),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0007_organization_status_scheduled"),
    ]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="similar_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=300),
        ),
        migrations.RunPython(fill_similar_key_and_addresses, migrations.RunPython.noop),
    ]

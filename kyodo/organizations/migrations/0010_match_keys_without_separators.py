"""Group keys computed again: match_key now passes over 「・」「=」「゠」 (and other middle dots)
and spaces, and reads every hyphen, dash and minus as ー, so keys stored before differ for names
written with them."""

from django.db import migrations

from kyodo.core.text import match_key
from kyodo.organizations.models import core_key, similar_key


def recompute_keys(apps, schema_editor):
    # The groups saved before: their keys as save() computes them now (「NPO・ひばり」 and
    # 「NPO ひばり」 are one name to the duplicate check and the name search).
    Organization = apps.get_model("organizations", "Organization")
    rows = Organization.objects.values_list(
        "pk", "name", "name_reading", "name_key", "reading_key", "core_key", "similar_key"
    )
    for pk, name, reading, *stored in rows.iterator():
        keys = {
            "name_key": match_key(name),
            "reading_key": match_key(reading),
            "core_key": core_key(name),
            "similar_key": similar_key(reading),
        }
        if list(keys.values()) != stored:
            Organization.objects.filter(pk=pk).update(**keys)


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0009_organization_names_normalized"),
    ]

    operations = [
        migrations.RunPython(recompute_keys, migrations.RunPython.noop),
    ]

from django.db import migrations

from kyodo.core.text import gojuon_order, normalize_name


def normalize_names_and_reading_order(apps, schema_editor):
    # The groups saved before: names in the one form save() now writes (「ＮＰＯ法人みらい」 →
    # 「NPO法人みらい」; match_key, hence name_key and core_key, is the same for both forms), and
    # the reading order that passes over 「・」 and 「=」 as it does spaces.
    Organization = apps.get_model("organizations", "Organization")
    rows = Organization.objects.values_list(
        "pk", "name", "representative_name", "name_reading", "reading_order"
    )
    for pk, name, representative, reading, order in rows.iterator():
        values = {
            "name": normalize_name(name or ""),
            "representative_name": normalize_name(representative or ""),
            "reading_order": gojuon_order(reading),
        }
        if values != {"name": name, "representative_name": representative, "reading_order": order}:
            Organization.objects.filter(pk=pk).update(**values)


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0008_organization_similar_key"),
    ]

    operations = [
        migrations.RunPython(normalize_names_and_reading_order, migrations.RunPython.noop),
    ]

from django.db import migrations, models


def create_index(apps, schema_editor):
    from kyodo.search.engine import create_index_sql

    for sql in create_index_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    from kyodo.search.engine import drop_index_sql

    for sql in drop_index_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True

    dependencies: list = []

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("entry", "Minutes statement"), ("event", "Event"), ("group", "Registered group"), ("consultation", "Consultation")], max_length=20)),
                ("object_id", models.BigIntegerField()),
                ("audience", models.CharField(choices=[("public", "Everyone"), ("staff", "Staff only")], max_length=10)),
                ("date", models.DateField(blank=True, null=True)),
                ("fiscal_year", models.PositiveIntegerField(blank=True, null=True)),
                ("committee_id", models.BigIntegerField(blank=True, null=True)),
                ("meeting_id", models.BigIntegerField(blank=True, null=True)),
                ("category", models.CharField(blank=True, max_length=20)),
                ("speaker_role", models.CharField(blank=True, max_length=10)),
                ("speaker_public", models.CharField(blank=True, max_length=200)),
                ("speaker_staff", models.CharField(blank=True, max_length=200)),
                ("speaker_public_key", models.CharField(blank=True, max_length=200)),
                ("speaker_staff_key", models.CharField(blank=True, max_length=200)),
                ("seq", models.BigIntegerField(default=0)),
                ("fts_key", models.BigIntegerField(null=True, unique=True)),
                ("title", models.CharField(blank=True, max_length=300)),
                ("subtitle", models.CharField(blank=True, max_length=300)),
                ("url", models.CharField(max_length=300)),
                ("staff_url", models.CharField(blank=True, max_length=300)),
                ("text", models.TextField(blank=True)),
                ("norm", models.TextField()),
                ("source_hash", models.CharField(max_length=64)),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
                "indexes": [
                    models.Index(fields=["meeting_id"], name="search_doc_meeting"),
                    models.Index(fields=["audience", "date"], name="search_doc_audience_date"),
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="search_document_once")
                ],
            },
        ),
        migrations.RunPython(create_index, drop_index),
    ]

"""Search finds minutes as a whole (their meeting's name, date, agenda items and the names in
their attendance lists), events by their venue and guests, says 中止 of a cancelled event, and
folds old and variant kanji (﨑 = 崎, 髙 = 高 …, kyodo.search.text.VARIANT_KANJI) in the index and
the query alike: every document's index text changes (INDEX_TEXT_VERSION v3), so the index is
rebuilt here. ``kyodo search reindex`` does the same at any time."""

from django.db import migrations, models


def rebuild(apps, schema_editor):
    # The index of this database only; a scratch database (kyodo backup --verify) is empty.
    if schema_editor.connection.alias != "default":
        return
    if not apps.get_model("search", "SearchDocument").objects.exists():
        return
    from kyodo.search.signals import rebuild_after_migrate

    # After the last migration of this run: the rebuild reads today's models.
    rebuild_after_migrate(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_stable_keys")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="status",
            field=models.CharField(
                blank=True,
                choices=[("cancelled", "Cancelled")],
                default="",
                db_default="",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="kind",
            field=models.CharField(
                choices=[
                    ("entry", "Minutes statement"),
                    ("event", "Event"),
                    ("group", "Registered group"),
                    ("consultation", "Consultation"),
                    ("news", "News"),
                    ("page", "Page"),
                    ("case", "Collaboration case"),
                    ("minutes", "Minutes"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]

"""The index text passes over 「・」「=」「゠」 as it does spaces and reads every hyphen, dash and
minus as ー (kyodo.core.text.match_key, INDEX_TEXT_VERSION v4): 「山田・花子」 is found by 「山田花子」
and 「センタ－」 by 「センター」. Every document's index text may change, so the index is rebuilt
here. ``kyodo search reindex`` does the same at any time."""

from django.db import migrations


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
    dependencies = [("search", "0005_minutes_kind_event_status")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]

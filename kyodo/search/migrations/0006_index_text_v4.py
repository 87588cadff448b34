"""The index text passes over 「・」「=」「゠」 as it does spaces and reads every hyphen, dash and
minus as ー (kyodo.core.text.match_key, INDEX_TEXT_VERSION v4): 「山田・花子」 is found by 「山田花子」
and 「センタ－」 by 「センター」. Every document's index text may change, so the index is rebuilt
here. ``kyodo search reindex`` does the same at any time."""

from django.db import migrations

from kyodo.search.signals import rebuild_in_migration


class Migration(migrations.Migration):
    dependencies = [("search", "0005_minutes_kind_event_status")]

    operations = [migrations.RunPython(rebuild_in_migration, migrations.RunPython.noop)]

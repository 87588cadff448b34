"""Newest-first order breaks ties by the indexed row (kind and id), which a backup and restore
keep, instead of the index row's id (issue 18): every key changes, so the index is rebuilt."""

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
    dependencies = [("search", "0003_kinds_news_page_case")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]

"""PostgreSQL: index every document's bigrams once more with the period of its date.

The counts period by period (kyodo.search.selectors) read these dated bigrams; documents
indexed before them would be missed by those counts (the search would still be right, through
its slower paths, but slower). SQLite's index is unchanged.
"""

from django.db import migrations


def add_dated_bigrams(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from kyodo.search import engine

    documents = apps.get_model("search", "SearchDocument").objects.using(
        schema_editor.connection.alias
    )
    batch = []
    for doc in documents.order_by("pk").iterator(chunk_size=2000):
        batch.append((doc.pk, doc.fts_key or 0, doc.norm, engine.attr_tokens(doc)))
        if len(batch) == 2000:
            engine.write_tokens(batch)
            batch = []
    engine.write_tokens(batch)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_dated_bigrams, migrations.RunPython.noop)]

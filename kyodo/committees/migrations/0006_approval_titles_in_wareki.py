"""The automatic approval items of minutes still open were titled with the Western fiscal year
(「2026年度第2回運営委員会会議録について」) while the meeting is named 「令和8年度第2回運営委員会」:
give them the 和暦 name, as ``services.agenda.approval_title`` now does. Only titles exactly as
the old code wrote them, and only on meetings whose minutes can still change (draft or
circulated): what was approved or confirmed stays as it stood."""

from django.db import migrations


def approval_titles_in_wareki(apps, schema_editor):
    from kyodo.core.wareki import fiscal_year_name

    AgendaItem = apps.get_model("committees", "AgendaItem")
    items = (
        AgendaItem.objects.using(schema_editor.connection.alias)
        .filter(
            minutes_for__isnull=False,
            meeting__minutes__status__in=["draft", "circulated"],
        )
        .select_related("minutes_for__meeting__committee")
    )
    for item in items:
        meeting = item.minutes_for.meeting
        name = meeting.committee.name
        old = f"{meeting.fiscal_year}年度第{meeting.number}回{name}会議録について"
        if item.title == old:
            item.title = f"{fiscal_year_name(meeting.fiscal_year)}第{meeting.number}回{name}会議録について"
            item.save(update_fields=["title"])


class Migration(migrations.Migration):
    dependencies = [("committees", "0005_minutes_versions")]

    operations = [migrations.RunPython(approval_titles_in_wareki, migrations.RunPython.noop)]

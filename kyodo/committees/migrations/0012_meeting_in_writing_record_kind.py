# A body keeps 会議録 or 議事要旨 (the title of its minutes); a meeting may be held in writing
# (書面開催), its minutes dated the day the written votes closed.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0011_committee_office"),
    ]

    operations = [
        migrations.AddField(
            model_name="committee",
            name="record_kind",
            field=models.CharField(
                choices=[("minutes", "Full record (会議録)"), ("summary", "Summary (議事要旨)")],
                default="minutes",
                help_text="The title printed on the minutes of its meetings (confirmed ones keep theirs).",
                max_length=10,
                verbose_name="record kept",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="held_in_writing",
            field=models.BooleanField(default=False, verbose_name="held in writing"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="votes_close_on",
            field=models.DateField(
                blank=True,
                help_text="A meeting held in writing: the last day for the members' written votes.",
                null=True,
                verbose_name="written votes close on",
            ),
        ),
    ]

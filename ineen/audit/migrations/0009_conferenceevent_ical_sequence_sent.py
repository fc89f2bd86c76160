from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0008_history_recorded_in_case"),
    ]

    operations = [
        migrations.AddField(
            model_name="conferenceevent",
            name="ical_sequence_sent",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
    ]

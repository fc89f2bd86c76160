from django.db import migrations, models
from django.db.models import F


def sent_so_far(apps, schema_editor):
    """Conferences whose calendar item already went out: what was sent is at most ical_sequence."""
    Conference = apps.get_model("conferences", "Conference")
    Invitation = apps.get_model("conferences", "Invitation")
    sent = Invitation.objects.filter(sent_at__isnull=False, user__isnull=False).values("conference_id")
    Conference.objects.filter(pk__in=sent).update(ical_sequence_sent=F("ical_sequence"))


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0003_keep_apart"),
    ]

    operations = [
        migrations.AddField(
            model_name="conference",
            name="ical_sequence_sent",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(sent_so_far, migrations.RunPython.noop),
    ]

"""Every existing safety house gets the five family profiles of seed 004 (new houses get them from the
post_save signal in arrangements/signals.py)."""

from django.db import migrations

NAMES = [
    ("intimate_terror", "Intieme terreur"),
    ("family_in_stress", "Gezin in de stress"),
    ("child_behaviour", "Kindgedrag en opvoedstress"),
    ("long_term_care", "Langdurige zorg"),
    ("conflict_divorce", "Conflictscheiding"),
]


def forwards(apps, schema_editor):
    from ineen.arrangements.profiles import DESCRIPTIONS

    SafetyHouse = apps.get_model("accounts", "SafetyHouse")
    FamilyProfile = apps.get_model("arrangements", "FamilyProfile")
    for house in SafetyHouse.objects.all():
        have = set(FamilyProfile.objects.filter(safety_house=house).values_list("origin", flat=True))
        FamilyProfile.objects.bulk_create(
            FamilyProfile(safety_house=house, origin=key, name=name, description=str(DESCRIPTIONS[key]), order=n)
            for n, (key, name) in enumerate(NAMES)
            if key not in have
        )


class Migration(migrations.Migration):
    dependencies = [("arrangements", "0001_initial"), ("accounts", "0005_user_work_phone")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

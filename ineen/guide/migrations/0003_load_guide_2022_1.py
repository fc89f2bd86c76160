"""Load the guide as version 2022.1, so every fresh database (demo, tests) has it."""

from django.db import migrations

CODE = "2022.1"


def load(apps, schema_editor):
    from ineen.guide.loading import load_first_version

    load_first_version(
        apps.get_model("guide", "GuideVersion"),
        apps.get_model("guide", "GuideItem"),
        apps.get_model("guide", "GuidePhaseIntro"),
    )


def unload(apps, schema_editor):
    GuideVersion = apps.get_model("guide", "GuideVersion")
    GuideItem = apps.get_model("guide", "GuideItem")
    GuidePhaseIntro = apps.get_model("guide", "GuidePhaseIntro")
    version = GuideVersion.objects.filter(code=CODE).first()
    if version is None:
        return
    GuideItem.objects.filter(version=version, parent__isnull=False).delete()
    GuideItem.objects.filter(version=version).delete()
    GuidePhaseIntro.objects.filter(version=version).delete()
    version.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("guide", "0002_guidephaseintro"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]

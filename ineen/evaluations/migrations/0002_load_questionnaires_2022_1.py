from django.db import migrations


def load(apps, schema_editor):
    from ineen.evaluations.loading import load_version

    load_version(apps.get_model("evaluations", "QuestionnaireVersion"), apps.get_model("evaluations", "QuestionnaireItem"))


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_questionnaires")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

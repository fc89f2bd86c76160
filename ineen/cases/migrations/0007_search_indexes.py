"""The chair's case list in index order, and a trigram index for searching references (issue 12;
ineen/trigram.py, PostgreSQL only)."""

from django.db import migrations, models

from ineen.trigram import AddIndexOnPostgres, trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_item_nature_and_confirmation"),
        ("households", "0007_search_indexes"),  # creates pg_trgm
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["safety_house", "-opened_at"], name="case_house_opened"),
        ),
        AddIndexOnPostgres(model_name="case", index=trigram_index("reference", "case_reference_trgm")),
    ]

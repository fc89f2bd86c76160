"""Trigram indexes for case search and the duplicate check (issue 12; ineen/trigram.py). PostgreSQL
only: pg_trgm is created there, and the indexes are skipped on SQLite."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from ineen.trigram import AddIndexOnPostgres, trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("households", "0006_incident_last_confirmed_at_incident_nature_and_more"),
    ]

    operations = [
        TrigramExtension(),  # CREATE EXTENSION IF NOT EXISTS pg_trgm; nothing on other databases
        AddIndexOnPostgres(model_name="household", index=trigram_index("name", "household_name_trgm")),
        AddIndexOnPostgres(model_name="person", index=trigram_index("first_name", "person_first_name_trgm")),
        AddIndexOnPostgres(model_name="person", index=trigram_index("last_name", "person_last_name_trgm")),
    ]

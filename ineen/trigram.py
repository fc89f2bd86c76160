"""Trigram indexes (PostgreSQL's pg_trgm) for substring and fuzzy name search (issue 12).

One GIN index with `gin_trgm_ops` on UPPER(column) serves both `UPPER(column) LIKE '%TERM%'` (what
Django's `icontains` writes on PostgreSQL) and the similarity operators (`%`, `%>`): trigrams ignore
case, so the similarity of UPPER(column) is that of the column. SQLite has no such index; the
migrations add these indexes on PostgreSQL only (`AddIndexOnPostgres`), and search there stays a plain
substring scan over the (small) test and development databases."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations
from django.db.models.functions import Upper


def trigram_index(field: str, name: str) -> GinIndex:
    return GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=name)


class AddIndexOnPostgres(migrations.AddIndex):
    """AddIndex that creates the index on PostgreSQL and nothing elsewhere (the model state has it
    everywhere, so makemigrations stays quiet)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

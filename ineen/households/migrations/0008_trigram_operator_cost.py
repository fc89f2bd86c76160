"""Tell PostgreSQL's planner what pg_trgm's word-similarity operator costs (issue 12).

Its functions are declared with the default COST 1, as cheap as comparing two integers. For a search term
the planner then preferred reading every member row and computing the similarity of each (600 ms for
100,000 members at region scale) over the trigram indexes (50 ms). COST 100 (PostgreSQL's default for a
function in a procedural language) lets it pick the indexes. PostgreSQL only.

The functions belong to the extension's owner. Where this migration runs as a role that does not own them
(a trusted extension created by a non-superuser, as in compose.yaml's deployment), it says so and changes
nothing: deploy/postgres-init.sh makes the same change as the superuser at the database's first start.
"""

from django.db import migrations

FUNCTIONS = ("word_similarity_op(text, text)", "word_similarity_commutator_op(text, text)")


def _set_cost(cost):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        statements = " ".join(f"ALTER FUNCTION {name} COST {cost};" for name in FUNCTIONS)
        schema_editor.execute(
            "DO $$ BEGIN " + statements + " EXCEPTION WHEN insufficient_privilege THEN RAISE NOTICE "
            "'pg_trgm functions not owned by this role: run deploy/postgres-init.sh''s ALTER FUNCTION as the "
            "superuser'; END $$"
        )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("households", "0007_search_indexes"),
    ]

    operations = [migrations.RunPython(_set_cost(100), _set_cost(1), elidable=False)]

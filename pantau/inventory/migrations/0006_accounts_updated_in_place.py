"""Accounts and groups are updated in place on PostgreSQL (heap-only tuples).

An import adds its posts to tens of thousands of accounts' and groups' counts
per batch, and widens their first and last seen; classification rewrites their
risk scores. With an index on `post_count` (0004's most-posts indexes) every
such update wrote a new entry into each of the row's indexes, and with full
pages no update could stay on its row's page: at 200,000 posts imported, a
fifth of the server's time. The indexes go (the lists sort by risk, name and
last seen without one too; a list page is a top-N sort of the rows that pass
its filters), and the two tables keep a fifth of each page free, so an update
that changes no indexed column stays on its page and touches no index.
"""

from django.db import migrations

TABLES = ("inventory_account", "inventory_group")


def keep_room(fillfactor: int):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table in TABLES:
                schema_editor.execute(f"ALTER TABLE {table} SET (fillfactor = {fillfactor})")

    return apply


class Migration(migrations.Migration):
    dependencies = [("inventory", "0005_account_url_index")]

    operations = [
        migrations.RemoveIndex(model_name="account", name="account_most_posts"),
        migrations.RemoveIndex(model_name="group", name="group_most_posts"),
        migrations.RunPython(keep_room(80), keep_room(100)),
    ]

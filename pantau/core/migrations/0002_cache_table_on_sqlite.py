"""The cache table on SQLite too: `pantau serve` runs several web processes, whose rate limits must agree.

Homes migrated while SQLite kept the cache in memory have no table yet;
`createcachetable` adds it (and does nothing where it exists).
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_cache_table")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]

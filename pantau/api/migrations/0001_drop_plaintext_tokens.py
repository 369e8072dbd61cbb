"""Tokens of rest_framework.authtoken were stored in clear; they are replaced by knox's hashed ones.

Dropping the old table ends every old token (scripts ask `/api/token/` for a new one) and leaves no
usable secret in the database or its backups from now on.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("knox", "0009_extend_authtoken_field")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL("DELETE FROM django_migrations WHERE app = 'authtoken'", reverse_sql=migrations.RunSQL.noop),
    ]

"""Posts are never looked up by a prefix of their natural key or normalised link: PostgreSQL's
pattern indexes beside those two were about 4 % of a post's insert."""

from django.db import migrations

from pantau.core.schema import drop_pattern_indexes


class Migration(migrations.Migration):
    dependencies = [("intake", "0011_post_search_lexemes")]

    operations = [drop_pattern_indexes("intake_post", ("natural_key", "url_key"))]

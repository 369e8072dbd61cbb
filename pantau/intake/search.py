"""Full-text search over posts: FTS5 on SQLite, to_tsvector('simple') on PostgreSQL."""

from django.db import connection
from django.db.models.expressions import RawSQL

from .searchtext import query_terms


def search_posts(queryset, query: str):
    terms = query_terms(query)
    if not terms:
        return queryset
    if connection.vendor == "sqlite":
        match = " AND ".join(f'"{term}"*' for term in terms)
        return queryset.filter(
            pk__in=RawSQL("SELECT rowid FROM intake_post_fts WHERE intake_post_fts MATCH %s", [match])
        )
    tsquery = " & ".join(f"{term}:*" for term in terms)
    return queryset.extra(
        where=["to_tsvector('simple'::regconfig, intake_post.search_text) @@ to_tsquery('simple'::regconfig, %s)"],
        params=[tsquery],
    )

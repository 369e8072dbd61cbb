"""Full-text search over posts: FTS5 on SQLite, a GIN index of the words' tsvector on PostgreSQL."""

from django.db import connection
from django.db.models.expressions import RawSQL

from .searchtext import query_terms

# What PostgreSQL's GIN index covers (migration 0011 builds it over exactly this expression; a search
# must name it the same way to be answered from the index). `search_text` is already the words to index,
# lower-case [0-9a-z] separated by single spaces (searchtext.index_text), so they are taken as lexemes as
# they are: to_tsvector's parser would find the same ones at four times the server's time per post.
POSTGRES_LEXEMES = "array_to_tsvector(array_remove(string_to_array({column}, ' '), ''))"


def search_posts(queryset, query: str):
    terms = query_terms(query)
    if not terms:
        return queryset
    if connection.vendor == "sqlite":
        match = " AND ".join(f'"{term}"*' for term in terms)
        return queryset.filter(
            pk__in=RawSQL("SELECT rowid FROM intake_post_fts WHERE intake_post_fts MATCH %s", [match])
        )
    # The terms are lexemes already ([0-9a-z]), quoted as tsquery's input wants, each a prefix.
    tsquery = " & ".join(f"'{term}':*" for term in terms)
    lexemes = POSTGRES_LEXEMES.format(column="intake_post.search_text")
    return queryset.extra(where=[f"{lexemes} @@ CAST(%s AS tsquery)"], params=[tsquery])

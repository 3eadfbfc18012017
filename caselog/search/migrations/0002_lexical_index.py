"""The lexical index lives in the database: an FTS5 table on SQLite, a tsvector column
with a GIN index (plus pg_trgm for typo tolerance) on PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    # Stems (title, body) and raw normalised tokens (for the word being typed) are written
    # by caselog.search.lexical; `facets` carries kind/locale/group/published tokens so
    # that filtering happens inside the MATCH instead of in a join.
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        title, body, title_raw, body_raw, facets,
        tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4'
    )""",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]

POSTGRES_FORWARD = [
    "ALTER TABLE search_searchdocument ADD COLUMN IF NOT EXISTS tsv tsvector",
    "CREATE INDEX IF NOT EXISTS search_doc_tsv_gin ON search_searchdocument USING gin (tsv)",
]
POSTGRES_TRGM = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_term_word_trgm ON search_searchterm USING gin (word gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_term_word_trgm",
    "DROP INDEX IF EXISTS search_doc_tsv_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS tsv",
]


def forward(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for sql in SQLITE_FORWARD:
                cursor.execute(sql)
        elif connection.vendor == "postgresql":
            for sql in POSTGRES_FORWARD:
                cursor.execute(sql)
            # Without the extension (no privilege, not installed) search still works,
            # only without typo tolerance: lexical.trigram_available() checks at run time.
            cursor.execute("SAVEPOINT search_trgm")
            try:
                for sql in POSTGRES_TRGM:
                    cursor.execute(sql)
            except Exception:
                cursor.execute("ROLLBACK TO SAVEPOINT search_trgm")
            else:
                cursor.execute("RELEASE SAVEPOINT search_trgm")


def backward(apps, schema_editor):
    connection = schema_editor.connection
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]

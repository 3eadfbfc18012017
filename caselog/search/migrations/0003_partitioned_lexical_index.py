"""Faster lexical queries at scale.

SQLite: FTS rowids are partitioned by (kind, language) and only published documents are
indexed, so a query reads one rowid range instead of intersecting facet tokens; an
fts5vocab table gives each term's document frequency. The index is rebuilt here.
PostgreSQL: search_lexeme keeps each lexeme's document frequency (filled here from the
existing tsv column, then maintained by caselog.search.lexical).
"""

from django.db import migrations

from caselog.search import lexical

SQLITE_VOCABULARY = "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, 'row')"
POSTGRES_FORWARD = [
    'CREATE TABLE IF NOT EXISTS search_lexeme (word text COLLATE "C" PRIMARY KEY, documents integer NOT NULL)',
    "INSERT INTO search_lexeme (word, documents) "
    "SELECT u.lexeme, count(*) FROM search_searchdocument d, unnest(d.tsv) AS u(lexeme, positions, weights) "
    "WHERE d.tsv IS NOT NULL GROUP BY u.lexeme ON CONFLICT (word) DO NOTHING",
]
REBUILD_CHUNK = 2000


def forward(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in POSTGRES_FORWARD:
                cursor.execute(sql)
            return
        if connection.vendor != "sqlite":
            return
        cursor.execute(SQLITE_VOCABULARY)
        cursor.execute("DELETE FROM search_fts")
        SearchDocument = apps.get_model("search", "SearchDocument")
        fields = ["id", "kind", "locale", "product_group", "title", "body", "published"]
        rows = SearchDocument.objects.filter(published=True).values_list(*fields).order_by("id")
        batch = []
        for values in rows.iterator(chunk_size=REBUILD_CHUNK):
            batch.append(lexical.sqlite_entry(lexical.IndexRow(*values)))
            if len(batch) >= REBUILD_CHUNK:
                cursor.executemany(lexical.SQLITE_INSERT, batch)
                batch = []
        if batch:
            cursor.executemany(lexical.SQLITE_INSERT, batch)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TABLE IF EXISTS search_lexeme")
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS search_fts_vocab")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_lexical_index")]

    operations = [migrations.RunPython(forward, backward)]

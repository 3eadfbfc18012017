"""Lexical queries that stay cheap at scale.

SQLite: FTS rowids are partitioned by (kind, language) and only published documents are
indexed, so a query reads one rowid range instead of intersecting facet tokens; an
fts5vocab table gives each term's document frequency. The FTS index is rebuilt here.

PostgreSQL: the tsvector moves from the wide document row to a narrow side table
(search_lexical, published documents only) with its GIN index, and search_lexeme keeps
each lexeme's document frequency (both maintained by caselog.search.lexical).
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from caselog.search import lexical

SQLITE_VOCABULARY = "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, 'row')"
POSTGRES_FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_lexical_tsv_gin ON search_lexical USING gin (tsv)",
    "INSERT INTO search_lexical (document_id, kind, locale, product_group, tsv) "
    "SELECT id, kind, locale, product_group, tsv FROM search_searchdocument WHERE published AND tsv IS NOT NULL",
    "DROP INDEX IF EXISTS search_doc_tsv_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS tsv",
    'CREATE TABLE IF NOT EXISTS search_lexeme (word text COLLATE "C" PRIMARY KEY, documents integer NOT NULL)',
    "INSERT INTO search_lexeme (word, documents) "
    "SELECT u.lexeme, count(*) FROM search_lexical l, unnest(l.tsv) AS u(lexeme, positions, weights) "
    "GROUP BY u.lexeme ON CONFLICT (word) DO NOTHING",
]
POSTGRES_BACKWARD = [
    "DROP TABLE IF EXISTS search_lexeme",
    "ALTER TABLE search_searchdocument ADD COLUMN IF NOT EXISTS tsv tsvector",
    "UPDATE search_searchdocument d SET tsv = l.tsv FROM search_lexical l WHERE l.document_id = d.id",
    "CREATE INDEX IF NOT EXISTS search_doc_tsv_gin ON search_searchdocument USING gin (tsv)",
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
            for sql in POSTGRES_BACKWARD:
                cursor.execute(sql)
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS search_fts_vocab")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_lexical_index")]

    operations = [
        migrations.CreateModel(
            name="LexicalEntry",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="search.searchdocument",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("article", "Article"), ("thread", "Community thread")], max_length=16
                    ),
                ),
                ("locale", models.CharField(max_length=8)),
                ("product_group", models.CharField(blank=True, max_length=100)),
                ("tsv", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={"db_table": "search_lexical"},
        ),
        migrations.RunPython(forward, backward),
    ]

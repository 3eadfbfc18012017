"""The console look-up finds an account by its email whatever the case it was typed or stored in:
an index on LOWER(email) makes that one indexed equality (the same SQL on SQLite and PostgreSQL).
The accounts app stores the address as typed, so the index lives on its table, created here
because the look-up is this app's. On PostgreSQL it is built CONCURRENTLY, so a large user table
keeps taking writes while it builds (hence a non-atomic migration)."""

from typing import Any

from django.db import migrations

INDEX = "devices_lookup_email_lower"


def create(apps: Any, schema_editor: Any) -> None:
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f'CREATE INDEX {concurrently}IF NOT EXISTS "{INDEX}" ON "accounts_user" (LOWER("email"))')


def drop(apps: Any, schema_editor: Any) -> None:
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("devices", "0002_customerphone_backfill"), ("accounts", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]

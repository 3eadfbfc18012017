"""The console look-up finds an account by its email whatever the case it was typed or stored in:
an index on LOWER(email) makes that one indexed equality (the same SQL on SQLite and PostgreSQL).
The accounts app stores the address as typed, so the index lives on its table, created here
because the look-up is this app's."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("devices", "0002_customerphone_backfill"), ("accounts", "0001_initial")]

    operations = [
        migrations.RunSQL(
            sql='CREATE INDEX IF NOT EXISTS "devices_lookup_email_lower" ON "accounts_user" (LOWER("email"))',
            reverse_sql='DROP INDEX IF EXISTS "devices_lookup_email_lower"',
        )
    ]

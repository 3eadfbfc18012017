"""Index the phone numbers of accounts that existed before the look-up index did."""

from typing import Any

from django.db import migrations


def backfill(apps: Any, schema_editor: Any) -> None:
    from caselog.devices.selectors import phone_normalise

    User = apps.get_model("accounts", "User")
    CustomerPhone = apps.get_model("devices", "CustomerPhone")
    region_for_locale = {"ru": "RU", "de": "DE", "en": "US"}
    rows = []
    for user_id, phone, locale in User.objects.exclude(phone="").values_list("id", "phone", "locale").iterator():
        e164 = phone_normalise(raw=phone, region=region_for_locale.get((locale or "")[:2]))
        if e164:
            rows.append(CustomerPhone(user_id=user_id, e164=e164))
    CustomerPhone.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("devices", "0001_initial"), ("accounts", "0001_initial")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]

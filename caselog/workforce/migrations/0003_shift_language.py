from django.conf import settings
from django.db import migrations, models


def per_language(apps, schema_editor):
    """Schedules planned before languages: their requirement and shifts were the department's
    main language."""
    Schedule = apps.get_model("workforce", "Schedule")
    Shift = apps.get_model("workforce", "Shift")
    for schedule in Schedule.objects.select_related("department"):
        language = schedule.department.language
        requirement = schedule.requirement or {}
        if requirement and all(len(key) == 10 and key[4] == "-" for key in requirement):
            schedule.requirement = {language: requirement}
            schedule.save(update_fields=["requirement"])
        Shift.objects.filter(schedule=schedule, language="").update(language=language)


class Migration(migrations.Migration):
    dependencies = [("workforce", "0002_hourlyvolume_wait_seconds")]

    operations = [
        migrations.AddField(
            model_name="shift",
            name="language",
            field=models.CharField(choices=settings.LANGUAGES, default="", max_length=8, verbose_name="language"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="schedule",
            name="requirement",
            field=models.JSONField(
                default=dict, help_text="Agents to schedule per language, local day (ISO date) and local hour"
            ),
        ),
        migrations.RunPython(per_language, migrations.RunPython.noop),
    ]

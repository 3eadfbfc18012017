import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_sla_clocks"),
        ("knowledge", "0002_article_articletranslation_articlestatuschange_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="solved_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="solved_cases",
                to="knowledge.article",
            ),
        ),
    ]

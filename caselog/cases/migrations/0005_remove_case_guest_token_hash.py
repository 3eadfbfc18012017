from django.db import migrations


class Migration(migrations.Migration):
    """Guests' private links are signed tokens now; nothing per case needs storing."""

    dependencies = [("cases", "0004_case_solved_by")]

    operations = [migrations.RemoveField(model_name="case", name="guest_token_hash")]

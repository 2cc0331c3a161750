"""Issue 22: an upload keeps its parsed table (in `data`) and its file's size.

Uploads waiting from before held the raw file, which the steps no longer read: they are
dropped (they live a day at most; the user uploads the file again).
"""

from django.db import migrations, models


def drop_raw_uploads(apps, schema_editor):
    apps.get_model("ledger", "ImportUpload").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("ledger", "0013_budget_next_due")]

    operations = [
        migrations.RunPython(drop_raw_uploads, migrations.RunPython.noop),
        migrations.AddField(
            model_name="importupload",
            name="size",
            field=models.PositiveIntegerField(default=0),
        ),
    ]

"""Budget.next_due: the earliest pending occurrence of a budget's auto-posting recurring
expenses, so a request knows whether anything is due from the budget row it loads anyway
(`ledger.due_posting`). Filled here from the schedules already stored."""

from django.db import migrations, models


def fill_next_due(apps, schema_editor):
    Budget = apps.get_model("ledger", "Budget")
    RecurringExpense = apps.get_model("ledger", "RecurringExpense")
    earliest = (
        RecurringExpense.objects.filter(budget=models.OuterRef("pk"), active=True, auto_post=True)
        .order_by()
        .values("budget")
        .annotate(earliest=models.Min("next_due"))
        .values("earliest")
    )
    Budget.objects.update(next_due=models.Subquery(earliest))


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0012_envelope_balances"),
    ]

    operations = [
        migrations.AddField(
            model_name="budget",
            name="next_due",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill_next_due, migrations.RunPython.noop, elidable=True),
    ]

"""Fill the monthly totals (issue 15) from the expense rows that are already there.

Every budget has month start day 1 when this runs, so a total's month is the
calendar month of the expense. Nothing is removed: going back drops the totals.
"""

from collections import defaultdict

from django.db import migrations
from django.db.models import BigIntegerField, Count, F, Sum
from django.db.models.functions import Cast, Round


def fill(apps, schema_editor):
    Expense = apps.get_model("ledger", "Expense")
    MonthlyTotal = apps.get_model("ledger", "MonthlyTotal")
    by_day = (
        Expense.objects.order_by()
        .values("budget_id", "category_id", "date")
        .annotate(cents=Sum(Cast(Round(F("amount") * 100), BigIntegerField())), count=Count("pk"))
        .values_list("budget_id", "category_id", "date", "cents", "count")
        .iterator(chunk_size=5000)
    )
    totals = defaultdict(lambda: [0, 0])
    for budget_id, category_id, day, cents, count in by_day:
        total = totals[(budget_id, category_id, day.replace(day=1))]
        total[0] += int(cents)
        total[1] += count
    MonthlyTotal.objects.bulk_create(
        (
            MonthlyTotal(
                budget_id=budget_id,
                category_id=category_id,
                month=month,
                spent_cents=cents,
                count=count,
            )
            for (budget_id, category_id, month), (cents, count) in totals.items()
        ),
        batch_size=1000,
    )


def empty(apps, schema_editor):
    apps.get_model("ledger", "MonthlyTotal").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("ledger", "0008_envelopes_and_month_start")]

    operations = [migrations.RunPython(fill, empty)]

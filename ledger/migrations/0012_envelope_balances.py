"""The stored envelope balances (issue 23), filled from the totals and allotments already there.

Each carrying category's closing `available` per month with data, from its
`rollover_from` on, walked with the one carry step (`ledger.carry`, plain values,
no models). Going back drops the table.
"""

from collections import defaultdict
from decimal import Decimal

import django.db.models.deletion
import django.db.models.lookups
from django.db import migrations, models

import ledger.models.scoping
from ledger import carry
from ledger.months import next_month


def fill(apps, schema_editor):
    Category = apps.get_model("ledger", "Category")
    Allotment = apps.get_model("ledger", "Allotment")
    MonthlyTotal = apps.get_model("ledger", "MonthlyTotal")
    EnvelopeBalance = apps.get_model("ledger", "EnvelopeBalance")
    carrying = Category.objects.exclude(rollover="none").filter(rollover_from__isnull=False)
    for category in carrying.iterator():
        since = {"category_id": category.pk, "month__gte": category.rollover_from}
        allotments = dict(Allotment.objects.filter(**since).values_list("month", "amount"))
        spent = {
            month: Decimal(cents) / 100
            for month, cents in MonthlyTotal.objects.filter(**since).values_list(
                "month", "spent_cents"
            )
        }
        last = max((*allotments, *spent), default=category.rollover_from)
        EnvelopeBalance.objects.bulk_create(
            (
                EnvelopeBalance(
                    budget_id=category.budget_id,
                    category_id=category.pk,
                    month=month,
                    available_cents=int((envelope.available * 100).to_integral_value()),
                )
                for month, envelope in carry.walk_data_months(
                    start=category.rollover_from,
                    end=next_month(last),
                    previous=None,
                    limit=category.limit,
                    rollover=category.rollover,
                    allotments=allotments,
                    spent=spent,
                )
            ),
            batch_size=1000,
        )


class Migration(migrations.Migration):
    dependencies = [("ledger", "0011_recurring_expenses")]

    operations = [
        migrations.CreateModel(
            name="EnvelopeBalance",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "month",
                    models.DateField(
                        help_text="The budget month, as the first day of the month it is named after."
                    ),
                ),
                ("available_cents", models.BigIntegerField()),
                (
                    "budget",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="envelope_balances",
                        to="ledger.budget",
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="envelope_balances",
                        to="ledger.category",
                    ),
                ),
            ],
            options={
                "ordering": ["month", "category_id"],
                "indexes": [
                    models.Index(
                        fields=["category", "month", "available_cents"],
                        name="envelopebalance_latest",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("category", "month"), name="envelopebalance_unique"
                    ),
                    models.CheckConstraint(
                        condition=django.db.models.lookups.Exact(
                            ledger.models.scoping.DayOfMonth("month"), 1
                        ),
                        name="envelopebalance_month_is_first_day",
                    ),
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

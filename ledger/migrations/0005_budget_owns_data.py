"""Budgets own the data (issue 14): every user gets "<username>'s budget" as its owner.

Their categories, expenses (recorded by them), monthly incomes and API tokens
move into it; nothing else changes, so every summary stays the same to the
cent (ledger/tests/test_migration_to_budgets.py proves it on a populated
database). Reversible: going back gives each row its budget's first owner.
"""

import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models

MOVED = ("Category", "Expense", "MonthlyIncome", "ApiToken")


def give_every_user_a_budget(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Budget = apps.get_model("ledger", "Budget")
    Membership = apps.get_model("ledger", "Membership")
    Expense = apps.get_model("ledger", "Expense")
    models_moved = [apps.get_model("ledger", name) for name in MOVED]
    for user in User.objects.order_by("pk").iterator():
        # Historical models have no methods: read the username field itself.
        budget = Budget.objects.create(name=f"{user.username}'s budget"[:100])
        Membership.objects.create(budget=budget, user=user, role="owner")
        for model in models_moved:
            model.objects.filter(owner=user).update(budget=budget)
        Expense.objects.filter(owner=user).update(created_by=user)


def give_rows_their_first_owner(apps, schema_editor):
    Budget = apps.get_model("ledger", "Budget")
    Membership = apps.get_model("ledger", "Membership")
    models_moved = [
        apps.get_model("ledger", name) for name in ("Category", "Expense", "MonthlyIncome")
    ]
    for budget in Budget.objects.order_by("pk").iterator():
        first = (
            Membership.objects.filter(budget=budget, role="owner").order_by("pk").first()
            or Membership.objects.filter(budget=budget).order_by("pk").first()
        )
        if first is None:
            continue
        for model in models_moved:
            model.objects.filter(budget=budget).update(owner=first.user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0004_budgets"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # 1. Room for the new owner beside the old one.
        migrations.AddField(
            model_name="category",
            name="budget",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="categories",
                to="ledger.budget",
            ),
        ),
        migrations.AddField(
            model_name="expense",
            name="budget",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="expenses",
                to="ledger.budget",
            ),
        ),
        migrations.AddField(
            model_name="expense",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="recorded_expenses",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="monthlyincome",
            name="budget",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="incomes",
                to="ledger.budget",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="budget",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="api_tokens",
                to="ledger.budget",
            ),
        ),
        # 2. The old owner may be empty (going back fills it again before it is required).
        migrations.AlterField(
            model_name="category",
            name="owner",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="categories",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="expense",
            name="owner",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="expenses",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="monthlyincome",
            name="owner",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="incomes",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        # 3. Move the rows.
        migrations.RunPython(give_every_user_a_budget, give_rows_their_first_owner),
        # 4. The rules move from the user to the budget.
        migrations.RemoveConstraint(model_name="category", name="category_unique_name_per_owner"),
        migrations.RemoveConstraint(
            model_name="monthlyincome", name="income_unique_month_per_owner"
        ),
        migrations.RemoveIndex(model_name="expense", name="expense_owner_date"),
        migrations.RemoveField(model_name="category", name="owner"),
        migrations.RemoveField(model_name="expense", name="owner"),
        migrations.RemoveField(model_name="monthlyincome", name="owner"),
        migrations.AlterField(
            model_name="category",
            name="budget",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="categories",
                to="ledger.budget",
            ),
        ),
        migrations.AlterField(
            model_name="expense",
            name="budget",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="expenses",
                to="ledger.budget",
            ),
        ),
        migrations.AlterField(
            model_name="monthlyincome",
            name="budget",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="incomes",
                to="ledger.budget",
            ),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="budget",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="api_tokens",
                to="ledger.budget",
            ),
        ),
        migrations.AddConstraint(
            model_name="category",
            constraint=models.UniqueConstraint(
                models.F("budget"),
                django.db.models.functions.text.Lower("name"),
                name="category_unique_name_per_budget",
                violation_error_message="You already have a category with this name.",
            ),
        ),
        migrations.AddConstraint(
            model_name="monthlyincome",
            constraint=models.UniqueConstraint(
                fields=("budget", "month"),
                name="income_unique_month_per_budget",
                violation_error_message="Income for this month is already set.",
            ),
        ),
        migrations.AddIndex(
            model_name="expense",
            index=models.Index(fields=["budget", "date", "id"], name="expense_budget_date"),
        ),
    ]

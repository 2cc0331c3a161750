"""Budgets own the data (issue 14), step 2 of 3: every user gets "<username>'s budget".

Their categories, expenses (recorded by them), monthly incomes, API tokens and
what their imports remembered (import profiles, remembered categories) move
into it; uploads waiting between import steps stay the user's own; nothing else changes, so every summary stays the same to the
cent (ledger/tests/migrations/test_to_budgets.py proves it on a populated
database). Reversible: going back gives each row its budget's first owner.
"""

from django.conf import settings
from django.db import migrations

MOVED = ("Category", "Expense", "MonthlyIncome", "ApiToken", "ImportProfile", "RememberedCategory")


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
    dependencies = [("ledger", "0005_budget_fields")]

    operations = [
        # 3. Move the rows.
        migrations.RunPython(give_every_user_a_budget, give_rows_their_first_owner),
    ]

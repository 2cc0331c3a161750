"""Backups: the README's dumpdata / loaddata commands restore a ledger to the cent."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from ledger import selectors
from ledger.models import Category, Expense, Membership, MonthlyIncome
from ledger.tests.factories import CategoryFactory, ExpenseFactory, MonthlyIncomeFactory, budget_of

# Real transactions, as in production: PostgreSQL cannot flush (TRUNCATE) inside
# the transaction a plain `db` test runs in.
pytestmark = pytest.mark.django_db(transaction=True)
User = get_user_model()
MARCH = date(2026, 3, 1)


def back_up(path):
    """python manage.py dumpdata auth.user ledger --natural-foreign --indent 2 -o backup.json"""
    call_command(
        "dumpdata", "auth.user", "ledger", natural_foreign=True, indent=2, output=str(path)
    )


def restore(path):
    """python manage.py loaddata backup.json (into a freshly migrated, empty database)"""
    call_command("loaddata", str(path))


def ledger_rows():
    return {
        "users": list(User.objects.order_by("pk").values_list("pk", "username", "password")),
        "members": list(
            Membership.objects.order_by("pk").values_list("budget__name", "user", "role")
        ),
        "categories": [
            (c.pk, c.budget.name, c.name, str(c.limit), c.is_archived)
            for c in Category.objects.select_related("budget").order_by("pk")
        ],
        "expenses": [
            (e.pk, e.budget.name, e.created_by_id, e.category_id, str(e.amount), e.date)
            for e in Expense.objects.select_related("budget", "created_by").order_by("pk")
        ],
        "incomes": [
            (i.pk, i.budget.name, i.month, str(i.amount), i.note)
            for i in MonthlyIncome.objects.select_related("budget").order_by("pk")
        ],
    }


@pytest.fixture
def ledger(user, other_user):
    food = CategoryFactory(owner=user, name="Food", limit=Decimal("450.10"))
    rent = CategoryFactory(owner=user, name="Rent", limit=Decimal("9999999999.99"))
    old = CategoryFactory(owner=user, name="Old hobby", limit=Decimal("0.00"), is_archived=True)
    for amount in ["0.01", "0.10", "0.20", "12.34", "199.99"]:
        ExpenseFactory(category=food, created_by=user, amount=Decimal(amount), date=MARCH)
    ExpenseFactory(category=rent, amount=Decimal("9999999999.99"), date=date(2026, 3, 31))
    ExpenseFactory(category=old, amount=Decimal("5.05"), date=date(2026, 2, 28))
    ExpenseFactory(
        category=old, amount=Decimal("7.07"), date=date(2026, 3, 2), description="Ünïcode ✓"
    )
    MonthlyIncomeFactory(owner=user, month=MARCH, amount=Decimal("4321.09"), note="salary")
    ExpenseFactory(category=CategoryFactory(owner=other_user), amount=Decimal("3.33"), date=MARCH)
    return user


def test_a_backup_restores_every_amount_to_the_cent(ledger, tmp_path):
    before = ledger_rows()
    back_up(tmp_path / "backup.json")
    call_command("flush", interactive=False)
    assert not Expense.objects.exists()

    restore(tmp_path / "backup.json")

    assert ledger_rows() == before


def test_a_restored_ledger_has_the_same_summary(ledger, tmp_path):
    summary = selectors.monthly_summary(budget_of(ledger), MARCH)
    assert summary.total_spent == Decimal("10000000219.70")
    back_up(tmp_path / "backup.json")
    call_command("flush", interactive=False)

    restore(tmp_path / "backup.json")

    user = User.objects.get(username=ledger.username)
    assert selectors.monthly_summary(budget_of(user), MARCH) == summary
    assert selectors.monthly_summary(budget_of(user), date(2026, 2, 1)).total_spent == Decimal(
        "5.05"
    )


def test_the_backup_names_who_recorded_by_username_and_keeps_amounts_as_text(ledger, tmp_path):
    back_up(tmp_path / "backup.json")
    records = json.loads((tmp_path / "backup.json").read_text())
    expenses = [r["fields"] for r in records if r["model"] == "ledger.expense"]
    dime = next(e for e in expenses if e["amount"] == "0.10")
    assert dime["created_by"] == [ledger.username]
    assert sorted(e["amount"] for e in expenses)[:3] == ["0.01", "0.10", "0.20"]

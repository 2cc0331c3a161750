"""Migration 0012 on a populated database: each budget's `next_due` is the earliest pending
occurrence of its active auto-posting schedules, so a due one posts on the next request."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from ledger.models import Budget, Expense
from ledger.tests.migrating import latest_ledger_migrations, migrate_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("ledger", "0012_envelope_balances")]


@pytest.fixture
def old_apps():
    apps = migrate_to(BEFORE)
    yield apps
    migrate_to(latest_ledger_migrations())


def test_it_fills_each_budgets_next_due_from_its_schedules(old_apps, monkeypatch):
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
    )
    User = old_apps.get_model("auth", "User")
    Budget_ = old_apps.get_model("ledger", "Budget")
    Membership = old_apps.get_model("ledger", "Membership")
    Category = old_apps.get_model("ledger", "Category")
    Recurring = old_apps.get_model("ledger", "RecurringExpense")
    budgets = {name: Budget_.objects.create(name=name) for name in ("Home", "Club", "Empty")}
    categories = {
        name: Category.objects.create(budget=budget, name="Bills", limit=Decimal("500.00"))
        for name, budget in budgets.items()
    }
    schedules = [  # budget, next due, auto_post, active
        ("Home", datetime.date(2026, 4, 1), True, True),
        ("Home", datetime.date(2026, 3, 1), True, True),
        ("Home", datetime.date(2026, 1, 1), False, True),  # recorded by hand only
        ("Home", datetime.date(2025, 12, 1), True, False),  # paused
        ("Home", None, True, True),  # finished
        ("Club", datetime.date(2027, 1, 1), True, True),
        ("Club", datetime.date(2026, 2, 1), True, False),
    ]
    for name, due, auto_post, active in schedules:
        Recurring.objects.create(
            budget=budgets[name],
            category=categories[name],
            amount=Decimal("10.00"),
            description="Bill",
            frequency="monthly",
            start=datetime.date(2025, 12, 1),
            posts_from=due or datetime.date(2026, 3, 2),
            next_due=due,
            auto_post=auto_post,
            active=active,
        )
    owner = User.objects.create(username="olga")
    Membership.objects.create(budget=budgets["Home"], user=owner, role="owner")
    owner_id = owner.pk

    migrate_to(latest_ledger_migrations())

    assert dict(Budget.objects.values_list("name", "next_due")) == {
        "Home": datetime.date(2026, 3, 1),
        "Club": datetime.date(2027, 1, 1),
        "Empty": None,
    }
    client = Client()
    client.force_login(get_user_model().objects.get(pk=owner_id))
    assert client.get("/categories/").status_code == 200
    assert list(Expense.objects.values_list("date", flat=True)) == [datetime.date(2026, 3, 1)]
    assert Budget.objects.get(name="Home").next_due == datetime.date(2026, 4, 1)

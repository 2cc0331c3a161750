"""Migrations 0005-0007 on a populated database: every user's data arrives in their own budget.

The database is migrated back to before budgets existed, filled through the
historical models (three users, one without data; categories with the same
name for two users; archived ones; amounts that drift as floats; incomes;
tokens), and every month's summary figures are computed from those rows.
After migrating forward, the app's own summary of each user's budget must
give exactly the same figures, to the cent.
"""

import datetime
import hashlib
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import F

from ledger import selectors, services
from ledger.models import ApiToken, Budget, Category, Expense, Membership, MonthlyIncome
from ledger.tests.migrating import latest_ledger_migrations, migrate_to

pytestmark = pytest.mark.django_db(transaction=True)

BUDGETS = ("ledger", "0004_budgets")


def _before_budgets(executor):
    """The ledger migration that 0004 (the first budget migration) builds on."""
    parents = executor.loader.graph.node_map[BUDGETS].parents
    return [next(parent.key for parent in parents if parent.key[0] == "ledger")]


@pytest.fixture
def old_world():
    """Migrate back to before budgets; migrate to the latest again afterwards."""
    executor = MigrationExecutor(connection)
    apps = migrate_to(_before_budgets(executor))
    yield apps
    migrate_to(latest_ledger_migrations())


def _fill(apps):
    """Users and their rows, written with the historical (user-owned) models."""
    User = apps.get_model("auth", "User")
    Category = apps.get_model("ledger", "Category")
    Expense = apps.get_model("ledger", "Expense")
    MonthlyIncome = apps.get_model("ledger", "MonthlyIncome")
    ApiToken = apps.get_model("ledger", "ApiToken")
    alice = User.objects.create(username="alice")
    bob = User.objects.create(username="bob")
    User.objects.create(username="carol")  # no data: still gets a budget
    food = Category.objects.create(owner=alice, name="Food", limit=Decimal("300.00"))
    rent = Category.objects.create(owner=alice, name="rent", limit=Decimal("1200.00"))
    old = Category.objects.create(
        owner=alice, name="Old hobby", limit=Decimal("50.00"), is_archived=True
    )
    bobs_food = Category.objects.create(owner=bob, name="food", limit=Decimal("0.00"))
    rows = [
        (alice, food, "19.99", datetime.date(2026, 1, 3)),
        (alice, food, "0.10", datetime.date(2026, 1, 31)),
        (alice, food, "0.20", datetime.date(2026, 1, 31)),
        (alice, rent, "1200.00", datetime.date(2026, 1, 1)),
        (alice, old, "12.34", datetime.date(2026, 1, 15)),
        (alice, food, "9999999.99", datetime.date(2026, 2, 28)),
        (alice, food, "0.01", datetime.date(2026, 3, 1)),
        (bob, bobs_food, "3.33", datetime.date(2026, 1, 9)),
        (bob, bobs_food, "3.33", datetime.date(2026, 1, 9)),
        (bob, bobs_food, "3.34", datetime.date(2025, 12, 31)),
    ]
    rows += [(alice, food, "0.07", datetime.date(2026, 2, day)) for day in range(1, 29)]
    for owner, category, amount, day in rows:
        Expense.objects.create(owner=owner, category=category, amount=Decimal(amount), date=day)
    for owner, month, amount in [
        (alice, datetime.date(2026, 1, 1), "3000.00"),
        (alice, datetime.date(2026, 2, 1), "3100.50"),
        (bob, datetime.date(2026, 1, 1), "0.00"),
    ]:
        MonthlyIncome.objects.create(owner=owner, month=month, amount=Decimal(amount))
    ApiToken.objects.create(
        owner=alice,
        name="phone",
        token_hash=hashlib.sha256(b"bgt_alices-phone").hexdigest(),
        prefix="bgt_alices-p",
    )


def _summaries_before(apps) -> dict:
    """{(username, month): (income, [(name, limit, spent), ...])} from the old rows, in Python."""
    Category = apps.get_model("ledger", "Category")
    Expense = apps.get_model("ledger", "Expense")
    MonthlyIncome = apps.get_model("ledger", "MonthlyIncome")
    spent = defaultdict(Decimal)
    months = defaultdict(set)
    for expense in Expense.objects.select_related("owner"):
        month = expense.date.replace(day=1)
        spent[(expense.category_id, month)] += expense.amount
        months[expense.owner.username].add(month)
    incomes = {}
    for income in MonthlyIncome.objects.select_related("owner"):
        incomes[(income.owner.username, income.month)] = income.amount
        months[income.owner.username].add(income.month)
    categories = sorted(
        Category.objects.select_related("owner"), key=lambda c: (c.name.lower(), c.pk)
    )
    figures = {}
    for username, seen in months.items():
        for month in seen:
            lines = [
                (c.name, c.limit, spent[(c.pk, month)])
                for c in categories
                if c.owner.username == username and (not c.is_archived or spent[(c.pk, month)] > 0)
            ]
            figures[(username, month)] = (incomes.get((username, month), Decimal("0.00")), lines)
    return figures


def _summaries_after(figures) -> dict:
    after = {}
    for username, month in figures:
        budget = Membership.objects.get(user__username=username, role="owner").budget
        summary = selectors.monthly_summary(budget, month)
        lines = [(line.name, line.limit, line.spent) for line in summary.lines]
        after[(username, month)] = (summary.income, lines)
    return after


def test_every_summary_is_the_same_to_the_cent(old_world):
    _fill(old_world)
    before = _summaries_before(old_world)
    assert len(before) == 5  # alice: Jan, Feb, Mar; bob: Dec, Jan

    migrate_to(latest_ledger_migrations())

    assert _summaries_after(before) == before
    assert before[("alice", datetime.date(2026, 2, 1))][1][0] == (
        "Food",
        Decimal("300.00"),
        Decimal("10000001.95"),
    )


def test_every_user_owns_a_budget_named_after_them(old_world):
    _fill(old_world)

    migrate_to(latest_ledger_migrations())

    members = Membership.objects.order_by("user__username")
    assert [(m.user.username, m.budget.name, m.role) for m in members] == [
        ("alice", "alice's budget", "owner"),
        ("bob", "bob's budget", "owner"),
        ("carol", "carol's budget", "owner"),
    ]
    assert Budget.objects.count() == 3


def test_every_row_moves_into_its_owners_budget(old_world):
    _fill(old_world)

    migrate_to(latest_ledger_migrations())

    alices = Budget.objects.get(name="alice's budget")
    bobs = Budget.objects.get(name="bob's budget")
    assert Category.objects.for_budget(alices).count() == 3
    assert list(Category.objects.for_budget(bobs).values_list("name", flat=True)) == ["food"]
    assert Expense.objects.for_budget(alices).count() == 35
    assert Expense.objects.for_budget(bobs).count() == 3
    assert set(Expense.objects.values_list("budget__name", "created_by__username").distinct()) == {
        ("alice's budget", "alice"),
        ("bob's budget", "bob"),
    }
    assert not Expense.objects.exclude(category__budget=F("budget")).exists()
    assert MonthlyIncome.objects.for_budget(alices).count() == 2
    token = ApiToken.objects.get()
    assert (token.owner.username, token.budget) == ("alice", alices)
    assert services.use_api_token(raw="bgt_alices-phone").member_role == "owner"


def test_going_back_gives_every_row_its_owner_again(old_world):
    _fill(old_world)
    migrate_to(latest_ledger_migrations())

    apps = migrate_to([BUDGETS])

    Expense = apps.get_model("ledger", "Expense")
    Category = apps.get_model("ledger", "Category")
    assert set(Expense.objects.values_list("owner__username", flat=True)) == {"alice", "bob"}
    assert Category.objects.filter(owner__username="bob").count() == 1

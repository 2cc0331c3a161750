"""The month selectors read one month's rows through their indexes, on SQLite and PostgreSQL.

The tables hold two years of expenses (so a month is a small share of them, as
in real use) and PostgreSQL reads its plans with fresh statistics and with
sequential scans switched off for the transaction: a table this small would
otherwise rightly be scanned whole.
"""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection

from bench.plans import captured_sql, explain
from ledger import selectors, services
from ledger.models import Expense, Rollover
from ledger.months import month_of
from ledger.tests.factories import CategoryFactory, ExpenseFactory, budget_of, bulk_create_expenses

pytestmark = pytest.mark.django_db

MONTH = date(2026, 3, 1)


@pytest.fixture
def categories(user):
    """Food and Rent, with expenses in March 2026 and on the days just around it."""
    food = CategoryFactory(owner=user, name="Food", limit=Decimal("300.00"))
    rent = CategoryFactory(owner=user, name="Rent", limit=Decimal("900.00"))
    ExpenseFactory(category=food, amount=Decimal("12.50"), date=date(2026, 3, 1))
    ExpenseFactory(category=food, amount=Decimal("7.25"), date=date(2026, 3, 31))
    ExpenseFactory(category=food, amount=Decimal("100.00"), date=date(2026, 4, 1))
    ExpenseFactory(category=rent, amount=Decimal("900.00"), date=date(2026, 2, 28))
    # Two years of other history, outside March 2026.
    days = [date(2024, 4, 1) + timedelta(days=n) for n in range(730)]
    bulk_create_expenses(
        Expense(budget=budget_of(user), category=rent, amount=Decimal("3.00"), date=day)
        for day in days * 2
        if month_of(day) != MONTH
    )
    return food, rent


def plans_of(call):
    """The plan text of every query `call` runs."""
    with captured_sql() as queries:
        call()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE ledger_expense")
            cursor.execute("ANALYZE ledger_monthlytotal")
            cursor.execute("ANALYZE ledger_envelopebalance")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
    return ["\n".join(explain(sql, params)) for sql, params in queries]


def test_the_summary_reads_the_monthly_totals_never_the_expense_rows(user, categories):
    with captured_sql() as queries:
        summary = selectors.monthly_summary(categories[0].budget, MONTH)
    assert summary.total_spent == Decimal("19.75")
    assert not any("ledger_expense" in sql for sql, _ in queries)
    _categories, allotments, totals, _income = plans_of(
        lambda: selectors.monthly_summary(categories[0].budget, MONTH)
    )
    if connection.vendor == "sqlite":
        assert "allotment_budget_month" in allotments, allotments
    else:
        # The planner picks among the allotments' indexes by its statistics; never a scan.
        assert "Index" in allotments, allotments
        assert "Seq Scan" not in allotments, allotments
    # Each category's total of the month: one probe of a (category, month) index.
    assert "ledger_expense" not in totals
    if connection.vendor == "sqlite":
        assert re.search(
            r"SEARCH ledger_monthlytotal USING .*INDEX .*\(category_id=\? AND month=\?\)", totals
        ), totals
    else:
        assert re.search(
            r"Index (Only )?Scan( Backward)? using \S+ on ledger_monthlytotal", totals
        ), totals
        assert "Seq Scan" not in totals


def test_the_carried_summary_reads_one_stored_balance_per_category_from_its_index(user, categories):
    food, rent = categories
    services.change_category(category=rent, rollover=Rollover.ALL, rollover_from=date(2024, 4, 1))
    services.change_category(
        category=food, rollover=Rollover.UNSPENT, rollover_from=date(2025, 1, 1)
    )

    _categories, _allotments, totals, _income = plans_of(
        lambda: selectors.monthly_summary(food.budget, MONTH)
    )

    assert "ledger_expense" not in totals
    if connection.vendor == "sqlite":
        assert "INDEX envelopebalance_latest" in totals or "envelopebalance_1" in totals
        assert "TEMP B-TREE" not in totals
    else:
        # Each category's latest balance before the month: one probe of the (category,
        # month) indexes, never a scan of the table.
        assert re.search(
            r"Index (Only )?Scan( Backward)? using \S+ on ledger_envelopebalance", totals
        ), totals
        assert "Seq Scan" not in totals


def test_categories_with_spent_reads_the_month_of_the_monthly_totals(user, categories):
    _categories, totals = plans_of(
        lambda: list(selectors.categories_with_spent(categories[0].budget, MONTH))
    )
    assert "monthlytotal" in totals
    assert "ledger_expense" not in totals


def test_month_list_page_count_and_total_read_the_budget_date_index(user, categories):
    expenses = selectors.month_expenses(budget_of(user), MONTH)
    plans = plans_of(
        lambda: (
            list(expenses[:50]),
            expenses.count(),
            list(expenses[4950:5000]),
            selectors.total_amount(expenses),
        )
    )
    assert len(plans) == 4
    assert all("expense_budget_date" in plan for plan in plans)


def test_month_list_comes_newest_first_from_the_index_without_a_sort(user, categories):
    [plan] = plans_of(lambda: list(selectors.month_expenses(categories[0].budget, MONTH)[:50]))
    if connection.vendor == "sqlite":
        assert "expense_budget_date" in plan
        assert "TEMP B-TREE" not in plan
    else:
        assert "Index Scan Backward using expense_budget_date" in plan
        assert "Sort" not in plan


def test_summary_spent_counts_only_the_months_expenses(user, categories):
    summary = selectors.monthly_summary(budget_of(user), MONTH)
    spent = {line.name: line.spent for line in summary.lines}
    assert spent == {"Food": Decimal("19.75"), "Rent": Decimal("0.00")}
    assert summary.total_spent == Decimal("19.75")


def test_summary_keeps_archived_categories_only_when_they_have_spending(user, categories):
    food, rent = categories
    food.is_archived = rent.is_archived = True
    food.save()
    rent.save()
    summary = selectors.monthly_summary(budget_of(user), MONTH)
    assert [(line.name, line.spent) for line in summary.lines] == [("Food", Decimal("19.75"))]

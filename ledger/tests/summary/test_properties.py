"""Property-based tests: the monthly summary equals a plain Decimal computation for any ledger."""

import random
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import selectors, services
from ledger.models import Category, Expense, MonthlyIncome
from ledger.months import next_month, previous_month
from ledger.rules import ZERO
from ledger.tests.factories import CategoryFactory, ExpenseFactory, budget_of, bulk_create_expenses

# A leap February, a plain one, both sides of a new year, and a 31-day month.
MONTHS = [date(2024, 2, 1), date(2025, 2, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 7, 1)]
MAX_CENTS = 10**12 - 1  # 9,999,999,999.99: the largest amount a money column holds
DAY = timedelta(days=1)


def money(min_cents, max_cents=MAX_CENTS):
    """Amounts with cents, mostly everyday sizes, sometimes as large as a column holds."""
    cents = st.one_of(
        st.integers(min_cents, max(min_cents, 100_000_00)), st.integers(min_cents, max_cents)
    )
    return cents.map(lambda c: Decimal(c).scaleb(-2))


@st.composite
def ledgers(draw):
    month = draw(st.sampled_from(MONTHS))
    before, after = previous_month(month), next_month(month)
    # The month before, the month itself and the month after, with every first and last day.
    edges = [before, month - DAY, month, after - DAY, after, next_month(after) - DAY]
    days = st.one_of(st.sampled_from(edges), st.dates(before, next_month(after) - DAY))
    categories = draw(st.lists(st.tuples(money(0), st.booleans()), max_size=6))
    expenses = []
    if categories:
        expense = st.tuples(st.integers(0, len(categories) - 1), money(1), days)
        expenses = draw(st.lists(expense, max_size=30))
    income = draw(st.none() | money(0))
    income_before = draw(st.none() | money(0))
    return month, categories, expenses, income, income_before


def store(user, stranger, month, categories, expenses, income, income_before):
    """Replace the user's ledger with the drawn one; returns the categories in order."""
    services.remove_expenses(expenses=Expense.objects.all())
    Category.objects.all().delete()
    MonthlyIncome.objects.all().delete()
    stored = [
        Category.objects.create(
            budget=budget_of(user), name=f"Category {i:02d}", limit=limit, is_archived=arch
        )
        for i, (limit, arch) in enumerate(categories)
    ]
    bulk_create_expenses(
        Expense(budget=budget_of(user), category=stored[index], amount=amount, date=day)
        for index, amount, day in expenses
    )
    if income is not None:
        MonthlyIncome.objects.create(budget=budget_of(user), month=month, amount=income)
    if income_before is not None:
        MonthlyIncome.objects.create(
            budget=budget_of(user), month=previous_month(month), amount=income_before
        )
    # Someone else's spending in the same month must never show up.
    ExpenseFactory(category=CategoryFactory(owner=stranger), amount=Decimal("7.77"), date=month)
    return stored


def expected_summary(month, categories, expenses, income):
    """The summary worked out by hand: (lines by position, total spent in the month)."""
    spent = [ZERO] * len(categories)
    for index, amount, day in expenses:
        if month <= day < next_month(month):
            spent[index] += amount
    lines = {
        i: (limit, spent[i], archived)
        for i, (limit, archived) in enumerate(categories)
        if not archived or spent[i] > 0
    }
    return lines, sum(spent, ZERO), income if income is not None else ZERO


def two_places(amount):
    return isinstance(amount, Decimal) and amount.as_tuple().exponent == -2


@settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ledger=ledgers())
def test_the_summary_equals_a_plain_decimal_computation(user, other_user, ledger):
    month, categories, expenses, income, income_before = ledger
    stored = store(user, other_user, *ledger)

    summary = selectors.monthly_summary(budget_of(user), month)

    lines, spent_in_month, income_amount = expected_summary(month, categories, expenses, income)
    position = {category.pk: i for i, category in enumerate(stored)}
    got = {position[line.id]: (line.limit, line.spent, line.is_archived) for line in summary.lines}
    assert got == lines
    # Names sort like the positions, so the lines come in that order.
    assert [position[line.id] for line in summary.lines] == sorted(lines)

    total_limit = sum((limit for limit, _, _ in lines.values()), ZERO)
    assert summary.total_limit == total_limit
    assert summary.total_spent == spent_in_month
    assert summary.total_balance == total_limit - spent_in_month
    assert sum((line.balance for line in summary.lines), ZERO) == summary.total_balance
    assert summary.income == income_amount
    assert summary.income_is_set is (income is not None)
    assert summary.remaining == income_amount - spent_in_month
    assert summary.unallocated == income_amount - total_limit

    amounts = [summary.total_limit, summary.total_spent, summary.total_balance, summary.income]
    amounts += [summary.remaining, summary.unallocated]
    for line in summary.lines:
        amounts += [line.limit, line.spent, line.balance]
    assert all(two_places(amount) for amount in amounts), amounts


def test_a_month_of_many_large_amounts_sums_exactly_to_the_cent(user):
    """Found while writing the properties: SQLite summed these floats to 2583399215333.35, a cent short."""
    rng = random.Random(56)
    amounts = [
        Decimal(rng.randint(1, MAX_CENTS) if rng.random() < 0.5 else rng.randint(1, 10**4)).scaleb(
            -2
        )
        for _ in range(1000)
    ]
    category = CategoryFactory(owner=user)
    bulk_create_expenses(
        Expense(budget=budget_of(user), category=category, amount=amount, date=date(2026, 3, 9))
        for amount in amounts
    )
    exact = sum(amounts, ZERO)

    summary = selectors.monthly_summary(budget_of(user), date(2026, 3, 1))

    assert summary.lines[0].spent == exact
    assert summary.total_spent == exact
    assert (
        selectors.total_amount(selectors.month_expenses(budget_of(user), date(2026, 3, 1))) == exact
    )

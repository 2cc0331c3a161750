"""A populated budget for the month start day tests, and the summary recomputed from its rows."""

from datetime import date
from decimal import Decimal

from ledger import services
from ledger.models import Expense, Rollover
from ledger.months import month_range, next_month
from ledger.tests.factories import ExpenseFactory, budget_of

MONTHS = [date(2026, m, 1) for m in range(1, 6)]
# Days on both sides of the 1st, the 16th and the 25th, in 31-, 28- and 30-day months.
DAYS = [
    (date(2025, 12, 31), "Food", "4.10"),
    (date(2026, 1, 1), "Food", "10.00"),
    (date(2026, 1, 15), "Car", "40.00"),
    (date(2026, 1, 16), "Food", "7.25"),
    (date(2026, 1, 24), "Food", "55.55"),
    (date(2026, 1, 25), "Car", "60.00"),
    (date(2026, 1, 31), "Food", "19.99"),
    (date(2026, 2, 1), "Food", "120.00"),
    (date(2026, 2, 24), "Car", "130.00"),
    (date(2026, 2, 25), "Food", "88.88"),
    (date(2026, 2, 28), "Food", "11.11"),
    (date(2026, 3, 1), "Car", "5.00"),
    (date(2026, 3, 24), "Food", "200.00"),
    (date(2026, 3, 25), "Food", "0.01"),
    (date(2026, 3, 31), "Car", "75.50"),
    (date(2026, 4, 24), "Food", "33.33"),
    (date(2026, 4, 25), "Car", "44.44"),
    (date(2026, 5, 20), "Food", "9.99"),
]


def populated_budget(user):
    """Food (limit 300, an allotment of 280 in February), Car (limit 100, rollover `all`
    from January), income each month, and the expenses of DAYS."""
    budget = budget_of(user)
    food = services.create_category(budget=budget, name="Food", limit=Decimal("300.00"))
    car = services.create_category(
        budget=budget,
        name="Car",
        limit=Decimal("100.00"),
        rollover=Rollover.ALL,
        rollover_from=date(2026, 1, 1),
    )
    categories = {"Food": food, "Car": car}
    services.set_allotment(
        budget=budget, category=food, month=date(2026, 2, 1), amount=Decimal("280.00")
    )
    for month in MONTHS:
        services.set_month_income(budget=budget, month=month, amount=Decimal("2000.00"))
    for day, name, amount in DAYS:
        ExpenseFactory(budget=budget, category=categories[name], date=day, amount=Decimal(amount))
    return budget


def spent_from_rows(budget, category, month) -> Decimal:
    """What the rows say `category` spent in budget month `month`, summed in Python."""
    start, end = month_range(month, budget.month_start_day)
    rows = Expense.objects.filter(category=category, date__gte=start, date__lt=end)
    return sum((row.amount for row in rows), Decimal("0.00"))


def available_from_rows(budget, category, month) -> Decimal:
    """The envelope's available money recomputed from the rows: for rollover `all` the sum of
    (allotted - spent) of every month since `rollover_from`, else this month's alone."""
    allotted = {a.month: a.amount for a in category.allotments.all()}
    first = category.rollover_from if category.rollover == Rollover.ALL else month
    total, current = Decimal("0.00"), first
    while current <= month:
        total += allotted.get(current, category.limit) - spent_from_rows(budget, category, current)
        current = next_month(current)
    return total

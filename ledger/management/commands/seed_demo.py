"""`manage.py seed_demo`: a demo user with four months of a believable budget.

Running it again adds nothing twice: categories are matched by name, expenses
by (date, category, description) and incomes by month, and the amounts come
from a generator seeded by the month, so every run computes the same rows.
Months are counted back from today, so a run next month adds that month.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.timezone import localdate

from ledger import services
from ledger.models import Category, Expense
from ledger.months import month_of, month_range, previous_month
from ledger.rules import CENT
from ledger.services import set_month_income
from ledger.services.budgets import own_budget

USERNAME = "demo"
PASSWORD = "demo-budget-2026"
MONTHS = 4  # the current month and the three before it

# name: monthly limit. Dining out runs over its limit this month.
CATEGORIES = {
    "Rent": "1450.00",
    "Groceries": "700.00",
    "Utilities": "250.00",
    "Transport": "200.00",
    "Dining out": "180.00",
    "Health": "80.00",
    "Entertainment": "75.00",
    "Household": "80.00",
}
ARCHIVED = ("Car payment", "289.00")  # paid off two months ago


@dataclass(frozen=True)
class Planned:
    """A recurring expense: its day of the month, base amount and how much it varies (±)."""

    day: int
    category: str
    description: str
    amount: str
    varies: float = 0.0


EVERY_MONTH = [
    Planned(1, "Rent", "Rent, Maple Street apartment", "1450.00"),
    Planned(2, "Entertainment", "Netflix", "15.49"),
    Planned(3, "Utilities", "Electricity, City Power", "78.40", 0.2),
    Planned(4, "Groceries", "Weekly shop, Trader Joe's", "96.00", 0.15),
    Planned(5, "Utilities", "Internet, Fiber 500", "59.99"),
    Planned(6, "Health", "Gym membership", "39.00"),
    Planned(7, "Transport", "Gas, Shell", "52.00", 0.15),
    Planned(8, "Dining out", "Lunch with coworkers, Thai Basil", "24.50", 0.3),
    Planned(9, "Entertainment", "Spotify Family", "16.99"),
    Planned(10, "Household", "Cleaning supplies, Target", "27.80", 0.25),
    Planned(11, "Groceries", "Weekly shop, Trader Joe's", "104.00", 0.15),
    Planned(12, "Utilities", "Water and sewer", "41.20", 0.2),
    Planned(14, "Groceries", "Farmers market", "38.00", 0.2),
    Planned(15, "Transport", "Parking downtown", "18.00"),
    Planned(16, "Dining out", "Pizza night, Tony's", "34.00", 0.2),
    Planned(18, "Groceries", "Weekly shop, Trader Joe's", "91.00", 0.15),
    Planned(18, "Utilities", "Phone plan", "35.00"),
    Planned(20, "Household", "Hardware store, light bulbs", "21.40", 0.3),
    Planned(21, "Transport", "Gas, Chevron", "49.00", 0.15),
    Planned(22, "Health", "Pharmacy, CVS", "19.60", 0.3),
    Planned(23, "Dining out", "Brunch, The Daily Grind", "42.00", 0.2),
    Planned(25, "Groceries", "Weekly shop, Trader Joe's", "99.00", 0.15),
    Planned(26, "Entertainment", "Movie tickets", "26.00", 0.1),
    Planned(27, "Groceries", "Costco run", "152.00", 0.15),
]
THIS_MONTH = [Planned(1, "Dining out", "Anniversary dinner, Lucia's", "212.80")]
OLDEST_TWO_MONTHS = [Planned(15, ARCHIVED[0], "Car loan payment", ARCHIVED[1])]
SALARY = Decimal("5200.00")
BONUS = Decimal("450.00")


def planned_amount(plan: Planned, rng: random.Random) -> Decimal:
    factor = Decimal(str(round(1 + rng.uniform(-plan.varies, plan.varies), 4)))
    return (Decimal(plan.amount) * factor).quantize(CENT, ROUND_HALF_UP)


def budget_months(today: date, start_day: int = 1) -> list[date]:
    """The budget month holding today and the MONTHS - 1 before it, oldest first."""
    months = [month_of(today, start_day)]
    while len(months) < MONTHS:
        months.insert(0, previous_month(months[0]))
    return months


def plans_for(month: date, months: list[date]) -> list[Planned]:
    plans = list(EVERY_MONTH)
    if month == months[-1]:
        plans += THIS_MONTH
    if month in months[:2]:
        plans += OLDEST_TWO_MONTHS
    return plans


def month_expenses(month: date, months: list[date], today: date, start_day: int = 1):
    """(date, category name, description, amount) of the month's expenses, none after today.

    A plan's day counts from the budget month's first day (its day of the month when
    months start on the 1st)."""
    rng = random.Random(f"budget-demo-{month:%Y-%m}")
    first, after = month_range(month, start_day)
    for plan in plans_for(month, months):
        day = first + timedelta(days=min(plan.day, (after - first).days) - 1)
        amount = planned_amount(plan, rng)  # drawn even when skipped: same amounts every run
        if day <= today:
            yield day, plan.category, plan.description, amount


class Command(BaseCommand):
    help = "Create (or complete) the demo user with four months of categories, expenses and income."

    @transaction.atomic
    def handle(self, *args, **options):
        today = localdate()
        user = self.demo_user()
        budget = own_budget(user=user)
        months = budget_months(today, budget.month_start_day)
        categories = self.categories(budget)
        created = self.expenses(budget, user, categories, months, today)
        for month in months:
            # A quarterly bonus in the oldest month.
            amount = SALARY + BONUS if month == months[0] else SALARY
            set_month_income(budget=budget, month=month, amount=amount, note="Salary")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(categories)} categories, {created} new expense(s), "
                f"income for {months[0]:%Y-%m} to {months[-1]:%Y-%m}."
            )
        )
        self.stdout.write(f"Sign in as username {USERNAME!r} with password {PASSWORD!r}.")

    def demo_user(self):
        user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        user.set_password(PASSWORD)  # the printed password always works
        user.save(update_fields=["password"])
        return user

    def categories(self, budget) -> dict[str, Category]:
        limits = {**CATEGORIES, ARCHIVED[0]: ARCHIVED[1]}
        categories = {}
        for name, limit in limits.items():
            category, _ = Category.objects.get_or_create(
                budget=budget,
                name=name,
                defaults={"limit": Decimal(limit), "is_archived": name == ARCHIVED[0]},
            )
            categories[name] = category
        return categories

    def expenses(self, budget, user, categories, months, today) -> int:
        existing = set(
            Expense.objects.for_budget(budget).values_list("date", "category_id", "description")
        )
        new = [
            Expense(
                budget=budget,
                created_by=user,
                category=categories[name],
                date=day,
                amount=amount,
                description=text,
            )
            for month in months
            for day, name, text, amount in month_expenses(
                month, months, today, budget.month_start_day
            )
            if (day, categories[name].pk, text) not in existing
        ]
        Expense.objects.bulk_create(new)
        services.rebuild_totals(budget=budget)
        return len(new)

"""Reads about categories: their month's spending and how many expenses they hold."""

from datetime import date

from django.db.models.functions import Lower

from ledger.models import Category, Expense, MonthlyTotal
from ledger.models.envelopes import cents_to_money


def categories_with_spent(budget, month: date) -> list[Category]:
    """The budget's categories (active and archived), each with `spent` set to its total in
    `month` (from the monthly totals)."""
    categories = list(Category.objects.for_budget(budget).order_by(Lower("name"), "id"))
    # By category too, so the (budget, category, month, spent) index serves it point by point.
    spent = dict(
        MonthlyTotal.objects.for_budget(budget)
        .filter(category_id__in=[c.pk for c in categories], month=month)
        .values_list("category_id", "spent_cents")
    )
    for category in categories:
        category.spent = cents_to_money(spent.get(category.pk, 0))
    return categories


def expense_count(category: Category) -> int:
    """How many expenses a category holds, in every month."""
    return Expense.objects.filter(category=category).count()

"""Reads of expense rows: one month's list."""

from datetime import date

from ledger.models import Expense


def month_expenses(budget, month: date, category_id: int | None = None):
    """The budget's expenses dated in `month`, newest first, with their category loaded."""
    expenses = Expense.objects.for_budget(budget).in_month(month, budget.month_start_day)
    if category_id is not None:
        expenses = expenses.filter(category_id=category_id)
    return expenses.select_related("category").order_by("-date", "-id")

"""Reads about a whole budget."""

from ledger.models import Category, Expense, MonthlyIncome


def has_ledger_data(budget) -> bool:
    """Whether the budget has any category, expense or income (a backup restores only into none)."""
    return (
        Category.objects.for_budget(budget).exists()
        or Expense.objects.for_budget(budget).exists()
        or MonthlyIncome.objects.for_budget(budget).exists()
    )

"""Storing what the admin edits (change forms, list editing, CSV import) through the services.

The admin and django-import-export hand over an instance that already holds the
new values; each function here passes them to one service and copies what was
stored back onto that instance, which the admin goes on to log and link to.
"""

from ledger import services
from ledger.models import Category, Expense, MonthlyIncome


def _adopt(instance, stored) -> None:
    # The admin keeps using its own object (for the log entry, the redirect): make it the stored row.
    instance.__dict__.update(stored.__dict__)


def save_category(category: Category, *, is_create: bool) -> None:
    """Create or change a category from an admin instance holding the new values."""
    values = {"name": category.name, "limit": category.limit, "is_archived": category.is_archived}
    if is_create:
        stored = services.create_category(owner=category.owner, **values)
    else:
        # The form checked the name first; the service still turns a race into DuplicateCategoryName.
        stored = services.change_category(category=category, **values)
    _adopt(category, stored)


def save_expense(expense: Expense, *, is_create: bool) -> None:
    """Record or change an expense from an admin instance holding the new values."""
    values = {
        "owner": expense.owner,
        "category": expense.category,
        "amount": expense.amount,
        "date": expense.date,
        "description": expense.description,
    }
    if is_create:
        stored = services.record_expense(**values)
    else:
        # The service compares with the stored row: staying in an archived category is allowed.
        current = Expense.objects.select_related("category").get(pk=expense.pk)
        stored = services.change_expense(expense=current, **values)
    _adopt(expense, stored)


def save_income(income: MonthlyIncome, *, is_create: bool) -> None:
    """Set or change a monthly income from an admin instance holding the new values."""
    values = {"month": income.month, "amount": income.amount, "note": income.note}
    if is_create:
        stored = services.set_month_income(owner=income.owner, **values)
    else:
        stored = services.change_month_income(income=income, owner=income.owner, **values)
    _adopt(income, stored)

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
        stored = services.create_category(budget=category.budget, **values)
    else:
        # The form checked the name first; the service still turns a race into DuplicateCategoryName.
        stored = services.change_category(category=category, **values)
    _adopt(category, stored)


def save_expense(expense: Expense, *, is_create: bool) -> None:
    """Record or change an expense from an admin instance holding the new values."""
    values = {
        "budget": expense.budget,
        "category": expense.category,
        "amount": expense.amount,
        "date": expense.date,
        "description": expense.description,
    }
    if is_create:
        stored = services.record_expense(created_by=expense.created_by, **values)
    else:
        # The service compares with the stored row: staying in an archived category is allowed.
        current = Expense.objects.select_related("category").get(pk=expense.pk)
        stored = services.change_expense(expense=current, **values)
    _adopt(expense, stored)


def import_expense(expense: Expense) -> None:
    """Store a new expense of the admin's CSV import as the bank import stores a file's rows
    (`services.import_typed_expenses`), from an instance holding its values."""
    row = services.NewExpense(
        category_id=expense.category_id,
        date=expense.date,
        amount=expense.amount,
        description=expense.description,
    )
    [pk] = services.import_typed_expenses(
        budget=expense.budget, rows=[row], created_by=expense.created_by
    )
    _adopt(expense, Expense.objects.get(pk=pk))


def save_income(income: MonthlyIncome, *, is_create: bool) -> None:
    """Set or change a monthly income from an admin instance holding the new values."""
    values = {"month": income.month, "amount": income.amount, "note": income.note}
    if is_create:
        stored = services.set_month_income(budget=income.budget, **values)
    else:
        stored = services.change_month_income(income=income, budget=income.budget, **values)
    _adopt(income, stored)

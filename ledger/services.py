"""Changes to a user's budget that carry rules: one place for each kind of write.

Views, forms, the admin and the API call these; none of them writes around them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from ledger.csv_import import build_preview
from ledger.models import Category, Expense, MonthlyIncome
from ledger.months import previous_month


class CategoryInUse(Exception):
    """Raised when deleting a category that still holds expenses."""

    def __init__(self, category: Category, expense_count: int):
        self.category = category
        self.expense_count = expense_count
        super().__init__(
            f"Category {category.name!r} holds {expense_count} expense(s): "
            "archive it or move its expenses first."
        )


class InvalidMove(ValueError):
    """Raised when expenses cannot be moved to the chosen category."""


def delete_category(category: Category) -> None:
    """Delete a category that holds no expenses; raise CategoryInUse otherwise.

    History is never lost silently: expenses keep their category.
    """
    with transaction.atomic():
        count = category.expenses.count()
        if count:
            raise CategoryInUse(category, count)
        category.delete()


def archive_category(category: Category) -> Category:
    """Hide a category from new expenses while it stays in past summaries."""
    category.is_archived = True
    category.save(update_fields=["is_archived", "updated_at"])
    return category


def move_expenses(expenses, target: Category) -> int:
    """Move the given expenses (a queryset) to `target`; return how many moved.

    Every expense must belong to the target category's owner.
    """
    if expenses.exclude(owner_id=target.owner_id).exists():
        raise InvalidMove("Expenses can only move to a category of the same owner.")
    return expenses.exclude(category=target).update(category=target)


def move_category_expenses(source: Category, target: Category) -> int:
    """Move every expense of `source` to `target` (both of the same owner)."""
    if source.owner_id != target.owner_id:
        raise InvalidMove("Expenses can only move to a category of the same owner.")
    if source.pk == target.pk:
        raise InvalidMove("Choose a different category to move the expenses to.")
    return move_expenses(Expense.objects.filter(category=source), target)


def set_month_income(user, month: date, amount: Decimal, note: str = "") -> MonthlyIncome:
    """Create or update the user's income for `month` (the first day of a month)."""
    income, _ = MonthlyIncome.objects.update_or_create(
        owner=user, month=month, defaults={"amount": amount, "note": note}
    )
    return income


def restore_category(category: Category) -> Category:
    """Make an archived category available for new expenses again."""
    category.is_archived = False
    category.save(update_fields=["is_archived", "updated_at"])
    return category


def move_expenses_and_delete_category(source: Category, target: Category) -> int:
    """Move every expense of `source` to `target`, then delete `source`; return how many moved.

    One transaction: if an expense arrives in between, nothing is moved or deleted.
    """
    with transaction.atomic():
        moved = move_category_expenses(source, target)
        delete_category(source)
    return moved


def copy_previous_month_income(user, month: date) -> MonthlyIncome | None:
    """Set `month`'s income to the month before's (amount and note); None when that is unset."""
    previous = MonthlyIncome.objects.for_user(user).filter(month=previous_month(month)).first()
    if previous is None:
        return None
    return set_month_income(user, month, previous.amount, previous.note)


# Importing expenses from a CSV file (issue 8) ---------------------------------

IMPORT_BATCH_SIZE = 2000


@dataclass(frozen=True)
class ImportResult:
    imported: int
    skipped: int  # likely duplicates left out
    refused: int  # rows with errors
    categories_created: list[str]


def import_expenses(
    user, table, fmt, columns, *, skip_duplicates=True, progress=None
) -> ImportResult:
    """Store the valid rows of a CSV table as the user's expenses, all in one transaction.

    The preview is rebuilt inside the transaction, so what is stored matches the
    database at that moment. Rows with errors are refused, likely duplicates are
    skipped unless `skip_duplicates` is False, missing categories are created.
    Any failure (ImportFileError included) stores nothing. `progress(done, total)`
    is called after each batch.
    """
    with transaction.atomic():
        preview = build_preview(user, table, fmt, columns)
        rows = preview.to_import(skip_duplicates)
        created = _create_missing_categories(user, rows)
        category_ids = {
            name.lower(): pk
            for pk, name in Category.objects.for_user(user).values_list("pk", "name")
        }
        for start in range(0, len(rows), IMPORT_BATCH_SIZE):
            batch = rows[start : start + IMPORT_BATCH_SIZE]
            Expense.objects.bulk_create(
                Expense(
                    owner=user,
                    category_id=category_ids[row.category.lower()],
                    date=row.date,
                    amount=row.amount,
                    description=row.description,
                )
                for row in batch
            )
            if progress:
                progress(start + len(batch), len(rows))
    skipped = len(preview.duplicates) if skip_duplicates else 0
    return ImportResult(len(rows), skipped, len(preview.errors), created)


def _create_missing_categories(user, rows) -> list[str]:
    """Create the categories the rows name that the user lacks (matched case-insensitively)."""
    existing = {
        name.lower() for name in Category.objects.for_user(user).values_list("name", flat=True)
    }
    missing = {}
    for row in rows:
        if row.category.lower() not in existing:
            missing.setdefault(row.category.lower(), row.category)
    Category.objects.bulk_create(Category(owner=user, name=name) for name in missing.values())
    return list(missing.values())

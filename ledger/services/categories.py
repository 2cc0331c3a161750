"""Category writes: archive, restore, delete, and moving expenses between categories."""

from django.db import transaction

from ledger.models import Category, Expense


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

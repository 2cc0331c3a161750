"""Storing an imported file's rows as expenses, in one transaction."""

from dataclasses import dataclass

from django.db import transaction

from ledger.models import Category, Expense
from ledger.transfer.csv_import import build_preview

IMPORT_BATCH_SIZE = 2000


@dataclass(frozen=True)
class ImportResult:
    imported: int
    skipped: int  # likely duplicates left out
    refused: int  # rows with errors
    categories_created: list[str]


def import_expenses(
    budget, table, fmt, columns, *, created_by=None, skip_duplicates=True, progress=None
) -> ImportResult:
    """Store the valid rows of a CSV table as `budget`'s expenses, all in one transaction.

    The preview is rebuilt inside the transaction, so what is stored matches the
    database at that moment. Rows with errors are refused, likely duplicates are
    skipped unless `skip_duplicates` is False, missing categories are created.
    Any failure (ImportFileError included) stores nothing. `progress(done, total)`
    is called after each batch.
    """
    with transaction.atomic():
        preview = build_preview(budget, table, fmt, columns)
        rows = preview.to_import(skip_duplicates)
        created = _create_missing_categories(budget, rows)
        category_ids = {
            name.lower(): pk
            for pk, name in Category.objects.for_budget(budget).values_list("pk", "name")
        }
        for start in range(0, len(rows), IMPORT_BATCH_SIZE):
            batch = rows[start : start + IMPORT_BATCH_SIZE]
            Expense.objects.bulk_create(
                Expense(
                    budget=budget,
                    created_by=created_by,
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


def _create_missing_categories(budget, rows) -> list[str]:
    """Create the categories the rows name that the budget lacks (matched case-insensitively)."""
    existing = {
        name.lower() for name in Category.objects.for_budget(budget).values_list("name", flat=True)
    }
    missing = {}
    for row in rows:
        if row.category.lower() not in existing:
            missing.setdefault(row.category.lower(), row.category)
    Category.objects.bulk_create(Category(budget=budget, name=name) for name in missing.values())
    return list(missing.values())
